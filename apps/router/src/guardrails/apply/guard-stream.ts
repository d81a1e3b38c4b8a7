import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { fusedTransform } from '../../streams/fused-stream.ts';
import type { OutputRules } from '../policy/output-rules.ts';
import type { ActionContext } from './apply-rules.ts';
import { holdStream } from './hold-stream.ts';
import { windowStream } from './window-stream.ts';

type Part = LanguageModelV4StreamPart;

/**
 * How a stream's output rules run: `hold` keeps the answer until it is checked whole (a block
 * rule is enforced), `window` holds back only a sliding window (a redact rule is enforced),
 * `audit` sends at once and checks at the end (only warn and shadow rules), `pass` has nothing
 * to check (it may still restore placeholders).
 */
export type StreamPolicy = 'hold' | 'window' | 'audit' | 'pass';

export function streamPolicyOf(rules: OutputRules): StreamPolicy {
  if (rules.acting.blocks) return 'hold';
  if (rules.acting.redacts) return 'window';
  return rules.observing.detectors.length > 0 ? 'audit' : 'pass';
}

/**
 * The output check of a stream, on canonical parts below every protocol encoder: text and
 * reasoning deltas are checked per the policy, input placeholders restored, every action
 * recorded before the `finish` part goes on. A block ends the stream with an `error` part.
 * @example return { ...answer, value: guardStream(answer.value, policy.output, context) };
 */
export function guardStream(
  stream: ReadableStream<Part>,
  rules: OutputRules,
  context: ActionContext,
): ReadableStream<Part> {
  const policy = streamPolicyOf(rules);
  if (policy === 'pass' && !context.placeholders.restorable) return stream;
  return fusedTransform(
    stream,
    policy === 'hold' ? holdStream(rules.all, context) : windowStream(rules, context),
  );
}
