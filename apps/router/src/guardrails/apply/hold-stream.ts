import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { PartTransformer, TransformController } from '../../streams/fused-stream.ts';
import { GuardrailViolationError } from '../guardrail-violation-error.ts';
import type { RuleSet } from '../policy/rule-set.ts';
import { type ActionContext, applyRules } from './apply-rules.ts';
import { channelKey, type DeltaPart, deltaLike, isDelta } from './text-channels.ts';

type Part = LanguageModelV4StreamPart;

/**
 * The `hold` policy: every part is kept until the stream finishes (or fails), the whole text
 * is checked, and then either everything goes on — each block's text in one delta, redacted
 * and restored — or, on a block, a `GuardrailViolationError` part ends the stream in-band.
 */
export function holdStream(rules: RuleSet, context: ActionContext): PartTransformer<Part, Part> {
  const held: Part[] = [];
  const texts = new Map<string, string>();
  let released = false;

  const release = (controller: TransformController<Part>, last?: Part) => {
    released = true;
    const keys = [...texts.keys()];
    let checked: string[];
    try {
      checked = applyRules([...texts.values()], rules, context);
    } catch (error) {
      if (!(error instanceof GuardrailViolationError)) throw error;
      controller.enqueue({ type: 'error', error });
      controller.terminate();
      return;
    }
    const whole = new Map(
      keys.map((key, index) => [key, context.placeholders.restore(checked[index] as string)]),
    );
    for (const part of held) {
      if (!isDelta(part)) {
        controller.enqueue(part);
        continue;
      }
      const key = channelKey(part);
      const text = whole.get(key);
      whole.delete(key);
      if (text) controller.enqueue(deltaLike(part as DeltaPart, text));
    }
    if (last !== undefined) controller.enqueue(last);
  };

  return {
    transform(part, controller) {
      if (released) return;
      if (part.type === 'finish' || part.type === 'error') return release(controller, part);
      held.push(part);
      if (isDelta(part)) {
        const key = channelKey(part);
        texts.set(key, (texts.get(key) ?? '') + part.delta);
      }
    },
    flush(controller) {
      if (!released) release(controller);
    },
  };
}
