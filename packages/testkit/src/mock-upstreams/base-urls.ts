import { mistralPathPrefix } from './mistral-chat.ts';

/** Where each AI SDK provider finds the mock upstream; openai-compatible uses `openai`. */
export interface MockBaseURLs {
  openai: string;
  anthropic: string;
  google: string;
  /** Bedrock runtime: the SDK appends `/model/{modelId}/converse`, as on `bedrock-runtime.*`. */
  bedrock: string;
  cohere: string;
  /** Mistral shares OpenAI's `/v1/chat/completions`, so it lives under `/mistral/v1`. */
  mistral: string;
}

export function baseURLsFor(url: string): MockBaseURLs {
  return {
    openai: `${url}/v1`,
    anthropic: `${url}/v1`,
    google: `${url}/v1beta`,
    bedrock: url,
    cohere: `${url}/v2`,
    mistral: `${url}${mistralPathPrefix}/v1`,
  };
}
