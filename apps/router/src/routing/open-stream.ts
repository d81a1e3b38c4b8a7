import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { UpstreamError } from '../errors/index.ts';

const preludeTypes = new Set<LanguageModelV4StreamPart['type']>([
  'stream-start',
  'response-metadata',
  'text-start',
  'reasoning-start',
  'ping',
  'raw',
]);

/**
 * Reads a provider stream up to its first content part. Throws if the stream fails or ends
 * before that, so the caller can fail over invisibly; afterwards, failures become `error`
 * parts in the returned stream, never a thrown read.
 */
export async function openStream(
  source: ReadableStream<LanguageModelV4StreamPart>,
  providerId: string,
): Promise<ReadableStream<LanguageModelV4StreamPart>> {
  const reader = source.getReader();
  const prelude: LanguageModelV4StreamPart[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        throw new UpstreamError({
          provider: providerId,
          message: 'The provider closed the stream before sending any content.',
          code: 'upstream_empty_stream',
          isRetryable: true,
        });
      }
      if (value.type === 'error') throw value.error;
      prelude.push(value);
      if (!preludeTypes.has(value.type)) break;
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }

  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of prelude) controller.enqueue(part);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.enqueue({ type: 'error', error });
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
