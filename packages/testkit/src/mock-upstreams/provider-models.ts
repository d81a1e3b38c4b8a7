import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createCohere } from '@ai-sdk/cohere';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { MockUpstream } from './server.ts';

export type ProviderName =
  | 'openai-responses'
  | 'openai-chat'
  | 'openai-compatible'
  | 'anthropic'
  | 'google'
  | 'bedrock'
  | 'cohere'
  | 'mistral';

export const providerNames: ProviderName[] = [
  'openai-responses',
  'openai-chat',
  'openai-compatible',
  'anthropic',
  'google',
  'bedrock',
  'cohere',
  'mistral',
];

export const defaultModelIds: Record<ProviderName, string> = {
  'openai-responses': 'gpt-4o',
  'openai-chat': 'gpt-4o',
  'openai-compatible': 'llama-3.3-70b',
  anthropic: 'claude-sonnet-4-5',
  google: 'gemini-2.5-flash',
  bedrock: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  cohere: 'command-a-03-2025',
  mistral: 'mistral-large-latest',
};

/** Dummy AWS credentials: the Bedrock package signs with SigV4 and the mock accepts any signature. */
export const mockAwsCredentials = {
  region: 'us-east-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** The real AI SDK language model for a provider, pointed at the mock upstream. */
export function createLanguageModel(
  upstream: MockUpstream,
  provider: ProviderName,
  modelId = defaultModelIds[provider],
  options: { includeUsage?: boolean } = {},
): LanguageModelV4 {
  const { openai, anthropic, google, bedrock, cohere, mistral } = upstream.baseURLs;
  switch (provider) {
    case 'openai-responses':
      return createOpenAI({ baseURL: openai, apiKey: 'test' })(modelId);
    case 'openai-chat':
      return createOpenAI({ baseURL: openai, apiKey: 'test' }).chat(modelId);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'compatible',
        baseURL: openai,
        apiKey: 'test',
        includeUsage: options.includeUsage ?? true,
      }).chatModel(modelId);
    case 'anthropic':
      return createAnthropic({ baseURL: anthropic, apiKey: 'test' })(modelId);
    case 'google':
      return createGoogleGenerativeAI({ baseURL: google, apiKey: 'test' })(modelId);
    case 'bedrock':
      return createAmazonBedrock({ baseURL: bedrock, ...mockAwsCredentials })(modelId);
    case 'cohere':
      return createCohere({ baseURL: cohere, apiKey: 'test' })(modelId);
    case 'mistral':
      return createMistral({ baseURL: mistral, apiKey: 'test' })(modelId);
  }
}
