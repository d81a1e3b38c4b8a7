import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import {
  combineHeaders,
  createEventSourceResponseHandler,
  createJsonResponseHandler,
  type ParseResult,
  postJsonToApi,
} from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { encodeFileData } from './encode-file-data.ts';
import {
  mapStreamErrorPart,
  mapSwitchyardError,
  switchyardFailedResponseHandler,
} from './map-switchyard-error.ts';
import type { SwitchyardModelConfig } from './switchyard-model-config.ts';
import { validateSwitchyardProviderOptions } from './switchyard-provider-options.ts';

// Minimal checks: the router sends the AI SDK's own result and part shapes, passed on as they are.
const generateResultSchema = z.looseObject({
  content: z.array(z.looseObject({ type: z.string() })),
  finishReason: z.looseObject({ unified: z.string() }),
  usage: z.looseObject({}),
  warnings: z.array(z.looseObject({ type: z.string() })).nullish(),
  response: z
    .looseObject({
      id: z.string().nullish(),
      timestamp: z.union([z.string(), z.number()]).nullish(),
      modelId: z.string().nullish(),
    })
    .nullish(),
});

const streamPartSchema = z.looseObject({ type: z.string() });
type WirePart = z.infer<typeof streamPartSchema>;

type WireGenerateResult = Omit<LanguageModelV4GenerateResult, 'response'> & {
  response?: { id?: string | null; timestamp?: string | number | null; modelId?: string | null };
};

/**
 * A language model served through the Switchyard router (`POST {baseURL}/language-model`, the
 * `@ai-sdk/gateway` wire protocol). Create it with `createGateway()(modelId)`.
 * @example
 * const model = createGateway({ baseURL, apiKey }).languageModel('openai/gpt-4o');
 * const { text } = await generateText({ model, prompt: 'Hello' });
 */
export class SwitchyardLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  /** The router passes URLs on to the provider, as the official gateway client assumes. */
  readonly supportedUrls: Record<string, RegExp[]> = { '*/*': [/.*/] };
  readonly modelId: string;
  private readonly config: SwitchyardModelConfig;

  constructor(modelId: string, config: SwitchyardModelConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  get provider(): string {
    return this.config.provider;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const request = this.prepareRequest(options, false);
    const { value, rawValue, responseHeaders } = await postJsonToApi({
      ...request,
      successfulResponseHandler: createJsonResponseHandler(generateResultSchema),
      failedResponseHandler: switchyardFailedResponseHandler,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    }).catch((error: unknown) => {
      throw mapSwitchyardError(error, { modelId: this.modelId });
    });
    const result = value as unknown as WireGenerateResult;
    return {
      ...result,
      warnings: result.warnings ?? [],
      request: { url: request.url, body: request.body },
      response: {
        id: result.response?.id ?? undefined,
        timestamp: reviveTimestamp(result.response?.timestamp),
        modelId: result.response?.modelId ?? undefined,
        headers: responseHeaders,
        body: rawValue,
      },
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const request = this.prepareRequest(options, true);
    const { value: events, responseHeaders } = await postJsonToApi({
      ...request,
      successfulResponseHandler: createEventSourceResponseHandler(streamPartSchema),
      failedResponseHandler: switchyardFailedResponseHandler,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    }).catch((error: unknown) => {
      throw mapSwitchyardError(error, { modelId: this.modelId });
    });
    const exchange = { url: request.url, requestBodyValues: request.body, responseHeaders };
    const modelId = this.modelId;
    const includeRawChunks = options.includeRawChunks === true;
    return {
      stream: events.pipeThrough(
        new TransformStream<ParseResult<WirePart>, LanguageModelV4StreamPart>({
          transform(event, controller) {
            if (!event.success) return controller.error(event.error);
            const part = event.value as unknown as LanguageModelV4StreamPart;
            if (part.type === 'raw' && !includeRawChunks) return;
            if (part.type === 'response-metadata') {
              const timestamp: unknown = part.timestamp;
              return controller.enqueue({ ...part, timestamp: reviveTimestamp(timestamp) });
            }
            if (part.type === 'error') {
              const error = mapStreamErrorPart(part.error, exchange, { modelId });
              return controller.enqueue({ type: 'error', error });
            }
            controller.enqueue(part);
          },
        }),
      ),
      request: { url: request.url, body: request.body },
      response: { headers: responseHeaders },
    };
  }

  private prepareRequest(options: LanguageModelV4CallOptions, streaming: boolean) {
    validateSwitchyardProviderOptions(options.providerOptions);
    const { abortSignal: _abortSignal, ...callOptions } = options;
    return {
      url: `${this.config.baseURL()}/language-model`,
      headers: combineHeaders(this.config.headers(), options.headers, {
        'ai-language-model-specification-version': '4',
        'ai-language-model-id': this.modelId,
        'ai-language-model-streaming': String(streaming),
      }),
      body: { ...callOptions, prompt: encodeFileData(options.prompt) },
    };
  }
}

/** JSON carries dates as ISO strings; the AI SDK expects `Date`. */
function reviveTimestamp(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
