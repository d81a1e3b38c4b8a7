import type { HttpProviderConfig, HttpProviderType } from '../config/index.ts';
import { resolveSecret } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';

/** The variable each provider type's AI SDK package reads its key from: the config's default. */
export const keyVariables: Readonly<Partial<Record<HttpProviderType, string>>> = {
  openai: 'OPENAI_API_KEY',
  azure: 'AZURE_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
  'amazon-bedrock': 'AWS_BEARER_TOKEN_BEDROCK',
  mistral: 'MISTRAL_API_KEY',
  groq: 'GROQ_API_KEY',
  xai: 'XAI_API_KEY',
  deepseek: 'DEEPSEEK_API_KEY',
  cohere: 'COHERE_API_KEY',
  togetherai: 'TOGETHER_API_KEY',
  fireworks: 'FIREWORKS_API_KEY',
  cerebras: 'CEREBRAS_API_KEY',
  perplexity: 'PERPLEXITY_API_KEY',
};

/** AWS access keys, for Bedrock without an API key (SigV4-signed requests). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Credentials {
  apiKey?: string;
  aws?: AwsCredentials;
}

/**
 * What a provider is called with: the request's own key (BYOK) if it brought one, else the
 * configured secret, else the package's variable; Bedrock falls back to AWS access keys.
 * `undefined` when nothing is set; OpenAI-compatible servers (Ollama, vLLM) may need no key.
 */
export function resolveCredentials(
  config: HttpProviderConfig,
  env: Readonly<Record<string, unknown>>,
  requestKey?: string,
): Credentials | undefined {
  if (requestKey !== undefined) return { apiKey: requestKey };
  const variable = keyVariables[config.type];
  const apiKey = resolveSecret(config.apiKey ?? (variable && `env:${variable}`), env);
  if (apiKey !== undefined) return { apiKey };
  if (config.type === 'openai-compatible') return {};
  if (config.type !== 'amazon-bedrock') return undefined;
  const accessKeyId = resolveSecret(config.accessKeyId ?? 'env:AWS_ACCESS_KEY_ID', env);
  const secretAccessKey = resolveSecret(config.secretAccessKey ?? 'env:AWS_SECRET_ACCESS_KEY', env);
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  const sessionToken = resolveSecret(config.sessionToken ?? 'env:AWS_SESSION_TOKEN', env);
  return { aws: { accessKeyId, secretAccessKey, sessionToken } };
}

/** Retryable: another target, with its own key, may serve the request. */
export function providerKeyMissing(config: HttpProviderConfig, providerId: string): GatewayError {
  const reference = config.apiKey ?? `env:${keyVariables[config.type]}`;
  const bedrockAlternative =
    config.type === 'amazon-bedrock' ? ', or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY' : '';
  return new GatewayError({
    message: `Provider '${providerId}' has no API key: set ${reference.replace(/^env:/, '')}${bedrockAlternative}.`,
    statusCode: 500,
    type: 'api_error',
    code: 'provider_key_missing',
    isRetryable: true,
  });
}
