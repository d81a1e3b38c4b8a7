import { mistralPathPrefix } from './mistral-chat.ts';

/**
 * Where each AI SDK provider finds the mock upstream. openai-compatible, xAI (Responses API),
 * Together AI and Fireworks speak OpenAI's formats unchanged and use `openai`.
 */
export interface MockBaseURLs {
  openai: string;
  anthropic: string;
  google: string;
  /** Bedrock runtime: the SDK appends `/model/{modelId}/converse`, as on `bedrock-runtime.*`. */
  bedrock: string;
  cohere: string;
  /** Mistral shares OpenAI's `/v1/chat/completions`, so it lives under `/mistral/v1`. */
  mistral: string;
  /** Azure OpenAI: `{azure}/v1/...`, or `{azure}/deployments/{id}/...?api-version=` (legacy). */
  azure: string;
  /** Chat dialects that differ from OpenAI's, each under its own prefix like Mistral. */
  groq: string;
  cerebras: string;
  deepseek: string;
  perplexity: string;
}

export function baseURLsFor(url: string): MockBaseURLs {
  return {
    openai: `${url}/v1`,
    anthropic: `${url}/v1`,
    google: `${url}/v1beta`,
    bedrock: url,
    cohere: `${url}/v2`,
    mistral: `${url}${mistralPathPrefix}/v1`,
    azure: `${url}/openai`,
    groq: `${url}/groq/openai/v1`,
    cerebras: `${url}/cerebras/v1`,
    deepseek: `${url}/deepseek`,
    perplexity: `${url}/perplexity`,
  };
}
