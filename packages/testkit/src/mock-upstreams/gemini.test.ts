import { describe, expect, it } from 'vitest';
import {
  apiCallErrorOf,
  createLanguageModel,
  deltasOf,
  eventData,
  partsOfType,
  postRaw,
  readStream,
  responseBodyOf,
  toolResultPrompt,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

const contents = [{ role: 'user', parts: [{ text: 'hello gemini' }] }];

describe('Gemini generateContent mock', () => {
  it('streams CRLF-separated chunks for streamGenerateContent?alt=sse', async () => {
    const url = `${upstream.baseURLs.google}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`;
    const { response, text, events } = await postRaw(url, { contents });

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(text).toContain('}\r\n\r\ndata: ');
    const chunks = eventData(events);
    expect(chunks).toHaveLength(4); // three words, then the finish chunk
    expect(chunks.at(-1)).toMatchObject({
      candidates: [{ finishReason: 'STOP', content: { role: 'model' } }],
      usageMetadata: { promptTokenCount: expect.any(Number), candidatesTokenCount: 5 },
      modelVersion: 'gemini-2.5-flash',
    });
    expect(upstream.requests[0]).toMatchObject({ search: '?alt=sse', model: 'gemini-2.5-flash' });
  });

  it('takes the scenario from the model suffix in the URL path', async () => {
    const model = createLanguageModel(upstream, 'google', 'gemini-2.5-flash~status=503');
    const error = await apiCallErrorOf(model.doGenerate({ prompt: userPrompt('x') }));

    expect(upstream.requests[0]?.path).toBe(
      '/v1beta/models/gemini-2.5-flash~status=503:generateContent',
    );
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(JSON.parse(error.responseBody ?? '')).toEqual({
      error: {
        code: 503,
        message: 'The model is overloaded. Please try again later.',
        status: 'UNAVAILABLE',
      },
    });
  });

  it('decodes an encoded reply once, so commas survive the path', async () => {
    const model = createLanguageModel(upstream, 'google', 'gemini-2.5-flash~reply=Hi%2C%20you');
    const { stream } = await model.doStream({ prompt: userPrompt('ignored') });
    const { parts } = await readStream(stream);

    expect(deltasOf(parts, 'text-delta')).toEqual(['Hi, ', 'you']);
  });

  it('returns functionCall parts with schema-shaped args and thoughts before them', async () => {
    const { text } = await postRaw(
      `${upstream.baseURLs.google}/models/gemini-2.5-pro~reasoning=1:generateContent`,
      {
        contents,
        tools: [
          { functionDeclarations: [{ name: 'get_weather', parameters: weatherTool.inputSchema }] },
        ],
        toolConfig: {
          functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
        },
      },
    );

    expect(JSON.parse(text)).toMatchObject({
      candidates: [
        {
          content: {
            parts: [
              { text: 'Thinking about: hello gemini', thought: true },
              {
                functionCall: {
                  name: 'get_weather',
                  args: { city: 'example', days: 1, metric: true },
                },
              },
            ],
          },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: { thoughtsTokenCount: 7, cachedContentTokenCount: expect.any(Number) },
    });
  });

  it('maps usageMetadata to SDK usage with cached and thought tokens', async () => {
    const model = createLanguageModel(upstream, 'google', 'gemini-2.5-flash~reasoning=1');
    const result = await model.doGenerate({ prompt: userPrompt('usage') });

    const { usageMetadata } = responseBodyOf<{
      usageMetadata: Record<'promptTokenCount' | 'cachedContentTokenCount', number>;
    }>(result);
    expect(result.usage.inputTokens).toMatchObject({
      total: usageMetadata.promptTokenCount,
      cacheRead: usageMetadata.cachedContentTokenCount,
    });
    // "Thinking about: usage" is 21 characters (6 tokens), "Echo: usage" 11 (3 tokens).
    expect(result.usage.outputTokens).toEqual({ total: 9, text: 3, reasoning: 6 });
  });

  it('reads the functionResponse the SDK sends for a tool result', async () => {
    const model = createLanguageModel(upstream, 'google');
    const { stream } = await model.doStream({
      prompt: toolResultPrompt('windy'),
      tools: [weatherTool],
    });
    const { parts } = await readStream(stream);

    expect(deltasOf(parts, 'text-delta').join('')).toBe('Tool result: windy');
    expect(partsOfType(parts, 'finish')[0]?.finishReason.unified).toBe('stop');
    expect(upstream.requests[0]?.headers['x-goog-api-key']).toBe('test');
  });
});
