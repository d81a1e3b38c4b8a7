import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import { parseRequest } from '../parse-request.ts';
import { convertResponsesInput } from './convert-responses-input.ts';
import { sealReasoning } from './reasoning-envelope.ts';
import { responsesRequestSchema } from './responses-request.ts';

const convert = (body: object) =>
  convertResponsesInput(parseRequest(responsesRequestSchema, { model: 'm', ...body }));

describe('convertResponsesInput', () => {
  it('puts instructions first as a system message and a string input as the user turn', () => {
    expect(convert({ instructions: 'Be brief.', input: 'hello' }).prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
    ]);
  });

  it('groups reasoning, text and function calls into one assistant turn and outputs into one tool turn', () => {
    const { prompt } = convert({
      input: [
        { role: 'developer', content: [{ type: 'input_text', text: 'Use tools.' }] },
        { role: 'user', content: 'weather in Paris and Oslo?' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Two cities.' }] },
        {
          type: 'message',
          id: 'msg_1',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
        },
        {
          type: 'function_call',
          call_id: 'c1',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
        },
        { type: 'function_call', call_id: 'c2', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
        { type: 'function_call_output', call_id: 'c2', output: 'rain' },
      ],
    });
    expect(prompt).toEqual([
      { role: 'system', content: 'Use tools.' },
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Oslo?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two cities.' },
          { type: 'text', text: 'Checking.' },
          {
            type: 'tool-call',
            toolCallId: 'c1',
            toolName: 'get_weather',
            input: { city: 'Paris' },
          },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'get_weather', input: { city: 'Oslo' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'get_weather',
            output: { type: 'text', value: 'sunny' },
          },
          {
            type: 'tool-result',
            toolCallId: 'c2',
            toolName: 'get_weather',
            output: { type: 'text', value: 'rain' },
          },
        ],
      },
    ]);
  });

  it('converts images, files and audio in user messages and function outputs', () => {
    const { prompt } = convert({
      input: [
        {
          role: 'user',
          content: [
            {
              type: 'input_image',
              image_url: 'data:image/png;base64,iVBORw0KGgo=',
              detail: 'auto',
            },
            { type: 'input_image', image_url: 'https://example.com/cat.jpg', detail: 'low' },
            {
              type: 'input_file',
              file_data: 'data:application/pdf;base64,JVBERi0=',
              filename: 'a.pdf',
            },
          ],
        },
        { type: 'function_call', call_id: 'c1', name: 'shot', arguments: '' },
        {
          type: 'function_call_output',
          call_id: 'c1',
          output: [
            { type: 'input_text', text: 'the screen:' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
          ],
        },
      ],
    });
    expect(prompt[0]).toEqual({
      role: 'user',
      content: [
        { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'iVBORw0KGgo=' } },
        {
          type: 'file',
          mediaType: 'image/*',
          data: { type: 'url', url: new URL('https://example.com/cat.jpg') },
        },
        {
          type: 'file',
          mediaType: 'application/pdf',
          data: { type: 'data', data: 'JVBERi0=' },
          filename: 'a.pdf',
        },
      ],
    });
    expect(prompt[1]).toMatchObject({ content: [{ type: 'tool-call', input: {} }] });
    expect(prompt[2]).toMatchObject({
      content: [
        {
          output: {
            type: 'content',
            value: [
              { type: 'text', text: 'the screen:' },
              { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AAAA' } },
            ],
          },
        },
      ],
    });
  });

  it('calls a namespaced function by its flattened name', () => {
    const { prompt } = convert({
      input: [
        { role: 'user', content: 'close it' },
        {
          type: 'function_call',
          call_id: 'c1',
          name: 'close_agent',
          namespace: 'agents',
          arguments: '{}',
        },
        { type: 'function_call_output', call_id: 'c1', output: 'closed' },
      ],
    });
    expect(prompt[1]).toMatchObject({ content: [{ toolName: 'agents__close_agent' }] });
    expect(prompt[2]).toMatchObject({ content: [{ toolName: 'agents__close_agent' }] });
  });

  it('gives reasoning back the provider options it was sealed with, and OpenAI blobs to OpenAI', () => {
    const sealed = sealReasoning({ anthropic: { signature: 'sig-1' } });
    const { prompt } = convert({
      input: [
        { role: 'user', content: 'think' },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'Hm.' }],
          encrypted_content: sealed,
        },
        { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'gAAAAB-openai' },
        { type: 'reasoning', id: 'rs_3', summary: [] },
      ],
    });
    expect(prompt[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Hm.', providerOptions: { anthropic: { signature: 'sig-1' } } },
        {
          type: 'reasoning',
          text: '',
          providerOptions: { openai: { reasoningEncryptedContent: 'gAAAAB-openai' } },
        },
      ],
    });
  });

  it('drops items of tools Switchyard cannot run, with a warning each', () => {
    const { prompt, warnings } = convert({
      input: [
        { role: 'user', content: 'search' },
        { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search' } },
        { type: 'local_shell_call', id: 'ls_1', call_id: 'x', action: {}, status: 'completed' },
      ],
    });
    expect(prompt).toHaveLength(1);
    expect(warnings.map((warning) => ('feature' in warning ? warning.feature : ''))).toEqual([
      'input.web_search_call',
      'input.local_shell_call',
    ]);
  });

  it.each([
    [
      'an output whose call is missing',
      [{ type: 'function_call_output', call_id: 'nope', output: 'x' }],
      'input[0].call_id',
    ],
    ['an item reference', [{ type: 'item_reference', id: 'msg_1' }], 'input[0]'],
    [
      'an image by file id',
      [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1', detail: 'auto' }] }],
      'input[0].content[0].file_id',
    ],
    [
      'arguments that are not JSON',
      [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{oops' }],
      'input[0].arguments',
    ],
    [
      'an image in a system message',
      [{ role: 'system', content: [{ type: 'input_image', image_url: 'https://x.test/a.png' }] }],
      'input[0].content[0]',
    ],
  ])('refuses %s with a 400 naming the field', (_name, input, param) => {
    const error = (() => {
      try {
        convert({ input });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).param).toBe(param);
  });
});
