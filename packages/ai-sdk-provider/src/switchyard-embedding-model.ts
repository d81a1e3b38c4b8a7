import type {
  EmbeddingModelV4,
  EmbeddingModelV4CallOptions,
  EmbeddingModelV4Result,
  SharedV4ProviderMetadata,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { z } from 'zod/v4';
import { postModelCall } from './post-model-call.ts';
import type { SwitchyardModelConfig } from './switchyard-model-config.ts';
import { validateSwitchyardProviderOptions } from './switchyard-provider-options.ts';

const embeddingResultSchema = z.object({
  embeddings: z.array(z.array(z.number())),
  usage: z.object({ tokens: z.number() }).nullish(),
  warnings: z.array(z.looseObject({ type: z.string() })).nullish(),
  providerMetadata: z.record(z.string(), z.record(z.string(), z.unknown())).nullish(),
});

/**
 * An embedding model served through the Switchyard router (`POST {baseURL}/embedding-model`).
 * @example
 * const { embedding } = await embed({
 *   model: createGateway().embeddingModel('openai/text-embedding-3-small'),
 *   value: 'sunny day at the beach',
 * });
 */
export class SwitchyardEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4';
  /** The gateway protocol's limit; the router splits further for providers that need it. */
  readonly maxEmbeddingsPerCall = 2048;
  readonly supportsParallelCalls = true;
  readonly modelId: string;
  private readonly config: SwitchyardModelConfig;

  constructor(modelId: string, config: SwitchyardModelConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  get provider(): string {
    return this.config.provider;
  }

  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const { values, dimensions, providerOptions, headers, abortSignal } = options;
    validateSwitchyardProviderOptions(providerOptions);
    const { value, rawValue, responseHeaders } = await postModelCall(this.config, {
      kind: 'embedding',
      modelId: this.modelId,
      headers,
      body: { values, dimensions, ...(providerOptions ? { providerOptions } : {}) },
      schema: embeddingResultSchema,
      abortSignal,
    });
    return {
      embeddings: value.embeddings,
      usage: value.usage ?? undefined,
      providerMetadata: (value.providerMetadata ?? undefined) as
        | SharedV4ProviderMetadata
        | undefined,
      warnings: (value.warnings ?? []) as SharedV4Warning[],
      response: { headers: responseHeaders, body: rawValue },
    };
  }
}
