import { createGateway } from '@ai-sdk/gateway';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import { parseLanguageModelCall } from './language-model-call-options.ts';

/** Runs the official client against a fake fetch and returns the JSON body it sent. */
async function bodySentByGatewayClient(options: LanguageModelV4CallOptions): Promise<unknown> {
  let sent: unknown;
  const gateway = createGateway({
    baseURL: 'http://gateway.test/v1/ai',
    apiKey: 'sk-test',
    fetch: async (_url, init) => {
      sent = JSON.parse(String(init?.body));
      const error = { message: 'stop here', type: 'invalid_request_error' };
      return Response.json({ error }, { status: 400 });
    },
  });
  await Promise.resolve(gateway('mock/echo').doGenerate(options)).catch(() => {});
  return sent;
}

function paramOf(body: unknown): string | null {
  try {
    parseLanguageModelCall(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.param;
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

const user = (text: string) => ({ role: 'user', content: [{ type: 'text', text }] });

describe('parseLanguageModelCall', () => {
  it('gives back the call options the official client sent, with URLs revived and bytes as base64', async () => {
    const seen = { type: 'json', value: { seen: true } } as const;
    const options: LanguageModelV4CallOptions = {
      prompt: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe these.' },
            {
              type: 'file',
              mediaType: 'image',
              data: { type: 'url', url: new URL('https://example.com/cat.png') },
            },
            {
              type: 'file',
              mediaType: 'application/pdf',
              data: { type: 'data', data: new Uint8Array([1, 2, 3]) },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Look first.' },
            { type: 'tool-call', toolCallId: 'c1', toolName: 'look', input: { at: 'cat' } },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'look', output: seen }],
        },
      ],
      temperature: 0.2,
      maxOutputTokens: 100,
      responseFormat: { type: 'json', schema: { type: 'object' }, name: 'answer' },
      tools: [{ type: 'function', name: 'look', inputSchema: { type: 'object', properties: {} } }],
      toolChoice: { type: 'auto' },
      reasoning: 'low',
      providerOptions: { openai: { user: 'u-1' } },
    };
    const { callOptions, controls } = parseLanguageModelCall(
      await bodySentByGatewayClient(options),
    );
    const [, userMessage] = callOptions.prompt;
    const image = userMessage?.content[1] as { data: { type: string; url: unknown } };
    expect(image.data.url).toBeInstanceOf(URL);
    expect(String(image.data.url)).toBe('https://example.com/cat.png');
    expect(userMessage?.content[2]).toEqual({
      type: 'file',
      mediaType: 'application/pdf',
      data: { type: 'data', data: 'AQID' },
    });
    const { prompt: _prompt, ...rest } = callOptions;
    const { prompt: _sentPrompt, ...sentRest } = options;
    expect(rest).toEqual(sentRest);
    expect([callOptions.prompt[0], ...callOptions.prompt.slice(2)]).toEqual([
      options.prompt[0],
      ...options.prompt.slice(2),
    ]);
    expect(controls).toEqual({});
  });

  it('removes providerOptions.switchyard and returns it as routing controls', () => {
    const { callOptions, controls } = parseLanguageModelCall({
      prompt: [user('hi')],
      providerOptions: {
        switchyard: { models: ['mock/echo'], order: ['mock'], allowFallbacks: false, tags: ['a'] },
        anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } },
      },
    });
    expect(callOptions.providerOptions).toEqual({
      anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } },
    });
    expect(controls).toMatchObject({
      models: ['mock/echo'],
      provider: { order: ['mock'], allow_fallbacks: false },
      tags: ['a'],
    });
  });

  it('leaves no empty providerOptions behind when switchyard was the only entry', () => {
    const { callOptions } = parseLanguageModelCall({
      prompt: [user('hi')],
      providerOptions: { switchyard: { user: 'someone' } },
    });
    expect(callOptions).not.toHaveProperty('providerOptions');
  });

  it('drops the client headers, raw chunk requests and unknown keys', () => {
    const { callOptions } = parseLanguageModelCall({
      prompt: [user('hi')],
      headers: { authorization: 'Bearer upstream-key' },
      includeRawChunks: true,
      somethingNew: 1,
    });
    expect(callOptions).toEqual({ prompt: [user('hi')] });
  });

  it('names the field of malformed call options', () => {
    expect(paramOf({ prompt: [user('x')], maxOutputTokens: -1 })).toBe('maxOutputTokens');
    expect(paramOf({ prompt: [user('x')], tools: [{ type: 'function', name: 'x' }] })).toBe(
      'tools[0].inputSchema',
    );
    expect(
      paramOf({ prompt: [user('x')], providerOptions: { switchyard: { sort: 'cheapest' } } }),
    ).toBe('providerOptions.switchyard.sort');
    expect(paramOf({ prompt: [user('x')], providerOptions: { openai: 'not an object' } })).toBe(
      'providerOptions.openai',
    );
  });

  it('rejects every sampling parameter outside the range OpenAI documents, naming it', () => {
    const cases: [string, unknown][] = [
      ['temperature', -0.5],
      ['temperature', 2.5],
      ['temperature', Number.POSITIVE_INFINITY],
      ['topP', -0.1],
      ['topP', 1.1],
      ['topK', -3],
      ['topK', 1.5],
      ['presencePenalty', 2.1],
      ['frequencyPenalty', -2.1],
      ['seed', 0.5],
      ['maxOutputTokens', 0],
      ['maxOutputTokens', Number.POSITIVE_INFINITY],
    ];
    for (const [name, value] of cases) {
      expect(paramOf({ prompt: [user('x')], [name]: value }), `${name}: ${value}`).toBe(name);
    }
  });

  it('accepts the edges of every sampling range', () => {
    const { callOptions } = parseLanguageModelCall({
      prompt: [user('x')],
      temperature: 0,
      topP: 1,
      topK: 0,
      presencePenalty: -2,
      frequencyPenalty: 2,
      seed: -1,
    });
    expect(callOptions).toMatchObject({ temperature: 0, topP: 1, topK: 0, seed: -1 });
  });

  it('rejects prototype keys in providerOptions.switchyard.metadata', () => {
    const body = JSON.parse(
      '{"prompt":[{"role":"user","content":[{"type":"text","text":"x"}]}],' +
        '"providerOptions":{"switchyard":{"metadata":{"__proto__":"x"}}}}',
    );
    expect(paramOf(body)).toBe('providerOptions.switchyard.metadata');
  });
});
