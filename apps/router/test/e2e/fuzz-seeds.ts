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

const responses = {
  model: 'mock/echo',
  input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  instructions: 'Be brief.',
  temperature: 1,
  max_output_tokens: 16,
  tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }],
  text: { format: { type: 'json_schema', name: 'x', schema: { type: 'object' } } },
  metadata: { team: 'a' },
  store: true,
};

const responsesSeeds: Seed[] = [
  { route: 'responses', method: 'POST', path: '/v1/responses', headers: json, body: responses },
  {
    route: 'responses stream',
    method: 'POST',
    path: '/v1/responses',
    headers: { ...json, 'idempotency-key': 'fuzz-1' },
    body: {
      ...responses,
      stream: true,
      previous_response_id: 'resp_0123456789abcdef0123456789abcdef',
    },
  },
];

const anthropic = { ...json, 'anthropic-version': '2023-06-01' };
const messages = {
  model: 'mock/echo',
  max_tokens: 16,
  system: [{ type: 'text', text: 'Be brief.' }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] },
  ],
  tools: [{ name: 'f', input_schema: { type: 'object' } }],
  tool_choice: { type: 'auto' },
  metadata: { user_id: 'u1' },
  temperature: 0.5,
};

const anthropicSeeds: Seed[] = [
  { route: 'messages', method: 'POST', path: '/v1/messages', headers: anthropic, body: messages },
  {
    route: 'messages stream',
    method: 'POST',
    path: '/v1/messages?beta=true',
    headers: { ...anthropic, 'anthropic-beta': 'interleaved-thinking-2025-05-14' },
    body: { ...messages, stream: true, thinking: { type: 'enabled', budget_tokens: 1024 } },
  },
  {
    route: 'count tokens',
    method: 'POST',
    path: '/v1/messages/count_tokens',
    headers: anthropic,
    body: { model: 'mock/echo', messages: messages.messages, tools: messages.tools },
  },
  { route: 'anthropic models', method: 'GET', path: '/v1/models?limit=5', headers: anthropic },
];

const image = { ...json, 'ai-model-id': 'mock/echo' };

const gatewaySeeds: Seed[] = [
  {
    route: 'v4 language-model',
    method: 'POST',
    path: '/v4/ai/language-model',
    headers: { ...aiLanguage, 'ai-language-model-specification-version': '4' },
    body: callOptions,
  },
  {
    route: 'v4 embedding-model',
    method: 'POST',
    path: '/v4/ai/embedding-model',
    headers: { ...json, 'ai-model-id': 'mock/echo' },
    body: { values: ['a', 'b'] },
  },
  {
    route: 'v4 image-model',
    method: 'POST',
    path: '/v4/ai/image-model',
    headers: image,
    body: {
      n: 2,
      prompt: 'a cat',
      size: '256x256',
      files: [{ type: 'file', mediaType: 'image/png', data: 'aGVsbG8=' }],
      providerOptions: { switchyard: { tags: ['x'] } },
    },
  },
  {
    route: 'v4 reranking-model',
    method: 'POST',
    path: '/v4/ai/reranking-model',
    headers: image,
    body: { documents: { type: 'text', values: ['a', 'b', 'c'] }, query: 'q', topN: 2 },
  },
  { route: 'v4 config', method: 'GET', path: '/v4/ai/config', headers: {} },
  { route: 'credits', method: 'GET', path: '/v1/credits', headers: {} },
  { route: 'generation', method: 'GET', path: '/v1/generation?id=gen-1', headers: {} },
];

const hash = 'e'.repeat(64);
const scope = { name: 'fuzz', limit: 5, limit_reset: 'daily', rpm: 10, models: ['mock/*'] };
const get = (route: string, path: string): Seed => ({ route, method: 'GET', path, headers: {} });

const managementSeeds: Seed[] = [
  { route: 'create key', method: 'POST', path: '/api/v1/keys', headers: json, body: scope },
  { route: 'create team', method: 'POST', path: '/api/v1/teams', headers: json, body: scope },
  {
    route: 'update key',
    method: 'PATCH',
    path: `/api/v1/keys/${hash}`,
    headers: json,
    body: { ...scope, metadata: { owner: 'a' } },
  },
  {
    route: 'rotate key',
    method: 'POST',
    path: `/api/v1/keys/${hash}/rotate`,
    headers: json,
    body: { grace_seconds: 60 },
  },
  get('list keys', '/api/v1/keys?limit=5&include_disabled=true'),
  get('audit', '/api/v1/audit?limit=5'),
  get('usage', '/api/v1/usage/keys?limit=5'),
  get('team usage', '/api/v1/teams/fuzz/usage'),
  get('targets health', '/api/v1/targets/health'),
  get('request log', '/api/v1/requests?limit=5&status=success'),
  get('stats', '/api/v1/stats?step=1h&group_by=model'),
  get('own key', '/api/v1/key'),
  get('metrics', '/metrics'),
  get('dashboard', '/dashboard'),
];

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
  ...responsesSeeds,
  ...anthropicSeeds,
  ...gatewaySeeds,
  ...managementSeeds,
];
