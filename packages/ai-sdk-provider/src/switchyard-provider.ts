import {
  type EmbeddingModelV4,
  type ImageModelV4,
  type LanguageModelV4,
  LoadSettingError,
  type ProviderV4,
  type RerankingModelV4,
} from '@ai-sdk/provider';
import {
  type FetchFunction,
  loadApiKey,
  loadOptionalSetting,
  withoutTrailingSlash,
  withUserAgentSuffix,
} from '@ai-sdk/provider-utils';
import { getAvailableModels, type SwitchyardAvailableModels } from './get-available-models.ts';
import { SwitchyardEmbeddingModel } from './switchyard-embedding-model.ts';
import { SwitchyardImageModel } from './switchyard-image-model.ts';
import { SwitchyardLanguageModel } from './switchyard-language-model.ts';
import type { SwitchyardModelConfig } from './switchyard-model-config.ts';
import { SwitchyardRerankingModel } from './switchyard-reranking-model.ts';
import { VERSION } from './version.ts';

/** The `@ai-sdk/gateway` wire protocol version this client speaks. */
const protocolVersion = '0.0.1';

export interface SwitchyardProviderSettings {
  /**
   * The router's AI SDK endpoint, e.g. `http://127.0.0.1:8787/v1/ai`.
   * Defaults to the `SWITCHYARD_BASE_URL` environment variable.
   */
  baseURL?: string;
  /** A Switchyard API key. Defaults to the `SWITCHYARD_API_KEY` environment variable. */
  apiKey?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A custom `fetch`, e.g. for tests or a proxy. */
  fetch?: FetchFunction;
}

/**
 * An AI SDK provider for a Switchyard router: call it with a model id (an alias or
 * `provider/model`) to get a language model.
 */
export interface SwitchyardProvider extends ProviderV4 {
  (modelId: string): LanguageModelV4;
  languageModel(modelId: string): LanguageModelV4;
  embeddingModel(modelId: string): EmbeddingModelV4;
  /** @deprecated Use `embeddingModel`; kept so code written for `@ai-sdk/gateway` still runs. */
  textEmbeddingModel(modelId: string): EmbeddingModelV4;
  /** An image model, for `generateImage` (`POST {baseURL}/image-model`). */
  imageModel(modelId: string): ImageModelV4;
  /** A reranking model, for `rerank` (`POST {baseURL}/reranking-model`). */
  rerankingModel(modelId: string): RerankingModelV4;
  /** The models the router serves (`GET {baseURL}/config`). */
  getAvailableModels(): Promise<SwitchyardAvailableModels>;
}

/**
 * Creates a provider that sends AI SDK calls to a Switchyard router. Settings missing here are
 * read from `SWITCHYARD_BASE_URL` / `SWITCHYARD_API_KEY` at the first request, not at import.
 * @example
 * import { createGateway } from '@switchyard/ai-sdk-provider';
 * import { generateText } from 'ai';
 *
 * const gateway = createGateway({ baseURL: 'http://127.0.0.1:8787/v1/ai', apiKey: 'sk-...' });
 * const { text } = await generateText({ model: gateway('openai/gpt-4o'), prompt: 'Hello' });
 */
export function createGateway(settings: SwitchyardProviderSettings = {}): SwitchyardProvider {
  const config: SwitchyardModelConfig = {
    provider: 'switchyard',
    baseURL: () => loadBaseURL(settings.baseURL),
    headers: () =>
      withUserAgentSuffix(
        {
          authorization: `Bearer ${loadApiKey({
            apiKey: settings.apiKey,
            environmentVariableName: 'SWITCHYARD_API_KEY',
            description: 'Switchyard',
          })}`,
          'ai-gateway-protocol-version': protocolVersion,
          ...settings.headers,
        },
        `switchyard-ai-sdk-provider/${VERSION}`,
      ),
    fetch: settings.fetch,
  };
  const languageModel = (modelId: string) => new SwitchyardLanguageModel(modelId, config);
  const embeddingModel = (modelId: string) => new SwitchyardEmbeddingModel(modelId, config);

  return Object.assign((modelId: string) => languageModel(modelId), {
    specificationVersion: 'v4' as const,
    languageModel,
    embeddingModel,
    textEmbeddingModel: embeddingModel,
    imageModel: (modelId: string) => new SwitchyardImageModel(modelId, config),
    rerankingModel: (modelId: string) => new SwitchyardRerankingModel(modelId, config),
    getAvailableModels: () => getAvailableModels(config),
  });
}

/**
 * The default provider, configured by `SWITCHYARD_BASE_URL` and `SWITCHYARD_API_KEY`; they are
 * read when a request is made, so importing it never fails.
 * @example
 * import { gateway } from '@switchyard/ai-sdk-provider';
 * const { text } = await generateText({ model: gateway('chat'), prompt: 'Hello' });
 */
export const gateway: SwitchyardProvider = /* @__PURE__ */ createGateway();

function loadBaseURL(baseURL: string | undefined): string {
  const value = withoutTrailingSlash(
    loadOptionalSetting({ settingValue: baseURL, environmentVariableName: 'SWITCHYARD_BASE_URL' }),
  );
  if (value === undefined || value === '') {
    throw new LoadSettingError({
      message:
        "Switchyard base URL is missing. Pass it using the 'baseURL' option or the " +
        'SWITCHYARD_BASE_URL environment variable, e.g. http://127.0.0.1:8787/v1/ai.',
    });
  }
  return value;
}
