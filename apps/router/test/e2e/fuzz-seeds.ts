/** The valid requests the fuzzer starts from: every route, streaming and not. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Seed {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Json;
}

const prompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];
const chat = {
  model: 'mock/echo',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  temperature: 1,
  max_tokens: 16,
  tools: [
    {
      type: 'function',
      function: {
        name: 'f',
        parameters: { type: 'object', properties: { a: { type: 'string' } } },
      },
    },
  ],
  metadata: { team: 'a' },
  provider: { order: ['mock'], allow_fallbacks: true },
};
const callOptions = {
  prompt,
  temperature: 1,
  topK: 3,
  maxOutputTokens: 16,
  responseFormat: { type: 'json', schema: { type: 'object' } },
  providerOptions: { switchyard: { models: ['mock/echo'], metadata: { team: 'a' } } },
};
const json = { 'content-type': 'application/json' };
const aiLanguage = { ...json, 'ai-language-model-id': 'mock/echo' };

/** A valid request for every route; the fuzzer only ever mutates these. */
export const seeds: Seed[] = [
  { route: 'chat', method: 'POST', path: '/v1/chat/completions', headers: json, body: chat },
  {
    route: 'chat stream',
    method: 'POST',
    path: '/v1/chat/completions',
    headers: json,
    body: { ...chat, stream: true, stream_options: { include_usage: true } },
  },
  {
    route: 'embeddings',
    method: 'POST',
    path: '/v1/embeddings',
    headers: json,
    body: { model: 'mock/echo', input: ['a', 'b'], dimensions: 8 },
  },
  {
    route: 'images',
    method: 'POST',
    path: '/v1/images/generations',
    headers: json,
    body: { model: 'mock/echo', prompt: 'a cat', n: 1, size: '256x256' },
  },
  {
    route: 'ai language-model',
    method: 'POST',
    path: '/v1/ai/language-model',
    headers: aiLanguage,
    body: callOptions,
  },
  {
    route: 'ai language-model stream',
    method: 'POST',
    path: '/v1/ai/language-model',
    headers: { ...aiLanguage, 'ai-language-model-streaming': 'true' },
    body: callOptions,
  },
  {
    route: 'ai embedding-model',
    method: 'POST',
    path: '/v1/ai/embedding-model',
    headers: { ...json, 'ai-model-id': 'mock/echo' },
    body: { values: ['a'], providerOptions: { switchyard: { tags: ['x'] } } },
  },
  { route: 'models', method: 'GET', path: '/v1/models', headers: {} },
  { route: 'ai config', method: 'GET', path: '/v1/ai/config', headers: {} },
  { route: 'health', method: 'GET', path: '/health', headers: {} },
];
