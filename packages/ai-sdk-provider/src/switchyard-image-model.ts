import type {
  ImageModelV4,
  ImageModelV4CallOptions,
  ImageModelV4File,
  ImageModelV4ProviderMetadata,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { postModelCall } from './post-model-call.ts';
import type { SwitchyardModelConfig } from './switchyard-model-config.ts';
import { validateSwitchyardProviderOptions } from './switchyard-provider-options.ts';

const imageResultSchema = z.object({
  images: z.array(z.string()),
  warnings: z.array(z.looseObject({ type: z.string() })).nullish(),
  providerMetadata: z.record(z.string(), z.record(z.string(), z.unknown())).nullish(),
  usage: z
    .object({
      inputTokens: z.number().nullish(),
      outputTokens: z.number().nullish(),
      totalTokens: z.number().nullish(),
    })
    .nullish(),
});

/**
 * An image model served through the Switchyard router (`POST {baseURL}/image-model`), which
 * routes and fails over between image targets like any other call.
 * @example
 * const { image } = await generateImage({
 *   model: createGateway().imageModel('openai/gpt-image-1'),
 *   prompt: 'A lighthouse at dusk',
 * });
 */
export class SwitchyardImageModel implements ImageModelV4 {
  readonly specificationVersion = 'v4';
  /** The router's limit per request; `generateImage` splits larger `n` into several calls. */
  readonly maxImagesPerCall = 10;
  readonly modelId: string;
  private readonly config: SwitchyardModelConfig;

  constructor(modelId: string, config: SwitchyardModelConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  get provider(): string {
    return this.config.provider;
  }

  async doGenerate(options: ImageModelV4CallOptions) {
    const { prompt, n, size, aspectRatio, seed, files, mask, providerOptions } = options;
    validateSwitchyardProviderOptions(providerOptions);
    const { value, responseHeaders } = await postModelCall(this.config, {
      kind: 'image',
      modelId: this.modelId,
      headers: options.headers,
      body: {
        prompt,
        n,
        size,
        aspectRatio,
        seed,
        files: files?.map(encodeImageFile),
        mask: mask && encodeImageFile(mask),
        ...(Object.keys(providerOptions ?? {}).length > 0 ? { providerOptions } : {}),
      },
      schema: imageResultSchema,
      abortSignal: options.abortSignal,
    });
    return {
      images: value.images,
      warnings: (value.warnings ?? []) as SharedV4Warning[],
      providerMetadata: withImageEntries(value.providerMetadata ?? undefined),
      response: { timestamp: new Date(), modelId: this.modelId, headers: responseHeaders },
      ...(value.usage != null && {
        usage: {
          inputTokens: value.usage.inputTokens ?? undefined,
          outputTokens: value.usage.outputTokens ?? undefined,
          totalTokens: value.usage.totalTokens ?? undefined,
        },
      }),
    };
  }
}

/** JSON has no bytes: input images travel as base64 text. */
function encodeImageFile(file: ImageModelV4File): ImageModelV4File {
  if (file.type === 'file' && file.data instanceof Uint8Array) {
    return { ...file, data: convertUint8ArrayToBase64(file.data) };
  }
  return file;
}

/** `generateImage` reads per-image metadata from every entry: each gets an `images` list. */
function withImageEntries(
  metadata: Record<string, Record<string, unknown>> | undefined,
): ImageModelV4ProviderMetadata | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(metadata).map(([provider, entry]) => [
      provider,
      { ...entry, images: Array.isArray(entry.images) ? entry.images : [] },
    ]),
  ) as ImageModelV4ProviderMetadata;
}
