import type {
  EmbeddingModelV4,
  EmbeddingModelV4CallOptions,
  EmbeddingModelV4Result,
} from '@ai-sdk/provider';
import { abortBatchOnFailure } from './abort-batch-on-failure.ts';

/** Calls in flight at once when a batch is split for a model that allows parallel calls. */
const maxParallelCalls = 4;

/**
 * `doEmbed` within the model's `maxEmbeddingsPerCall`, as the AI SDK's `embedMany` does:
 * larger batches become several calls (a few at a time when the model allows it) whose
 * vectors are joined in input order and whose usage is summed. The first failed call aborts
 * the calls still in flight, starts no further call and is rethrown.
 */
export async function embedInBatches(
  model: EmbeddingModelV4,
  options: EmbeddingModelV4CallOptions,
): Promise<EmbeddingModelV4Result> {
  const limit = await model.maxEmbeddingsPerCall;
  if (limit === undefined || options.values.length <= limit) return model.doEmbed(options);
  const chunks: string[][] = [];
  for (let start = 0; start < options.values.length; start += limit) {
    chunks.push(options.values.slice(start, start + limit));
  }
  const parallel = (await model.supportsParallelCalls) ? maxParallelCalls : 1;
  const results: EmbeddingModelV4Result[] = [];
  await abortBatchOnFailure(options.abortSignal, async (abortSignal) => {
    for (let start = 0; start < chunks.length; start += parallel) {
      abortSignal.throwIfAborted();
      const wave = chunks.slice(start, start + parallel);
      results.push(
        ...(await Promise.all(
          wave.map((values) => model.doEmbed({ ...options, values, abortSignal })),
        )),
      );
    }
  });
  return joinResults(results);
}

function joinResults(results: EmbeddingModelV4Result[]): EmbeddingModelV4Result {
  const usages = results.flatMap((result) => (result.usage === undefined ? [] : [result.usage]));
  return {
    embeddings: results.flatMap((result) => result.embeddings),
    usage:
      usages.length === 0
        ? undefined
        : { tokens: usages.reduce((total, usage) => total + usage.tokens, 0) },
    providerMetadata: results[0]?.providerMetadata,
    warnings: results.flatMap((result) => result.warnings),
  };
}
