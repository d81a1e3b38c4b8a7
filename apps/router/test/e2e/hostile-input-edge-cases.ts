/** Hostile requests that cross routes: inline bytes that are not base64, and what only Node's parser sees. */
import type { Envelope } from './hostile-input-answers.ts';
import { json, prompt } from './hostile-input-json.ts';
import { type HostileRequest, request } from './hostile-input-request.ts';

const notBase64 = '!!!not base64%%%';

/**
 * Inline bytes that are not base64, to real providers whose packages decode them: refused at
 * the edge, never taken for the provider's failure (a 502 and a failover).
 */
export function malformedInlineData(): HostileRequest[] {
  const imageFile = { type: 'file', mediaType: 'image/*', data: { type: 'data', data: notBase64 } };
  const sends: [string, Envelope, Record<string, string>, unknown][] = [
    ...['openai/gpt-4o', 'anthropic/claude-sonnet-4-5', 'google/gemini-2.5-flash'].map(
      (model): [string, Envelope, Record<string, string>, unknown] => [
        '/v4/ai/language-model',
        'gateway',
        { 'ai-language-model-id': model },
        { prompt: [{ role: 'user', content: [imageFile] }] },
      ],
    ),
    ...['openai/gpt-image-1', 'google/imagen-4.0-generate-001'].map(
      (model): [string, Envelope, Record<string, string>, unknown] => [
        '/v4/ai/image-model',
        'gateway',
        { 'ai-model-id': model },
        {
          n: 1,
          prompt: 'a cat',
          files: [{ type: 'file', mediaType: 'image/png', data: notBase64 }],
        },
      ],
    ),
    [
      '/v1/messages',
      'anthropic',
      {},
      {
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 16,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/*', data: notBase64 } },
            ],
          },
        ],
      },
    ],
    [
      '/v1/responses',
      'openai',
      {},
      {
        model: 'google/gemini-2.5-flash',
        input: [{ role: 'user', content: [{ type: 'input_file', file_data: notBase64 }] }],
      },
    ],
    [
      '/v1/chat/completions',
      'openai',
      {},
      {
        model: 'openai/gpt-4o',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url: `data:image/png;base64,${notBase64}` } },
            ],
          },
        ],
      },
    ],
  ];
  return sends.map(([path, envelope, headers, body]) =>
    request({
      route: 'inline data that is not base64 (no upstream)',
      name: `POST ${path} ${JSON.stringify(headers)}`,
      method: 'POST',
      path,
      headers: { ...json, ...headers },
      body: JSON.stringify(body),
      status: 400,
      envelope,
    }),
  );
}

/** Headers a client can only send over a raw socket: Node's parser answers them, workerd never sees them. */
export const parserLevelRequests: HostileRequest[] = [
  request({
    route: 'parser',
    name: 'a control character in a model id header',
    method: 'POST',
    path: '/v1/ai/language-model',
    headers: { ...json, 'ai-language-model-id': 'mock/\u0001echo' },
    body: JSON.stringify({ prompt }),
    status: 400,
    routed: false,
  }),
  request({
    route: 'parser',
    name: 'a DEL character in a header',
    method: 'GET',
    path: '/v1/models',
    headers: { 'x-bad': 'a\u007fb' },
    status: 400,
    routed: false,
  }),
  request({
    route: 'parser',
    name: 'a NUL in an Idempotency-Key',
    method: 'POST',
    path: '/v1/messages',
    headers: { ...json, 'idempotency-key': 'a\u0000b' },
    body: '{}',
    status: 400,
    routed: false,
  }),
  request({
    route: 'parser',
    name: 'headers over 16 KB',
    method: 'GET',
    path: '/health',
    headers: { 'x-big': 'a'.repeat(20_000) },
    status: 431,
    routed: false,
  }),
];
