import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import { parseRequest } from '../parse-request.ts';
import { convertToCallOptions } from './convert-to-call-options.ts';
import { messagesRequestSchema } from './messages-request.ts';

const convert = (body: Record<string, unknown>, betas: string[] = []) =>
  convertToCallOptions(
    parseRequest(messagesRequestSchema, { model: 'claude-sonnet-4-5', max_tokens: 512, ...body }),
    { betas },
  );

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};

describe('convertToCallOptions', () => {
  it('maps the sampling settings, stop sequences and max_tokens', () => {
    const call = convert({
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END'],
    });
    expect(call).toEqual({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      maxOutputTokens: 512,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END'],
    });
  });

  it('keeps cache_control on system blocks, text, tools and tool results as Anthropic provider options', () => {
    const ephemeral = { type: 'ephemeral' };
    const call = convert({
      system: [
        { type: 'text', text: 'You are terse.', cache_control: ephemeral },
        { type: 'text', text: 'Today is Monday.' },
      ],
      tools: [{ ...weather, cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?', cache_control: ephemeral }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: 'cold',
              cache_control: ephemeral,
            },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
    });
    const cache = { anthropic: { cacheControl: { type: 'ephemeral' } } };
    expect(call.prompt).toEqual([
      { role: 'system', content: 'You are terse.', providerOptions: cache },
      { role: 'system', content: 'Today is Monday.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather?', providerOptions: cache }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'toolu_1',
            toolName: 'get_weather',
            input: { city: 'Oslo' },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            toolName: 'get_weather',
            output: { type: 'text', value: 'cold' },
            providerOptions: cache,
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
    ]);
    expect(call.tools?.[0]).toEqual({
      type: 'function',
      name: 'get_weather',
      description: 'Weather for a city',
      inputSchema: weather.input_schema,
      providerOptions: { anthropic: { cacheControl: { type: 'ephemeral', ttl: '1h' } } },
    });
  });

  it('keeps system messages where the conversation has them, as Claude Code sends its context', () => {
    const call = convert({
      system: 'You are an agent.',
      messages: [
        { role: 'user', content: 'hello' },
        {
          role: 'system',
          content: [{ type: 'text', text: '# Environment', cache_control: { type: 'ephemeral' } }],
        },
        { role: 'system', content: 'Be brief.' },
      ],
    });
    expect(call.prompt).toEqual([
      { role: 'system', content: 'You are an agent.' },
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
      {
        role: 'system',
        content: '# Environment',
        providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
      },
      { role: 'system', content: 'Be brief.' },
    ]);
  });

  it('passes adaptive thinking with its display setting and the effort to Anthropic', () => {
    const call = convert({
      messages: [{ role: 'user', content: 'x' }],
      thinking: { type: 'adaptive', display: 'omitted' },
      output_config: { effort: 'medium' },
    });
    expect(call.providerOptions?.anthropic).toEqual({
      thinking: { type: 'adaptive', display: 'omitted' },
      effort: 'medium',
    });
    expect(call.reasoning).toBe('medium');
  });

  it('turns images, documents and error results into file parts and error outputs', () => {
    const call = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
            {
              type: 'document',
              source: { type: 'url', url: 'https://example.com/a.pdf' },
              title: 'a.pdf',
            },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'run', input: {} }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't1', is_error: true, content: 'boom' }],
        },
      ],
    });
    expect(call.prompt[0]).toEqual({
      role: 'user',
      content: [
        { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'iVBO' } },
        {
          type: 'file',
          mediaType: 'application/pdf',
          data: { type: 'url', url: new URL('https://example.com/a.pdf') },
          filename: 'a.pdf',
        },
      ],
    });
    expect(call.prompt[2]).toMatchObject({
      role: 'tool',
      content: [{ output: { type: 'error-text', value: 'boom' } }],
    });
  });

  it('refuses a tool_result that answers no earlier tool_use', () => {
    expect(() =>
      convert({
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'nope' }] }],
      }),
    ).toThrow(InvalidRequestError);
  });

  it("refuses Anthropic's server tools, which no other provider can run", () => {
    expect(() =>
      convert({
        messages: [{ role: 'user', content: 'search' }],
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      }),
    ).toThrow(/server tools/);
  });

  it('sends thinking as Anthropic sent it and as a portable effort for other providers', () => {
    const call = convert({
      messages: [{ role: 'user', content: 'think' }],
      thinking: { type: 'enabled', budget_tokens: 4000 },
    });
    expect(call.reasoning).toBe('medium');
    expect(call.providerOptions?.anthropic?.thinking).toEqual({
      type: 'enabled',
      budgetTokens: 4000,
    });
    const off = convert({
      messages: [{ role: 'user', content: 'x' }],
      thinking: { type: 'disabled' },
    });
    expect(off.reasoning).toBe('none');
  });

  it('maps tool_choice, disable_parallel_tool_use, metadata.user_id and anthropic-beta', () => {
    const call = convert(
      {
        messages: [{ role: 'user', content: 'x' }],
        tools: [weather],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        metadata: { user_id: 'user-42' },
      },
      ['interleaved-thinking-2025-05-14'],
    );
    expect(call.toolChoice).toEqual({ type: 'required' });
    expect(call.providerOptions).toEqual({
      anthropic: {
        disableParallelToolUse: true,
        metadata: { userId: 'user-42' },
        anthropicBeta: ['interleaved-thinking-2025-05-14'],
      },
      openai: { parallelToolCalls: false },
    });
    const named = convert({
      messages: [{ role: 'user', content: 'x' }],
      tools: [weather],
      tool_choice: { type: 'tool', name: 'get_weather' },
    });
    expect(named.toolChoice).toEqual({ type: 'tool', toolName: 'get_weather' });
  });

  it('keeps replayed thinking with where it came from, outside any provider namespace', () => {
    const call = convert({
      messages: [
        { role: 'user', content: 'x' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'switchyard:anthropic:EqQB' },
            { type: 'redacted_thinking', data: 'switchyard:anthropic:c2Vj' },
            { type: 'thinking', thinking: 'direct', signature: 'RawSig' },
            { type: 'text', text: 'answer' },
          ],
        },
        { role: 'user', content: 'y' },
      ],
    });
    expect(call.prompt[1]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'reasoning',
          text: 'hmm',
          providerOptions: {
            switchyard: { thinking: { provider: 'anthropic', signature: 'EqQB' } },
          },
        },
        {
          type: 'reasoning',
          text: '',
          providerOptions: {
            switchyard: { thinking: { provider: 'anthropic', redactedData: 'c2Vj' } },
          },
        },
        {
          type: 'reasoning',
          text: 'direct',
          providerOptions: { switchyard: { thinking: { signature: 'RawSig' } } },
        },
        { type: 'text', text: 'answer' },
      ],
    });
  });

  it('asks for JSON matching a schema from output_format', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const call = convert({
      messages: [{ role: 'user', content: 'x' }],
      output_format: { type: 'json_schema', schema },
    });
    expect(call.responseFormat).toEqual({ type: 'json', schema });
  });
});
