/** The JSON routes of the hostile-input table: a valid request each, and where to attack it. */
import type { HostileRequest } from './hostile-input-cases.ts';

export const json = { 'content-type': 'application/json' };

// Markers replaced in the JSON text, for values JSON.stringify cannot write.
const nest = '__deep__';
export const deepMarker = `"${nest}"`;
export const hugeMarker = '"__huge__"';
export const deep = '['.repeat(10_000) + ']'.repeat(10_000);

export interface JsonRoute {
  route: string;
  path: string;
  headers: Record<string, string>;
  valid: Record<string, unknown>;
  /** Where a client's nested JSON goes. */
  nestable: Record<string, unknown>[];
  /** Numeric fields: each becomes 1e999, -1e999 and a 30-digit integer. */
  numbers: string[];
  /** Bodies of the wrong type or out of range; strings are sent as they are. */
  wrongTypes: (Record<string, unknown> | string)[];
  /** The valid body with request metadata (JSON text) where this route reads it. */
  withMetadata: (metadata: string) => string;
  /** How this route is told which model to call. */
  withModel: (model: string) => Pick<HostileRequest, 'headers' | 'body'>;
}

const chat = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] };
export const prompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

/** `body` as JSON text with one more field whose value is given as JSON text. */
export function withField(body: Record<string, unknown>, name: string, value: string): string {
  return `${JSON.stringify(body).slice(0, -1)},${JSON.stringify(name)}:${value}}`;
}

/** The routes that take a JSON body, each with a valid body and where hostile values go. */
export const jsonRoutes: JsonRoute[] = [
  {
    route: 'POST /v1/chat/completions',
    path: '/v1/chat/completions',
    headers: {},
    valid: chat,
    nestable: [
      { ...chat, tools: [{ type: 'function', function: { name: 'f', parameters: { a: nest } } }] },
      {
        ...chat,
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: nest } },
      },
      { ...chat, metadata: nest },
    ],
    numbers: ['temperature', 'top_p', 'top_k', 'top_logprobs', 'max_tokens', 'seed', 'n'],
    wrongTypes: [
      { ...chat, model: 42 },
      { ...chat, messages: { role: 'user' } },
      { ...chat, messages: [{ role: 'user', content: 7 }] },
      { ...chat, stream: 'yes' },
      { ...chat, temperature: -1 },
      { ...chat, tools: [{ type: 'function', function: { name: 'a b' } }] },
      {
        ...chat,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }],
          },
        ],
      },
    ],
    withMetadata: (metadata) => withField(chat, 'metadata', metadata),
    withModel: (model) => ({ headers: {}, body: JSON.stringify({ ...chat, model }) }),
  },
  {
    route: 'POST /v1/embeddings',
    path: '/v1/embeddings',
    headers: {},
    valid: { model: 'mock/echo', input: 'hi' },
    nestable: [{ model: 'mock/echo', input: nest }],
    numbers: ['dimensions'],
    wrongTypes: [
      { model: 'mock/echo', input: 5 },
      { model: 'mock/echo', input: [] },
      { model: ['mock/echo'], input: 'hi' },
      { model: 'mock/echo', input: 'hi', dimensions: -3 },
    ],
    withMetadata: (metadata) =>
      withField({ model: 'mock/echo', input: 'hi' }, 'metadata', metadata),
    withModel: (model) => ({ headers: {}, body: JSON.stringify({ model, input: 'hi' }) }),
  },
  {
    route: 'POST /v1/images/generations',
    path: '/v1/images/generations',
    headers: {},
    valid: { model: 'mock/echo', prompt: 'a cat' },
    nestable: [{ model: 'mock/echo', prompt: nest }],
    numbers: ['n', 'seed'],
    wrongTypes: [
      { model: 'mock/echo', prompt: ['a cat'] },
      { model: 'mock/echo', prompt: 'a cat', size: '-1x-1' },
      { model: 'mock/echo', prompt: 'a cat', n: 1000 },
    ],
    withMetadata: (metadata) =>
      withField({ model: 'mock/echo', prompt: 'a cat' }, 'metadata', metadata),
    withModel: (model) => ({ headers: {}, body: JSON.stringify({ model, prompt: 'a cat' }) }),
  },
  {
    route: 'POST /v1/ai/language-model',
    path: '/v1/ai/language-model',
    headers: { 'ai-language-model-id': 'mock/echo', 'ai-language-model-streaming': 'false' },
    valid: { prompt },
    nestable: [
      { prompt, providerOptions: { openai: { a: nest } } },
      { prompt, tools: [{ type: 'function', name: 'f', inputSchema: { a: nest } }] },
      { prompt, responseFormat: { type: 'json', schema: { a: nest } } },
    ],
    numbers: ['temperature', 'topP', 'topK', 'maxOutputTokens', 'presencePenalty', 'seed'],
    wrongTypes: [
      { prompt: 'hi' },
      { prompt: [{ role: 'user', content: 'hi' }] },
      { prompt, temperature: -1 },
      { prompt, topK: -5 },
      withField({ prompt }, 'providerOptions', '{"switchyard":{"__proto__":{"models":["x"]}}}'),
      {
        prompt: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                mediaType: 'text/plain',
                data: { type: 'url', url: 'file:///etc/passwd' },
              },
            ],
          },
        ],
      },
    ],
    withMetadata: (metadata) =>
      withField({ prompt }, 'providerOptions', `{"switchyard":{"metadata":${metadata}}}`),
    withModel: (model) => ({
      headers: { 'ai-language-model-id': model },
      body: JSON.stringify({ prompt }),
    }),
  },
  {
    route: 'POST /v1/ai/embedding-model',
    path: '/v1/ai/embedding-model',
    headers: { 'ai-model-id': 'mock/echo' },
    valid: { values: ['hi'] },
    nestable: [{ values: ['hi'], providerOptions: { openai: { a: nest } } }],
    numbers: ['dimensions'],
    wrongTypes: [{ values: 'hi' }, { values: [] }, { values: [1, 2] }],
    withMetadata: (metadata) =>
      withField({ values: ['hi'] }, 'providerOptions', `{"switchyard":{"metadata":${metadata}}}`),
    withModel: (model) => ({
      headers: { 'ai-model-id': model },
      body: JSON.stringify({ values: ['hi'] }),
    }),
  },
];
