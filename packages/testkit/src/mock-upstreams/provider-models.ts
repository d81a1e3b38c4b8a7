import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createAzure } from '@ai-sdk/azure';
import { createCerebras } from '@ai-sdk/cerebras';
import { createCohere } from '@ai-sdk/cohere';
import { createDeepSeek } from '@ai-sdk/deepseek';
import { createFireworks } from '@ai-sdk/fireworks';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createGroq } from '@ai-sdk/groq';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createPerplexity } from '@ai-sdk/perplexity';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createTogetherAI } from '@ai-sdk/togetherai';
import { createXai } from '@ai-sdk/xai';
import type { MockUpstream } from './server.ts';

/** The model ids each provider is tested with, by provider. */
export const defaultModelIds = {
  'openai-responses': 'gpt-4o',
  'openai-chat': 'gpt-4o',
  'openai-compatible': 'llama-3.3-70b',
  anthropic: 'claude-sonnet-4-5',
  google: 'gemini-2.5-flash',
  bedrock: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  cohere: 'command-a-03-2025',
  mistral: 'mistral-large-latest',
  azure: 'gpt-4o',
  'azure-deployments': 'gpt-4o',
  groq: 'llama-3.3-70b-versatile',
  xai: 'grok-4',
  deepseek: 'deepseek-chat',
  togetherai: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  fireworks: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
  cerebras: 'llama-3.3-70b',
  perplexity: 'sonar',
} as const;

export type ProviderName = keyof typeof defaultModelIds;

export const providerNames = Object.keys(defaultModelIds) as ProviderName[];

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
  modelId: string = defaultModelIds[provider],
  options: { includeUsage?: boolean } = {},
): LanguageModelV4 {
  const { openai, anthropic, google, bedrock, cohere, mistral, azure } = upstream.baseURLs;
  const { groq, cerebras, deepseek, perplexity } = upstream.baseURLs;
  const apiKey = 'test';
  switch (provider) {
    case 'openai-responses':
      return createOpenAI({ baseURL: openai, apiKey })(modelId);
    case 'openai-chat':
      return createOpenAI({ baseURL: openai, apiKey }).chat(modelId);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'compatible',
        baseURL: openai,
        apiKey,
        includeUsage: options.includeUsage ?? true,
      }).chatModel(modelId);
    case 'anthropic':
      return createAnthropic({ baseURL: anthropic, apiKey })(modelId);
    case 'google':
      return createGoogleGenerativeAI({ baseURL: google, apiKey })(modelId);
    case 'bedrock':
      return createAmazonBedrock({ baseURL: bedrock, ...mockAwsCredentials })(modelId);
    case 'cohere':
      return createCohere({ baseURL: cohere, apiKey })(modelId);
    case 'mistral':
      return createMistral({ baseURL: mistral, apiKey })(modelId);
    case 'azure':
      return createAzure({ baseURL: `${azure}/v1`, apiKey })(modelId);
    case 'azure-deployments':
      return createAzure({
        baseURL: azure,
        apiKey,
        useDeploymentBasedUrls: true,
        apiVersion: '2024-10-21',
      }).chat(modelId);
    case 'groq':
      return createGroq({ baseURL: groq, apiKey })(modelId);
    case 'xai':
      return createXai({ baseURL: openai, apiKey })(modelId);
    case 'deepseek':
      return createDeepSeek({ baseURL: deepseek, apiKey })(modelId);
    case 'togetherai':
      return createTogetherAI({ baseURL: openai, apiKey })(modelId);
    case 'fireworks':
      return createFireworks({ baseURL: openai, apiKey })(modelId);
    case 'cerebras':
      return createCerebras({ baseURL: cerebras, apiKey })(modelId);
    case 'perplexity':
      return createPerplexity({ baseURL: perplexity, apiKey })(modelId);
  }
}
