import type { MockUpstream } from '@switchyard/testkit';

export interface MatrixProvider {
  /** The provider type, also its id in the matrix config. */
  type: string;
  /** A model the catalog prices (or the config's catalog does). */
  modelId: string;
  /** The path the provider's package calls on the mock, query included where there is one. */
  path: RegExp;
  /** Perplexity's API has no tools: its package drops them. */
  tools: boolean;
}

const chat = /^\/v1\/chat\/completions$/;

export const matrixProviders: MatrixProvider[] = [
  { type: 'openai', modelId: 'gpt-4o', path: /^\/v1\/responses$/, tools: true },
  {
    type: 'azure',
    modelId: 'gpt-4o',
    path: /^\/openai\/deployments\/gpt-4o\/chat\/completions\?api-version=2024-10-21$/,
    tools: true,
  },
  { type: 'anthropic', modelId: 'claude-sonnet-4-5', path: /^\/v1\/messages$/, tools: true },
  {
    type: 'google',
    modelId: 'gemini-2.5-flash',
    path: /^\/v1beta\/models\/gemini-2\.5-flash:(generateContent|streamGenerateContent\?alt=sse)$/,
    tools: true,
  },
  {
    type: 'amazon-bedrock',
    modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    path: /^\/model\/anthropic\.claude-sonnet-4-5-20250929-v1(:|%3A)0\/converse(-stream)?$/,
    tools: true,
  },
  {
    type: 'mistral',
    modelId: 'mistral-large-latest',
    path: /^\/mistral\/v1\/chat\/completions$/,
    tools: true,
  },
  {
    type: 'groq',
    modelId: 'llama-3.3-70b-versatile',
    path: /^\/groq\/openai\/v1\/chat\/completions$/,
    tools: true,
  },
  { type: 'xai', modelId: 'grok-4', path: /^\/v1\/responses$/, tools: true },
  {
    type: 'deepseek',
    modelId: 'deepseek-chat',
    path: /^\/deepseek\/chat\/completions$/,
    tools: true,
  },
  { type: 'cohere', modelId: 'command-r-plus', path: /^\/v2\/chat$/, tools: true },
  {
    type: 'togetherai',
    modelId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    path: chat,
    tools: true,
  },
  {
    type: 'fireworks',
    modelId: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
    path: chat,
    tools: true,
  },
  {
    type: 'cerebras',
    modelId: 'llama-3.3-70b',
    path: /^\/cerebras\/v1\/chat\/completions$/,
    tools: true,
  },
  { type: 'perplexity', modelId: 'sonar', path: /^\/perplexity\/chat\/completions$/, tools: false },
  { type: 'openai-compatible', modelId: 'llama3.2', path: chat, tools: true },
];

/** One provider of every type, each pointed at the mock upstream through its own package. */
export function matrixConfig(upstream: MockUpstream) {
  const urls = upstream.baseURLs;
  const apiKey = 'test-key';
  return {
    providers: {
      openai: { type: 'openai', baseURL: urls.openai, apiKey },
      azure: {
        type: 'azure',
        baseURL: urls.azure,
        apiKey,
        useDeploymentBasedUrls: true,
        apiVersion: '2024-10-21',
        api: 'chat',
      },
      anthropic: { type: 'anthropic', baseURL: urls.anthropic, apiKey },
      google: { type: 'google', baseURL: urls.google, apiKey },
      'amazon-bedrock': {
        type: 'amazon-bedrock',
        baseURL: urls.bedrock,
        region: 'us-east-1',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'env:TEST_AWS_SECRET',
      },
      mistral: { type: 'mistral', baseURL: urls.mistral, apiKey },
      groq: { type: 'groq', baseURL: urls.groq, apiKey, allowRequestKeys: true },
      xai: { type: 'xai', baseURL: urls.openai, apiKey },
      deepseek: { type: 'deepseek', baseURL: urls.deepseek, apiKey },
      cohere: { type: 'cohere', baseURL: urls.cohere, apiKey },
      togetherai: { type: 'togetherai', baseURL: urls.openai, apiKey },
      fireworks: { type: 'fireworks', baseURL: urls.openai, apiKey },
      cerebras: { type: 'cerebras', baseURL: urls.cerebras, apiKey },
      perplexity: { type: 'perplexity', baseURL: urls.perplexity, apiKey },
      'openai-compatible': { type: 'openai-compatible', baseURL: urls.openai },
    },
    models: {
      // Perplexity ignores `seed`; Groq honours it.
      'seeded-chat': { targets: ['perplexity/sonar', 'groq/llama-3.3-70b-versatile'] },
    },
    // A local model the bundled catalog cannot price: the operator's prices apply.
    catalog: { 'openai-compatible/llama3.2': { pricing: { input: 0.1, output: 0.2 } } },
  };
}

export const matrixVars = { TEST_AWS_SECRET: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
