import { z } from 'zod';

/** A secret: `env:NAME` reads the variable NAME from the runtime environment, anything else is literal. */
const secretSchema = z.string().min(1);

const headersSchema = z.record(z.string(), z.string());

/**
 * What a provider does with the data it is sent, as its terms say: how many days it keeps
 * prompts (`"none"` for zero retention), whether it trains on them, and where it processes them.
 * Data policies (`provider.data_collection`, `provider.zdr`, `regions`) skip providers that do
 * not qualify, and providers that declare nothing.
 */
const dataDeclarationSchema = z.strictObject({
  retention: z.union([z.literal('none'), z.number().int().min(0).max(3_650)]),
  training: z.boolean(),
  region: z.string().min(1).max(32).optional(),
});
export type DataDeclaration = z.infer<typeof dataDeclarationSchema>;

const mockModelSchema = z.strictObject({
  /** Fixed reply text; default echoes the last user message. */
  reply: z.string().optional(),
  /** Delay before the response (non-stream) or before the stream opens. */
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  /** Extra delay before the first content chunk of a stream. */
  firstTokenMs: z.number().int().min(0).max(600_000).default(0),
  /** Delay between stream chunks. */
  chunkDelayMs: z.number().int().min(0).max(60_000).default(0),
  /** Injected failure: the HTTP status to fail with ... */
  errorStatus: z.number().int().min(400).max(599).optional(),
  /** ... on this share of requests, spread deterministically (1 = every request). */
  errorRate: z.number().min(0).max(1).default(1),
  /** Never answer (until the caller aborts). */
  hang: z.boolean().default(false),
  /** Streams stop with an error after this many content chunks. */
  cutAfterChunks: z.number().int().min(0).optional(),
  /** Emit reasoning before the answer. */
  reasoning: z.string().optional(),
  contextWindow: z.number().int().positive().optional(),
});
export type MockModelConfig = z.infer<typeof mockModelSchema>;

/** What every provider reached over HTTP accepts. */
const httpProviderBase = {
  /** Where the provider's API lives; each package has the public endpoint as its default. */
  baseURL: z.url().optional(),
  /** Default: the variable the provider's AI SDK package reads, e.g. `env:GROQ_API_KEY`. */
  apiKey: secretSchema.optional(),
  /** Sent with every request to this provider. */
  headers: headersSchema.optional(),
  /** Models this provider serves; when omitted, any `provider/model` id is passed through. */
  models: z.array(z.string().min(1)).optional(),
  /** Requests may bring their own key for this provider (`x-switchyard-provider-keys`). */
  allowRequestKeys: z.boolean().default(false),
  /**
   * A trailing assistant message is continued, not answered afresh; mid-stream failover may
   * continue on this provider. Overrides the per-type default of `providers/prefill-support.ts`.
   */
  assistantPrefill: z.boolean().optional(),
  data: dataDeclarationSchema.optional(),
};

/** A provider whose package needs nothing beyond the common settings. */
const plainProvider = <Type extends string>(type: Type) =>
  z.strictObject({ type: z.literal(type), ...httpProviderBase });

const openaiSchema = z.strictObject({
  type: z.literal('openai'),
  ...httpProviderBase,
  /** Which OpenAI API to call: the Responses API (the AI SDK default) or chat completions. */
  api: z.enum(['responses', 'chat']).default('responses'),
  organization: z.string().optional(),
  project: z.string().optional(),
});

const azureSchema = z
  .strictObject({
    type: z.literal('azure'),
    ...httpProviderBase,
    /** `https://{resourceName}.openai.azure.com/openai`; or give `baseURL` instead. */
    resourceName: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, 'a resource name is one DNS label')
      .optional(),
    /** The `api-version` query parameter; the package's default is `v1`. */
    apiVersion: z.string().min(1).optional(),
    /** Legacy URLs: `{base}/deployments/{model}/...?api-version=...`; model ids are deployment names. */
    useDeploymentBasedUrls: z.boolean().default(false),
    api: z.enum(['responses', 'chat']).default('responses'),
  })
  .refine((config) => config.resourceName !== undefined || config.baseURL !== undefined, {
    message: 'azure needs resourceName or baseURL',
    path: ['resourceName'],
  });

const amazonBedrockSchema = z.strictObject({
  type: z.literal('amazon-bedrock'),
  ...httpProviderBase,
  /** Bedrock API key (bearer); default `env:AWS_BEARER_TOKEN_BEDROCK`. Without one, SigV4 below. */
  apiKey: secretSchema.optional(),
  region: z.string().min(1),
  /** SigV4 credentials; defaults `env:AWS_ACCESS_KEY_ID`, `env:AWS_SECRET_ACCESS_KEY`, `env:AWS_SESSION_TOKEN`. */
  accessKeyId: secretSchema.optional(),
  secretAccessKey: secretSchema.optional(),
  sessionToken: secretSchema.optional(),
});

/** Any OpenAI-compatible server: Ollama, vLLM, LM Studio, OpenRouter, ... */
const openaiCompatibleSchema = z.strictObject({
  type: z.literal('openai-compatible'),
  ...httpProviderBase,
  baseURL: z.url(),
  /** Ask for usage on streams (`stream_options.include_usage`); turn off for servers that reject it. */
  includeUsage: z.boolean().default(true),
});

export const providerSchema = z.discriminatedUnion('type', [
  openaiSchema,
  azureSchema,
  amazonBedrockSchema,
  openaiCompatibleSchema,
  plainProvider('anthropic'),
  plainProvider('google'),
  plainProvider('mistral'),
  plainProvider('groq'),
  plainProvider('xai'),
  plainProvider('deepseek'),
  plainProvider('cohere'),
  plainProvider('togetherai'),
  plainProvider('fireworks'),
  plainProvider('cerebras'),
  plainProvider('perplexity'),
  z.strictObject({
    type: z.literal('mock'),
    models: z.record(z.string().min(1), mockModelSchema),
    data: dataDeclarationSchema.optional(),
  }),
]);

export type ProviderConfig = z.infer<typeof providerSchema>;
export type ProviderType = ProviderConfig['type'];
/** A provider reached over HTTP through its AI SDK package. */
export type HttpProviderConfig = Exclude<ProviderConfig, { type: 'mock' }>;
export type HttpProviderType = HttpProviderConfig['type'];
