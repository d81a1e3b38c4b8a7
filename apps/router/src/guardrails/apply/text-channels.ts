import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';

type Part = LanguageModelV4StreamPart;

/** The parts that carry text a client reads. */
export type DeltaPart = Extract<Part, { type: 'text-delta' | 'reasoning-delta' }>;

export const isDelta = (part: Part): part is DeltaPart =>
  part.type === 'text-delta' || part.type === 'reasoning-delta';

export const isBlockEnd = (
  part: Part,
): part is Extract<Part, { type: 'text-end' | 'reasoning-end' }> =>
  part.type === 'text-end' || part.type === 'reasoning-end';

/** One text or reasoning block of a stream, by its kind and id. */
export const channelKey = (part: { type: string; id: string }): string =>
  `${part.type.startsWith('reasoning') ? 'reasoning' : 'text'}:${part.id}`;

/** A delta part of the channel's kind carrying `delta`. */
export function deltaLike(part: DeltaPart, delta: string): DeltaPart {
  return part.type === 'text-delta'
    ? { type: 'text-delta', id: part.id, delta }
    : { type: 'reasoning-delta', id: part.id, delta };
}
