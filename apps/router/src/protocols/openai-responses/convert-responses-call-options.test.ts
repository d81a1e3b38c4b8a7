import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import { parseRequest } from '../parse-request.ts';
import { convertResponsesCallOptions } from './convert-responses-call-options.ts';
import { responsesRequestSchema } from './responses-request.ts';

const convert = (body: object) =>
  convertResponsesCallOptions(
    parseRequest(responsesRequestSchema, { model: 'm', input: 'hi', ...body }),
  );

const weather = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: true,
};

function refusal(body: object): InvalidRequestError {
  try {
    convert(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('convertResponsesCallOptions', () => {
  it('maps sampling, output limits, reasoning effort and a JSON schema format', () => {
    const { call } = convert({
      max_output_tokens: 300,
      temperature: 0.2,
      top_p: 0.9,
      reasoning: { effort: 'low' },
      text: {
        format: {
          type: 'json_schema',
          name: 'city',
          description: 'A city',
          schema: { type: 'object', properties: { name: { type: 'string' } } },
          strict: true,
        },
      },
    });
    expect(call).toMatchObject({
      maxOutputTokens: 300,
      temperature: 0.2,
      topP: 0.9,
      reasoning: 'low',
      responseFormat: {
        type: 'json',
        name: 'city',
        description: 'A city',
        schema: { type: 'object', properties: { name: { type: 'string' } } },
      },
    });
    expect(convert({ text: { format: { type: 'json_object' } } }).call.responseFormat).toEqual({
      type: 'json',
    });
  });

  it('sends OpenAI-only settings under providerOptions.openai, parallel tool calls only with tools', () => {
    const { call } = convert({
      tools: [weather],
      parallel_tool_calls: false,
      reasoning: { summary: 'auto' },
      text: { verbosity: 'low' },
      store: false,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'session-1',
      user: 'u-1',
    });
    expect(call.providerOptions).toEqual({
      openai: {
        parallelToolCalls: false,
        user: 'u-1',
        reasoningSummary: 'auto',
        textVerbosity: 'low',
        promptCacheKey: 'session-1',
        store: false,
        include: ['reasoning.encrypted_content'],
      },
      anthropic: { disableParallelToolUse: true },
    });
    expect(convert({ parallel_tool_calls: true }).call.providerOptions).toBeUndefined();
  });

  it('turns function tools into canonical tools and tool_choice into the canonical choice', () => {
    const { call } = convert({
      tools: [weather],
      tool_choice: { type: 'function', name: 'get_weather' },
    });
    expect(call.tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Weather for a city',
        inputSchema: weather.parameters,
        strict: true,
      },
    ]);
    expect(call.toolChoice).toEqual({ type: 'tool', toolName: 'get_weather' });
    expect(convert({ tools: [weather], tool_choice: 'required' }).call.toolChoice).toEqual({
      type: 'required',
    });
  });

  it('drops tools Switchyard cannot run, with a warning, and keeps the functions', () => {
    const { call, warnings } = convert({
      tools: [weather, { type: 'web_search', external_web_access: false }, { type: 'local_shell' }],
    });
    expect(call.tools?.map((tool) => tool.name)).toEqual(['get_weather']);
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'tools.web_search' }),
      expect.objectContaining({ type: 'unsupported', feature: 'tools.local_shell' }),
    ]);
  });

  it('flattens namespaced functions and maps their calls back to the namespace', () => {
    const { call, names } = convert({
      tools: [
        {
          type: 'namespace',
          name: 'agents',
          description: 'Sub-agents',
          tools: [{ type: 'function', name: 'close_agent', parameters: { type: 'object' } }],
        },
      ],
    });
    expect(call.tools?.map((tool) => tool.name)).toEqual(['agents__close_agent']);
    expect(names.clientOf('agents__close_agent')).toEqual({
      name: 'close_agent',
      namespace: 'agents',
    });
    expect(names.clientOf('unknown_tool')).toEqual({ name: 'unknown_tool' });
  });

  it('narrows the tools to allowed_tools and applies its mode', () => {
    const other = { ...weather, name: 'get_time' };
    const { call } = convert({
      tools: [weather, other],
      tool_choice: {
        type: 'allowed_tools',
        mode: 'required',
        tools: [{ type: 'function', name: 'get_time' }],
      },
    });
    expect(call.tools?.map((tool) => tool.name)).toEqual(['get_time']);
    expect(call.toolChoice).toEqual({ type: 'required' });
  });

  it.each([
    [{ tools: [weather], tool_choice: { type: 'web_search' } }, 'tool_choice'],
    [{ tools: [{ type: 'web_search' }], tool_choice: 'required' }, 'tool_choice'],
    [{ tools: [weather], tool_choice: { type: 'function', name: 'nope' } }, 'tool_choice.name'],
    [{ tools: [weather, weather] }, 'tools[1].name'],
  ])('refuses %j with a 400 on %s', (body, param) => {
    expect(refusal(body).param).toBe(param);
  });
});
