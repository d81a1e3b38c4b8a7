import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { PartTransformer, TransformController } from '../../streams/fused-stream.ts';
import type { OutputRules } from '../policy/output-rules.ts';
import type { ActionContext } from './apply-rules.ts';
import { recordHits } from './record-actions.ts';
import { createRestoreWindow, type RestoreWindow } from './restore-window.ts';
import { findHits, type RuleHit } from './rule-hits.ts';
import { channelKey, type DeltaPart, deltaLike, isBlockEnd, isDelta } from './text-channels.ts';
import { createTextWindow, type TextWindow } from './text-window.ts';

type Part = LanguageModelV4StreamPart;

interface Channel {
  first: DeltaPart;
  window: TextWindow | undefined;
  restore: RestoreWindow;
  /** The block's text as the model wrote it, for the end-of-block audit. */
  audit: string;
}

/**
 * The `window`, `audit` and `pass` policies: text goes on as it becomes final — at once, or
 * once past the redaction window — with placeholders restored; warn and shadow rules audit
 * each block's whole text when it ends, and everything is recorded before `finish` goes on.
 */
export function windowStream(
  rules: OutputRules,
  context: ActionContext,
): PartTransformer<Part, Part> {
  const channels = new Map<string, Channel>();
  const record = (hits: readonly RuleHit[]) =>
    recordHits(context.facts, context.hashKey, 'output', hits);

  const send = (controller: TransformController<Part>, channel: Channel, text: string) => {
    if (text !== '') controller.enqueue(deltaLike(channel.first, text));
  };
  const close = (controller: TransformController<Part>, key: string) => {
    const channel = channels.get(key);
    if (channel === undefined) return;
    channels.delete(key);
    if (channel.window !== undefined) {
      const { text, hits } = channel.window.end();
      record(hits);
      send(controller, channel, channel.restore.push(text));
    }
    send(controller, channel, channel.restore.end());
    record(findHits(channel.audit, rules.observing));
  };
  const closeAll = (controller: TransformController<Part>) => {
    for (const key of [...channels.keys()]) close(controller, key);
  };

  return {
    transform(part, controller) {
      if (isDelta(part)) {
        const key = channelKey(part);
        let channel = channels.get(key);
        if (channel === undefined) {
          channel = {
            first: part,
            window: rules.acting.redacts
              ? createTextWindow(rules.acting, context.placeholders)
              : undefined,
            restore: createRestoreWindow(context.placeholders),
            audit: '',
          };
          channels.set(key, channel);
        }
        if (rules.observing.detectors.length > 0) channel.audit += part.delta;
        if (channel.window === undefined) {
          send(controller, channel, channel.restore.push(part.delta));
          return;
        }
        const { text, hits } = channel.window.push(part.delta);
        record(hits);
        send(controller, channel, channel.restore.push(text));
        return;
      }
      if (isBlockEnd(part)) close(controller, channelKey(part));
      else if (part.type === 'finish' || part.type === 'error') closeAll(controller);
      controller.enqueue(part);
    },
    flush(controller) {
      closeAll(controller);
    },
  };
}
