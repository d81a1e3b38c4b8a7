import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { encodeGenerateResult } from './encode-generate-result.ts';

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 2, text: 2, reasoning: undefined },
};
const switchyard = { provider: 'openai', attempts: 1 };

const result: LanguageModelV4GenerateResult = {
  content: [
    { type: 'reasoning', text: 'Hmm.' },
    { type: 'text', text: 'Hello' },
    {
      type: 'file',
      mediaType: 'image/png',
      data: { type: 'data', data: new Uint8Array([1, 2, 3]) },
    },
    { type: 'tool-call', toolCallId: 'call_1', toolName: 'look', input: '{}' },
  ],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage,
  providerMetadata: { openai: { responseId: 'resp_1' } },
  request: { body: { model: 'gpt-4o', messages: ['secret prompt'] } },
  response: {
    id: 'resp_1',
    timestamp: new Date('2025-01-01T00:00:00Z'),
    modelId: 'gpt-4o-2024-08-06',
    headers: { 'x-upstream-trace': 'abc' },
    body: { upstream: 'raw body' },
  },
  warnings: [{ type: 'other', message: 'note' }],
};

describe('encodeGenerateResult', () => {
  it('keeps the result fields and drops upstream bodies and headers', () => {
    const encoded = JSON.parse(JSON.stringify(encodeGenerateResult(result, switchyard)));
    expect(encoded).toEqual({
      content: [
        { type: 'reasoning', text: 'Hmm.' },
        { type: 'text', text: 'Hello' },
        { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AQID' } },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'look', input: '{}' },
      ],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 3, noCache: 3 },
        outputTokens: { total: 2, text: 2 },
      },
      providerMetadata: { openai: { responseId: 'resp_1' }, switchyard },
      response: {
        id: 'resp_1',
        timestamp: '2025-01-01T00:00:00.000Z',
        modelId: 'gpt-4o-2024-08-06',
      },
      warnings: [{ type: 'other', message: 'note' }],
    });
    expect(JSON.stringify(encoded)).not.toMatch(/secret prompt|raw body|x-upstream-trace/);
  });

  it('adds switchyard metadata when the provider reported none, and no response when absent', () => {
    const { providerMetadata: _metadata, response: _response, request: _request, ...bare } = result;
    const encoded = encodeGenerateResult(bare, switchyard);
    expect(encoded.providerMetadata).toEqual({ switchyard });
    expect(encoded).not.toHaveProperty('response');
  });

  it('passes structuredOutputText through when the provider set it', () => {
    const encoded = encodeGenerateResult(
      { ...result, structuredOutputText: '{"a":1}' },
      switchyard,
    );
    expect(encoded.structuredOutputText).toBe('{"a":1}');
  });
});
