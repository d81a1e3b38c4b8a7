import type { LanguageModelV4ReasoningPart } from '@ai-sdk/provider';
import { readSignature } from './thinking-signature.ts';

/**
 * A replayed thinking block as the canonical prompt holds it: the reasoning text, and under
 * `providerOptions.switchyard.thinking` where it came from. No provider package reads that
 * namespace, so nothing is replayed until `reasoningForTarget` decides, per target, what to keep.
 */
export interface ReplayedThinking {
  /** The provider that served it; absent for a signature Switchyard did not issue. */
  provider?: string;
  signature?: string;
  redactedData?: string;
}

/**
 * The reasoning part of a `thinking` or `redacted_thinking` block a client sent back.
 * @example thinkingPart('2 + 2 = 4', { signature: 'switchyard:anthropic:EqQB' })
 */
export function thinkingPart(
  text: string,
  block: { signature: string } | { redactedData: string },
): LanguageModelV4ReasoningPart {
  const isSigned = 'signature' in block;
  const origin = readSignature(isSigned ? block.signature : block.redactedData);
  const thinking: ReplayedThinking = {
    ...(origin.provider !== undefined && { provider: origin.provider }),
    ...(isSigned ? { signature: origin.value } : { redactedData: origin.value }),
  };
  return {
    type: 'reasoning',
    text,
    providerOptions: { switchyard: { thinking: { ...thinking } } },
  };
}

/**
 * What of a replayed thinking block one target receives: all of it at the provider that made it
 * (its signature as `providerOptions.anthropic` for Anthropic targets), nothing anywhere else.
 * Unsigned thinking is never sent to Anthropic, which would reject it.
 */
export function reasoningForTarget(
  part: LanguageModelV4ReasoningPart,
  target: { providerId: string; isAnthropic: boolean },
): LanguageModelV4ReasoningPart[] {
  const origin = replayedThinkingOf(part);
  if (origin === undefined) return [part];
  const sameProvider =
    origin.provider === undefined ? target.isAnthropic : origin.provider === target.providerId;
  if (!sameProvider) return [];
  if (!target.isAnthropic) return [{ type: 'reasoning', text: part.text }];
  if (origin.redactedData) {
    return [
      {
        type: 'reasoning',
        text: part.text,
        providerOptions: { anthropic: { redactedData: origin.redactedData } },
      },
    ];
  }
  if (!origin.signature) return [];
  return [
    {
      type: 'reasoning',
      text: part.text,
      providerOptions: { anthropic: { signature: origin.signature } },
    },
  ];
}

function replayedThinkingOf(part: LanguageModelV4ReasoningPart): ReplayedThinking | undefined {
  const thinking = part.providerOptions?.switchyard?.thinking;
  if (typeof thinking !== 'object' || thinking === null || Array.isArray(thinking)) return;
  const text = (key: string) => {
    const value = (thinking as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    provider: text('provider'),
    signature: text('signature'),
    redactedData: text('redactedData'),
  };
}
