/** The JSON routes of the hostile-input table: a valid request each, and where to attack it. */
import { anthropicRoutes } from './hostile-input-anthropic-routes.ts';
import { gatewayRoutes } from './hostile-input-gateway-routes.ts';
import { type JsonRoute, nest, withField } from './hostile-input-json.ts';
import { managementRoutes } from './hostile-input-management-routes.ts';

const chat = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] };
const responses = { model: 'mock/echo', input: 'hi' };

/** The OpenAI routes that take a JSON body, each with a valid body and where hostile values go. */
export const openAIRoutes: JsonRoute[] = [
  {
    route: 'POST /v1/chat/completions',
    path: '/v1/chat/completions',
    envelope: 'openai',
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
    envelope: 'openai',
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
    envelope: 'openai',
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
    route: 'POST /v1/responses',
    path: '/v1/responses',
    envelope: 'openai',
    headers: {},
    valid: responses,
    nestable: [
      { ...responses, tools: [{ type: 'function', name: 'f', parameters: { a: nest } }] },
      {
        ...responses,
        text: { format: { type: 'json_schema', name: 'x', schema: { a: nest } } },
      },
      { ...responses, input: [{ role: 'user', content: [{ type: 'input_text', text: nest }] }] },
    ],
    numbers: ['temperature', 'top_p', 'max_output_tokens'],
    wrongTypes: [
      { ...responses, model: 42 },
      { ...responses, input: 5 },
      { ...responses, input: [] },
      { ...responses, input: [{ role: 'user', content: 7 }] },
      { ...responses, instructions: ['x'] },
      { ...responses, stream: 'yes' },
      { ...responses, temperature: 3 },
      { ...responses, tools: [{ type: 'function', name: 'a b' }] },
      { ...responses, tool_choice: 5 },
      { ...responses, text: { format: { type: 'json_schema' } } },
      { ...responses, reasoning: { effort: 'ultra' } },
      { ...responses, previous_response_id: 5 },
      { ...responses, conversation: 'conv_1' },
      { ...responses, background: true },
      { ...responses, safety_identifier: 'x'.repeat(200) },
      {
        ...responses,
        input: [
          { role: 'user', content: [{ type: 'input_image', image_url: 'file:///etc/passwd' }] },
        ],
      },
      {
        ...responses,
        input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }],
      },
    ],
    withMetadata: (metadata) => withField(responses, 'metadata', metadata),
    withModel: (model) => ({ headers: {}, body: JSON.stringify({ ...responses, model }) }),
    readHeaders: ['x-switchyard-metadata'],
  },
];

/** Every route that takes a JSON body. */
export const jsonRoutes: JsonRoute[] = [
  ...openAIRoutes,
  ...gatewayRoutes,
  ...anthropicRoutes,
  ...managementRoutes,
];
