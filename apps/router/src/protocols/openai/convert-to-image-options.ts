import type { ImageModelV4CallOptions } from '@ai-sdk/provider';
import { omitUndefined } from './convert-to-call-options.ts';
import type { ImagesRequest } from './images-request.ts';

/**
 * The call options for an OpenAI image request. OpenAI-only settings (`quality`, `style`,
 * `background`, `output_format`, `user`) travel in `providerOptions.openai`; other providers
 * ignore them.
 */
export function convertToImageOptions(request: ImagesRequest): ImageModelV4CallOptions {
  const openai = omitUndefined({
    quality: request.quality ?? undefined,
    style: request.style ?? undefined,
    background: request.background ?? undefined,
    outputFormat: request.output_format ?? undefined,
    user: request.user ?? undefined,
  });
  return {
    prompt: request.prompt,
    n: request.n ?? 1,
    size: request.size == null || request.size === 'auto' ? undefined : request.size,
    aspectRatio: undefined,
    seed: request.seed ?? undefined,
    files: undefined,
    mask: undefined,
    providerOptions: Object.keys(openai).length > 0 ? { openai } : {},
  };
}
