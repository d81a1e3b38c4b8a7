import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../parse-request.ts';
import { convertToResponse } from './convert-to-response.ts';
import { openReasoning, sealReasoning } from './reasoning-envelope.ts';
import { echoOf } from './response-object.ts';
import { responsesRequestSchema } from './responses-request.ts';
import { ToolNames } from './tool-names.ts';

const request = parseRequest(responsesRequestSchema, {
  model: 'chat',
  input: 'hi',
  instructions: 'Be brief.',
  max_output_tokens: 50,
  metadata: { team: 'search' },
});
const context = {
  identity: { id: 'resp_1', createdAt: 1_700_000_000, model: 'openai/gpt-4o' },
  echo: echoOf(request),
  names: new ToolNames(),
};

function result(
  content: LanguageModelV4GenerateResult['content'],
  finish: LanguageModelV4GenerateResult['finishReason']['unified'] = 'stop',
): LanguageModelV4GenerateResult {
  return {
    content,
    finishReason: { unified: finish, raw: finish },
    usage: {
      inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 5, text: 5, reasoning: undefined },
    },
    warnings: [],
  };
}

describe('convertToResponse', () => {
  it('answers the response object with the request echoed and zero token details when unreported', () => {
    const response = convertToResponse(result([{ type: 'text', text: 'Hello' }]), context);
    expect(response).toMatchObject({
      id: 'resp_1',
      object: 'response',
      created_at: 1_700_000_000,
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'openai/gpt-4o',
      instructions: 'Be brief.',
      max_output_tokens: 50,
      metadata: { team: 'search' },
      store: false,
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 12,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 17,
      },
    });
  });

  it('orders reasoning, text and function calls as items, merging adjacent text', () => {
    const response = convertToResponse(
      result(
        [
          {
            type: 'reasoning',
            text: 'Plan.',
            providerMetadata: { openai: { itemId: 'rs_x', reasoningEncryptedContent: 'enc' } },
          },
          { type: 'text', text: 'Let me ' },
          { type: 'text', text: 'check.' },
          {
            type: 'tool-call',
            toolCallId: 'call_1',
            toolName: 'get_weather',
            input: '{"city":"Oslo"}',
          },
          {
            type: 'tool-call',
            toolCallId: 'ws_1',
            toolName: 'web_search',
            input: '{}',
            providerExecuted: true,
          },
        ],
        'tool-calls',
      ),
      context,
    );
    expect(response.output).toMatchObject([
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan.' }] },
      { type: 'message', content: [{ text: 'Let me check.' }] },
      {
        type: 'function_call',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Oslo"}',
      },
    ]);
    const ids = response.output.map((item) => item.id);
    expect(new Set(ids).size).toBe(3);
    const sealed = (response.output[0] as { encrypted_content?: string }).encrypted_content;
    // The OpenAI item id is left out: nothing was stored under it.
    expect(openReasoning(sealed)).toEqual({ openai: { reasoningEncryptedContent: 'enc' } });
  });

  it('reports a length finish as incomplete and an error finish as failed', () => {
    expect(
      convertToResponse(result([{ type: 'text', text: 'a' }], 'length'), context),
    ).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(convertToResponse(result([], 'error'), context)).toMatchObject({
      status: 'failed',
      error: { code: 'server_error' },
    });
  });
});

describe('sealReasoning', () => {
  it('seals nothing when there is nothing a provider needs back', () => {
    expect(sealReasoning(undefined)).toBeUndefined();
    expect(sealReasoning({ openai: { itemId: 'rs_1', reasoningEncryptedContent: null } })).toBe(
      undefined,
    );
  });

  it('opens only well-formed seals', () => {
    expect(openReasoning('sy1.not-base64-json')).toBeUndefined();
    expect(openReasoning(`sy1.${btoa('[1]')}`)).toBeUndefined();
    expect(openReasoning(sealReasoning({ anthropic: { redactedData: 'é' } }))).toEqual({
      anthropic: { redactedData: 'é' },
    });
  });
});
