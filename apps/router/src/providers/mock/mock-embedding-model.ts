import type { EmbeddingModelV4 } from '@ai-sdk/provider';
import { createMockGate, type MockModelOptions } from './mock-faults.ts';
import { estimateTokens } from './mock-usage.ts';

export type MockEmbeddingModelOptions = MockModelOptions;

/** Vector length when the call names no `dimensions`. */
export const defaultMockDimensions = 8;

/**
 * A deterministic embedding model: each text maps to a unit vector derived from its hash, so
 * equal texts embed equally on every runtime and different texts almost never do.
 *
 * @example
 * const model = createMockEmbeddingModel({ providerId: 'mock', modelId: 'echo', settings });
 * const { embeddings } = await model.doEmbed({ values: ['hello'], dimensions: 4 });
 */
export function createMockEmbeddingModel(options: MockEmbeddingModelOptions): EmbeddingModelV4 {
  const { providerId, modelId } = options;
  const passGate = createMockGate(options);
  return {
    specificationVersion: 'v4',
    provider: `${providerId}.embedding`,
    modelId,
    maxEmbeddingsPerCall: undefined,
    supportsParallelCalls: true,
    async doEmbed({ values, dimensions, abortSignal }) {
      await passGate(abortSignal);
      const length = dimensions ?? defaultMockDimensions;
      return {
        embeddings: values.map((value) => hashVector(value, length)),
        usage: { tokens: values.reduce((sum, value) => sum + estimateTokens(value), 0) },
        warnings: [],
      };
    },
  };
}

/** A unit vector whose components come from FNV-1a hashes of the text, one seed per component. */
export function hashVector(text: string, dimensions: number): number[] {
  const vector = Array.from(
    { length: dimensions },
    (_, index) => (fnv1a(`${index}:${text}`) / 0xffffffff) * 2 - 1,
  );
  const norm = Math.sqrt(vector.reduce((sum, component) => sum + component * component, 0));
  return norm === 0 ? vector : vector.map((component) => component / norm);
}

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
