import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import type { ChatMessage } from './chat-completion-request.ts';
import { convertToLanguageModelPrompt } from './convert-to-language-model-prompt.ts';

const convert = (...messages: ChatMessage[]) => convertToLanguageModelPrompt(messages);

const callWeather = (id = 'call_1', args = '{"city":"Paris"}'): ChatMessage => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id, type: 'function', function: { name: 'get_weather', arguments: args } }],
});

function expectInvalidRequest(run: () => unknown, param: string, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param, code: 'invalid_request' });
    expect((error as Error).message).toMatch(message);
    return;
  }
  expect.fail('expected an InvalidRequestError');
}

describe('convertToLanguageModelPrompt', () => {
  it('maps system and developer messages to system messages with joined text', () => {
    expect(
      convert(
        { role: 'system', content: 'Be brief.' },
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'Answer ' },
            { type: 'text', text: 'in French.' },
          ],
        },
      ),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Answer in French.' },
    ]);
  });

  it('wraps a user string in a single text part', () => {
    expect(convert({ role: 'user', content: 'hello' })).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
    ]);
  });

  it('maps user text, image, audio and file parts in order', () => {
    const [message] = convert({
      role: 'user',
      content: [
        { type: 'text', text: 'Describe these.' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
        {
          type: 'file',
          file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
        },
      ],
    });
    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Describe these.' },
        {
          type: 'file',
          mediaType: 'image',
          data: { type: 'url', url: new URL('https://example.com/cat.png') },
        },
        { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'iVBORw0KGgo=' } },
        { type: 'file', mediaType: 'audio/wav', data: { type: 'data', data: 'UklGRg==' } },
        { type: 'file', mediaType: 'audio/mpeg', data: { type: 'data', data: 'SUQz' } },
        {
          type: 'file',
          mediaType: 'application/pdf',
          data: { type: 'data', data: 'JVBERi0=' },
          filename: 'a.pdf',
        },
      ],
    });
  });

  it('falls back to the part kind as media type for a data URL without one', () => {
    const [message] = convert({
      role: 'user',
      content: [{ type: 'image_url', image_url: { url: 'data:;base64,AAAA' } }],
    });
    expect(message?.content).toEqual([
      { type: 'file', mediaType: 'image', data: { type: 'data', data: 'AAAA' } },
    ]);
  });

  it('orders assistant reasoning, then text, then tool calls with parsed arguments', () => {
    const [message] = convert({
      role: 'assistant',
      reasoning_content: 'The user wants weather.',
      content: 'Let me check.',
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '' } },
      ],
    });
    expect(message).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants weather.' },
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool-call',
          toolCallId: 'call_1',
          toolName: 'get_weather',
          input: { city: 'Paris' },
        },
        { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_time', input: {} },
      ],
    });
  });

  it('joins assistant text parts and refusal parts into one text part', () => {
    expect(
      convert(
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot help with that.' }] },
      ),
    ).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'ab' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'I cannot help with that.' }] },
    ]);
  });

  it('leaves out an empty or null assistant text', () => {
    expect(
      convert({ role: 'assistant', content: '' }, { role: 'assistant', content: null }),
    ).toEqual([
      { role: 'assistant', content: [] },
      { role: 'assistant', content: [] },
    ]);
  });

  it('maps a tool result to the tool name of the call it answers', () => {
    const prompt = convert({ role: 'user', content: 'Weather in Paris?' }, callWeather('call_1'), {
      role: 'tool',
      tool_call_id: 'call_1',
      content: [
        { type: 'text', text: '18' },
        { type: 'text', text: '°C' },
      ],
    });
    expect(prompt[2]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_1',
          toolName: 'get_weather',
          output: { type: 'text', value: '18°C' },
        },
      ],
    });
  });

  it('rejects tool-call arguments that are not JSON, naming the argument path', () => {
    expectInvalidRequest(
      () => convert({ role: 'user', content: 'hi' }, callWeather('call_1', '{city: Paris}')),
      'messages[1].tool_calls[0].function.arguments',
      /JSON/,
    );
  });

  it('rejects tool-call arguments nested deeper than a request body may be', () => {
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expectInvalidRequest(
      () => convert({ role: 'user', content: 'hi' }, callWeather('call_1', deep)),
      'messages[1].tool_calls[0].function.arguments',
      /nest/,
    );
  });

  it('rejects a tool result whose id no earlier assistant tool call has', () => {
    expectInvalidRequest(
      () => convert(callWeather('call_1'), { role: 'tool', tool_call_id: 'call_9', content: 'x' }),
      'messages[1].tool_call_id',
      /call_9/,
    );
  });

  it('rejects a tool result that comes before the call it answers', () => {
    expectInvalidRequest(
      () => convert({ role: 'tool', tool_call_id: 'call_1', content: 'x' }, callWeather('call_1')),
      'messages[0].tool_call_id',
      /call_1/,
    );
  });

  it('rejects a data URL that is not base64-encoded', () => {
    expectInvalidRequest(
      () =>
        convert({
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'data:image/png,rawbytes' } },
          ],
        }),
      'messages[0].content[1].image_url.url',
      /base64/,
    );
  });

  it('rejects non-http URLs and unparseable URLs', () => {
    for (const url of ['ftp://example.com/cat.png', 'file:///etc/passwd', 'not a url']) {
      expectInvalidRequest(
        () => convert({ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }),
        'messages[0].content[0].image_url.url',
        /http\(s\) URL/,
      );
    }
  });

  it('names the file_data path when a file part is not a data URL', () => {
    expectInvalidRequest(
      () => convert({ role: 'user', content: [{ type: 'file', file: { file_data: 'JVBERi0=' } }] }),
      'messages[0].content[0].file.file_data',
      /base64 data URL/,
    );
  });
});
