import type {
  RerankingModelV4,
  RerankingModelV4CallOptions,
  RerankingModelV4Result,
  SharedV4ProviderMetadata,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { z } from 'zod/v4';
import { postModelCall } from './post-model-call.ts';
import type { SwitchyardModelConfig } from './switchyard-model-config.ts';
import { validateSwitchyardProviderOptions } from './switchyard-provider-options.ts';

const rerankingResultSchema = z.object({
  ranking: z.array(z.object({ index: z.number(), relevanceScore: z.number() })),
  warnings: z.array(z.looseObject({ type: z.string() })).nullish(),
  providerMetadata: z.record(z.string(), z.record(z.string(), z.unknown())).nullish(),
});

/**
 * A reranking model served through the Switchyard router (`POST {baseURL}/reranking-model`),
 * which routes and fails over between reranking targets like any other call.
 * @example
 * const { rerankedDocuments } = await rerank({
 *   model: createGateway().rerankingModel('cohere/rerank-v3.5'),
 *   documents: ['sunny day at the beach', 'rainy afternoon in the city'],
 *   query: 'talk about rain',
 * });
 */
export class SwitchyardRerankingModel implements RerankingModelV4 {
  readonly specificationVersion = 'v4';
  readonly modelId: string;
  private readonly config: SwitchyardModelConfig;

  constructor(modelId: string, config: SwitchyardModelConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  get provider(): string {
    return this.config.provider;
  }

  async doRerank(options: RerankingModelV4CallOptions): Promise<RerankingModelV4Result> {
    const { documents, query, topN, providerOptions } = options;
    validateSwitchyardProviderOptions(providerOptions);
    const { value, rawValue, responseHeaders } = await postModelCall(this.config, {
      kind: 'reranking',
      modelId: this.modelId,
      headers: options.headers,
      body: { documents, query, topN, ...(providerOptions ? { providerOptions } : {}) },
      schema: rerankingResultSchema,
      abortSignal: options.abortSignal,
    });
    return {
      ranking: value.ranking,
      providerMetadata: (value.providerMetadata ?? undefined) as
        | SharedV4ProviderMetadata
        | undefined,
      warnings: (value.warnings ?? []) as SharedV4Warning[],
      response: { headers: responseHeaders, body: rawValue },
    };
  }
}
