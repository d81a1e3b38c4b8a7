/** The Anthropic Messages routes in the hostile-input table: every refusal in Anthropic's envelope. */
import { type JsonRoute, nest } from './hostile-input-json.ts';

const messages = {
  model: 'mock/echo',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hi' }],
};
const image = (source: Record<string, unknown>) => ({
  ...messages,
  messages: [{ role: 'user', content: [{ type: 'image', source }] }],
});

/** Wrong types and ranges both routes refuse (count_tokens reads the same body). */
const wrongTypes = [
  { ...messages, model: 42 },
  { ...messages, model: '' },
  { ...messages, messages: 'hi' },
  { ...messages, messages: [] },
  { ...messages, messages: [{ role: 'bot', content: 'hi' }] },
  { ...messages, messages: [{ role: 'user', content: 7 }] },
  { ...messages, messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] },
  { ...messages, system: 5 },
  { ...messages, temperature: 5 },
  { ...messages, top_k: -1 },
  { ...messages, stop_sequences: 'x' },
  { ...messages, tools: [{ name: 'a b', input_schema: {} }] },
  { ...messages, tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
  { ...messages, tool_choice: 'auto' },
  { ...messages, thinking: { type: 'enabled', budget_tokens: -1 } },
  { ...messages, metadata: { user_id: 5 } },
  { ...messages, output_format: { type: 'json_schema' } },
  { ...messages, models: 'mock/echo' },
  { ...messages, provider: { order: 'mock' } },
  image({ type: 'base64', media_type: 'image/png', data: '' }),
  image({ type: 'base64', media_type: 'image/png', data: '!!!not base64%%%' }),
  image({ type: 'file', file_id: 'file_1' }),
];

const readHeaders = ['anthropic-version', 'anthropic-beta', 'x-switchyard-metadata'];

export const anthropicRoutes: JsonRoute[] = [
  {
    route: 'POST /v1/messages',
    path: '/v1/messages',
    envelope: 'anthropic',
    headers: { 'anthropic-version': '2023-06-01' },
    valid: messages,
    nestable: [
      { ...messages, tools: [{ name: 'f', input_schema: { a: nest } }] },
      { ...messages, output_format: { type: 'json_schema', schema: { a: nest } } },
      {
        ...messages,
        messages: [
          { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: nest }] },
        ],
      },
    ],
    numbers: ['max_tokens', 'temperature', 'top_p', 'top_k'],
    wrongTypes: [
      ...wrongTypes,
      { ...messages, max_tokens: '16' },
      { ...messages, max_tokens: 0 },
      { model: 'mock/echo', messages: messages.messages },
      { ...messages, stream: 'yes' },
    ],
    withModel: (model) => ({ headers: {}, body: JSON.stringify({ ...messages, model }) }),
    readHeaders,
  },
  {
    route: 'POST /v1/messages/count_tokens',
    path: '/v1/messages/count_tokens',
    envelope: 'anthropic',
    headers: { 'anthropic-version': '2023-06-01' },
    valid: { model: 'mock/echo', messages: messages.messages },
    nestable: [{ ...messages, tools: [{ name: 'f', input_schema: { a: nest } }] }],
    numbers: ['max_tokens', 'temperature'],
    wrongTypes,
    callsModel: false,
    withModel: (model) => ({
      headers: {},
      body: JSON.stringify({ model, messages: messages.messages }),
    }),
    readHeaders: ['x-switchyard-metadata'],
  },
];
