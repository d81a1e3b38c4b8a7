import type { LanguageModelV4FunctionTool, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { planReply } from './mock-reply.ts';
import { userPrompt } from './test-support.ts';

const weatherTool: LanguageModelV4FunctionTool = {
  type: 'function',
  name: 'weather',
  inputSchema: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'integer' },
    },
  },
};
const timeTool: LanguageModelV4FunctionTool = {
  type: 'function',
  name: 'time',
  inputSchema: { type: 'object', properties: { zone: { type: 'string' } } },
};

const afterToolCall: LanguageModelV4Prompt = [
  ...userPrompt('Weather in Paris?'),
  {
    role: 'assistant',
    content: [{ type: 'tool-call', toolCallId: 'call_mock_1', toolName: 'weather', input: {} }],
  },
  {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId: 'call_mock_1',
        toolName: 'weather',
        output: { type: 'json', value: { temperature: 21 } },
      },
    ],
  },
];

describe('planReply', () => {
  it('echoes the text of the last user message', () => {
    const prompt: LanguageModelV4Prompt = [
      { role: 'system', content: 'Be brief.' },
      ...userPrompt('first'),
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
      ...userPrompt('second question'),
    ];
    expect(planReply({ prompt }, {}).answer).toEqual({
      type: 'text',
      text: 'Echo: second question',
    });
  });

  it('answers with a fixed sentence when there is no user text', () => {
    const reply = planReply({ prompt: [{ role: 'system', content: 'x' }] }, {});
    expect(reply.answer).toEqual({ type: 'text', text: 'Hello from the Switchyard mock model.' });
  });

  it('prefers the configured reply and carries the configured reasoning', () => {
    const reply = planReply({ prompt: userPrompt('hi') }, { reply: 'Fixed.', reasoning: 'Think.' });
    expect(reply).toEqual({ reasoning: 'Think.', answer: { type: 'text', text: 'Fixed.' } });
  });

  it('calls the first function tool with input built from its schema', () => {
    const reply = planReply({ prompt: userPrompt('hi'), tools: [weatherTool, timeTool] }, {});
    expect(reply.answer).toEqual({
      type: 'tool-call',
      toolCallId: 'call_mock_1',
      toolName: 'weather',
      input: '{"city":"example","unit":"celsius","days":1}',
    });
  });

  it('calls the tool named by toolChoice', () => {
    const reply = planReply(
      {
        prompt: userPrompt('hi'),
        tools: [weatherTool, timeTool],
        toolChoice: { type: 'tool', toolName: 'time' },
      },
      {},
    );
    expect(reply.answer).toMatchObject({
      type: 'tool-call',
      toolName: 'time',
      input: '{"zone":"example"}',
    });
  });

  it('does not call tools when toolChoice is none or only provider tools are offered', () => {
    const none = planReply(
      { prompt: userPrompt('hi'), tools: [weatherTool], toolChoice: { type: 'none' } },
      {},
    );
    expect(none.answer.type).toBe('text');
    const providerOnly = planReply(
      {
        prompt: userPrompt('hi'),
        tools: [{ type: 'provider', id: 'openai.web_search', name: 'web', args: {} }],
      },
      {},
    );
    expect(providerOnly.answer.type).toBe('text');
  });

  it('replies with the tool result after a tool message instead of calling again', () => {
    const reply = planReply({ prompt: afterToolCall, tools: [weatherTool] }, {});
    expect(reply.answer).toEqual({ type: 'text', text: 'Tool result: {"temperature":21}' });
  });

  it('numbers tool calls after those already in the conversation', () => {
    const prompt: LanguageModelV4Prompt = [...afterToolCall, ...userPrompt('And tomorrow?')];
    const reply = planReply({ prompt, tools: [weatherTool] }, {});
    expect(reply.answer).toMatchObject({ type: 'tool-call', toolCallId: 'call_mock_2' });
  });

  it('answers JSON built from the response schema for structured output', () => {
    const reply = planReply(
      {
        prompt: userPrompt('hi'),
        responseFormat: { type: 'json', schema: weatherTool.inputSchema },
      },
      { reply: 'ignored' },
    );
    expect(reply.answer).toEqual({
      type: 'text',
      text: '{"city":"example","unit":"celsius","days":1}',
    });
  });

  it('wraps plain text in a JSON object when JSON is requested without a schema', () => {
    const reply = planReply({ prompt: userPrompt('hi'), responseFormat: { type: 'json' } }, {});
    expect(reply.answer).toEqual({ type: 'text', text: '{"text":"Echo: hi"}' });
  });
});
