/** The AI SDK gateway protocol's JSON routes in the hostile-input table (`/v4/ai`, `/v1/ai`). */
import { type JsonRoute, nest, prompt, withField } from './hostile-input-json.ts';

const withSwitchyardMetadata = (body: Record<string, unknown>) => (metadata: string) =>
  withField(body, 'providerOptions', `{"switchyard":{"metadata":${metadata}}}`);

function languageModel(prefix: string): JsonRoute {
  return {
    route: `POST ${prefix}/language-model`,
    path: `${prefix}/language-model`,
    envelope: 'gateway',
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
    withMetadata: withSwitchyardMetadata({ prompt }),
    withModel: (model) => ({
      headers: { 'ai-language-model-id': model },
      body: JSON.stringify({ prompt }),
    }),
    readHeaders: [
      'ai-language-model-id',
      'ai-language-model-streaming',
      'ai-gateway-protocol-version',
      'ai-language-model-specification-version',
    ],
  };
}

function embeddingModel(prefix: string): JsonRoute {
  const valid = { values: ['hi'] };
  return {
    route: `POST ${prefix}/embedding-model`,
    path: `${prefix}/embedding-model`,
    envelope: 'gateway',
    headers: { 'ai-model-id': 'mock/echo' },
    valid,
    nestable: [{ values: ['hi'], providerOptions: { openai: { a: nest } } }],
    numbers: ['dimensions'],
    wrongTypes: [{ values: 'hi' }, { values: [] }, { values: [1, 2] }],
    withMetadata: withSwitchyardMetadata(valid),
    withModel: (model) => ({ headers: { 'ai-model-id': model }, body: JSON.stringify(valid) }),
    readHeaders: ['ai-model-id', 'ai-embedding-model-specification-version'],
  };
}

const image = { n: 1, prompt: 'a cat' };
const imageFile = (data: string) => ({ type: 'file', mediaType: 'image/png', data });

const imageModel: JsonRoute = {
  route: 'POST /v4/ai/image-model',
  path: '/v4/ai/image-model',
  envelope: 'gateway',
  headers: { 'ai-model-id': 'mock/echo' },
  valid: image,
  nestable: [{ ...image, providerOptions: { openai: { a: nest } } }],
  numbers: ['n', 'seed'],
  wrongTypes: [
    { ...image, n: 0 },
    { ...image, n: 101 },
    { ...image, n: '1' },
    { prompt: 'a cat' },
    { ...image, prompt: ['a cat'] },
    { ...image, size: '-1x-1' },
    { ...image, size: '0x512' },
    { ...image, size: '1.5x2' },
    { ...image, aspectRatio: '1:0' },
    { ...image, aspectRatio: '-16:9' },
    { ...image, files: [{ type: 'url', url: 'http://169.254.169.254/latest/meta-data/' }] },
    { ...image, files: [{ type: 'url', url: 'file:///etc/passwd' }] },
    { ...image, files: [imageFile('!!!not base64%%%')] },
    { ...image, files: [{ type: 'url', url: 'data:image/png;base64,!!!%%%' }] },
    { ...image, mask: imageFile('a') },
    { ...image, providerOptions: { switchyard: { models: 'mock/echo' } } },
  ],
  withMetadata: withSwitchyardMetadata(image),
  withModel: (model) => ({ headers: { 'ai-model-id': model }, body: JSON.stringify(image) }),
  readHeaders: ['ai-model-id', 'ai-image-model-specification-version'],
};

const rerank = { documents: { type: 'text', values: ['a', 'b'] }, query: 'q' };

const rerankingModel: JsonRoute = {
  route: 'POST /v4/ai/reranking-model',
  path: '/v4/ai/reranking-model',
  envelope: 'gateway',
  headers: { 'ai-model-id': 'mock/echo' },
  valid: rerank,
  nestable: [
    { ...rerank, documents: { type: 'object', values: [{ a: nest }] } },
    { ...rerank, providerOptions: { cohere: { a: nest } } },
  ],
  numbers: ['topN'],
  wrongTypes: [
    { ...rerank, documents: ['a'] },
    { ...rerank, documents: { type: 'text', values: [] } },
    { ...rerank, documents: { type: 'text', values: [5] } },
    { ...rerank, documents: { type: 'object', values: ['a'] } },
    { ...rerank, documents: { type: 'image', values: ['a'] } },
    { ...rerank, query: '' },
    { ...rerank, query: 5 },
    { ...rerank, topN: 0 },
    withField(rerank, 'providerOptions', '{"switchyard":{"__proto__":{"models":["x"]}}}'),
  ],
  withMetadata: withSwitchyardMetadata(rerank),
  withModel: (model) => ({ headers: { 'ai-model-id': model }, body: JSON.stringify(rerank) }),
  readHeaders: ['ai-model-id', 'ai-reranking-model-specification-version'],
};

/** Every JSON route of the gateway protocol: both prefixes for the language and embedding models. */
export const gatewayRoutes: JsonRoute[] = [
  languageModel('/v1/ai'),
  embeddingModel('/v1/ai'),
  languageModel('/v4/ai'),
  embeddingModel('/v4/ai'),
  imageModel,
  rerankingModel,
];
