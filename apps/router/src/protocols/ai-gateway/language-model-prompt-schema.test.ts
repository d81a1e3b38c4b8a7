import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import { parseRequest } from '../parse-request.ts';
import { languageModelCallOptionsSchema } from './language-model-call-options.ts';

const user = (content: unknown[]) => ({ role: 'user', content });

function paramOf(prompt: unknown): string | null {
  try {
    parseRequest(languageModelCallOptionsSchema, { prompt });
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.param;
    throw error;
  }
  throw new Error('expected the prompt to be rejected');
}

describe('languageModelPromptSchema', () => {
  it('revives a file URL into a URL object and keeps base64 data a string', () => {
    const { prompt } = parseRequest(languageModelCallOptionsSchema, {
      prompt: [
        user([
          { type: 'file', mediaType: 'image', data: { type: 'url', url: 'https://x.test/a.png' } },
          { type: 'file', mediaType: 'text/plain', data: { type: 'data', data: 'aGk=' } },
        ]),
      ],
    });
    const [first, second] = (prompt[0]?.content ?? []) as { data: { url?: unknown } }[];
    expect(first?.data.url).toBeInstanceOf(URL);
    expect(String(first?.data.url)).toBe('https://x.test/a.png');
    expect(second).toMatchObject({ data: { type: 'data', data: 'aGk=' } });
  });

  it('keeps provider options on messages and parts as they are', () => {
    const cache = { anthropic: { cacheControl: { type: 'ephemeral' } } };
    const { prompt } = parseRequest(languageModelCallOptionsSchema, {
      prompt: [
        { ...user([{ type: 'text', text: 'hi', providerOptions: cache }]), providerOptions: cache },
      ],
    });
    expect(prompt[0]).toEqual({
      ...user([{ type: 'text', text: 'hi', providerOptions: cache }]),
      providerOptions: cache,
    });
  });

  it('names the path of a malformed prompt', () => {
    expect(paramOf(undefined)).toBe('prompt');
    expect(paramOf('hi')).toBe('prompt');
    expect(paramOf([])).toBe('prompt');
    expect(paramOf([{ role: 'robot', content: 'x' }])).toBe('prompt[0].role');
    expect(paramOf([{ role: 'user', content: 'not parts' }])).toBe('prompt[0].content');
    expect(paramOf([user([{ type: 'image', image: 'x' }])])).toBe('prompt[0].content[0].type');
    expect(
      paramOf([user([{ type: 'file', mediaType: 'image', data: { type: 'url', url: 'a.png' } }])]),
    ).toBe('prompt[0].content[0].data.url');
    expect(
      paramOf([
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', toolName: 't' }] },
      ]),
    ).toBe('prompt[0].content[0].output');
    expect(paramOf([{ role: 'assistant', content: [{ type: 'custom', kind: 'nodot' }] }])).toBe(
      'prompt[0].content[0].kind',
    );
  });

  it('rejects a file URL whose scheme is not http or https wherever a file part may be', () => {
    const urls = ['file:///etc/passwd', 'ftp://x.test/a', 'gopher://x.test/', 'javascript:1'];
    for (const url of urls) {
      const data = { type: 'url', url };
      expect(paramOf([user([{ type: 'file', mediaType: 'image/png', data }])]), url).toBe(
        'prompt[0].content[0].data.url',
      );
      const output = { type: 'content', value: [{ type: 'file', mediaType: 'image/png', data }] };
      const result = { type: 'tool-result', toolCallId: 'c', toolName: 't', output };
      expect(paramOf([{ role: 'tool', content: [result] }]), url).toBe(
        'prompt[0].content[0].output.value[0].data.url',
      );
      const reasoning = { type: 'reasoning-file', mediaType: 'image/png', data };
      expect(paramOf([{ role: 'assistant', content: [reasoning] }]), url).toBe(
        'prompt[0].content[0].data.url',
      );
    }
  });

  it('turns a base64 data URL into inline data and rejects one that is not base64', () => {
    const file = (url: string) => ({
      type: 'file',
      mediaType: 'image/png',
      data: { type: 'url', url },
    });
    const { prompt } = parseRequest(languageModelCallOptionsSchema, {
      prompt: [user([file('data:image/png;base64,aGk=')])],
    });
    expect(prompt[0]?.content[0]).toMatchObject({ data: { type: 'data', data: 'aGk=' } });
    expect(paramOf([user([file('data:image/png,raw')])])).toBe('prompt[0].content[0].data.url');
  });
});
