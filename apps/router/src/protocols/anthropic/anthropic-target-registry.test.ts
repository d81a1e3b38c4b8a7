import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import type { ProviderRegistry } from '../../providers/provider-registry.ts';
import { parseTarget, type Target } from '../../routing/target.ts';
import { parseRequest } from '../parse-request.ts';
import { anthropicTargetRegistry } from './anthropic-target-registry.ts';
import { convertToCallOptions } from './convert-to-call-options.ts';
import { messagesRequestSchema } from './messages-request.ts';

const config = parseConfig({
  providers: {
    anthropic: { type: 'anthropic', apiKey: 'k' },
    'anthropic-eu': { type: 'anthropic', apiKey: 'k' },
    openai: { type: 'openai', apiKey: 'k' },
  },
});

/** A registry whose models only record the call options they receive. */
function recordingRegistry() {
  const calls = new Map<string, LanguageModelV4CallOptions>();
  const model = (target: Target): LanguageModelV4 => ({
    specificationVersion: 'v4',
    provider: target.providerId,
    modelId: target.modelId,
    supportedUrls: {},
    doGenerate: async (options) => {
      calls.set(target.id, options);
      throw new Error('not called for an answer');
    },
    doStream: async () => {
      throw new Error('not streamed');
    },
  });
  const registry = { languageModel: model } as unknown as ProviderRegistry;
  return { registry, calls };
}

const call = convertToCallOptions(
  parseRequest(messagesRequestSchema, {
    model: 'claude-sonnet-4-5',
    max_tokens: 2048,
    thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: [
      { role: 'user', content: 'What is 2 + 2?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Add them.', signature: 'switchyard:anthropic:SIG' },
          { type: 'redacted_thinking', data: 'switchyard:anthropic:RED' },
          { type: 'text', text: '4' },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'thinking', thinking: 'only', signature: 'switchyard:openai:' }],
      },
      { role: 'user', content: 'And 3 + 3?' },
    ],
  }),
  { betas: ['interleaved-thinking-2025-05-14'] },
);

async function callAt(targetId: string, version?: string): Promise<LanguageModelV4CallOptions> {
  const { registry, calls } = recordingRegistry();
  const tailored = anthropicTargetRegistry(registry, config, { version });
  const target = parseTarget(targetId) as Target;
  await Promise.resolve(tailored.languageModel(target).doGenerate(call)).catch(() => undefined);
  const received = calls.get(target.id);
  if (received === undefined) throw new Error(`no call reached ${targetId}`);
  return received;
}

describe('anthropicTargetRegistry', () => {
  it('replays Anthropic thinking with its signature to the provider that signed it', async () => {
    const received = await callAt('anthropic/claude-sonnet-4-5', '2023-06-01');
    expect(received.prompt[1]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'reasoning',
          text: 'Add them.',
          providerOptions: { anthropic: { signature: 'SIG' } },
        },
        { type: 'reasoning', text: '', providerOptions: { anthropic: { redactedData: 'RED' } } },
        { type: 'text', text: '4' },
      ],
    });
    // The OpenAI-made thinking was the whole turn: nothing of it is left for Anthropic.
    expect(received.prompt).toHaveLength(3);
  });

  it('drops thinking made by another provider, even another Anthropic account', async () => {
    for (const target of ['anthropic-eu/claude-sonnet-4-5', 'openai/gpt-4o']) {
      const received = await callAt(target);
      expect(received.prompt[1]).toEqual({
        role: 'assistant',
        content: [{ type: 'text', text: '4' }],
      });
    }
  });

  it("gives a provider its own unsigned reasoning back, without Anthropic's fields", async () => {
    const received = await callAt('openai/gpt-4o');
    expect(received.prompt[2]).toEqual({
      role: 'assistant',
      content: [{ type: 'reasoning', text: 'only' }],
    });
  });

  it('sends anthropic-version to Anthropic targets only, and their own thinking instead of an effort', async () => {
    const anthropic = await callAt('anthropic/claude-sonnet-4-5', '2023-06-01');
    expect(anthropic.headers).toEqual({ 'anthropic-version': '2023-06-01' });
    expect(anthropic.reasoning).toBeUndefined();
    expect(anthropic.providerOptions?.anthropic).toMatchObject({
      thinking: { type: 'enabled', budgetTokens: 1024 },
      anthropicBeta: ['interleaved-thinking-2025-05-14'],
    });
    const openai = await callAt('openai/gpt-4o', '2023-06-01');
    expect(openai.headers).toBeUndefined();
    expect(openai.reasoning).toBe('low');
  });

  it("lowers max_tokens to a target's output limit, as Claude Code asks for far more than most models give", async () => {
    expect((await callAt('openai/gpt-4o')).maxOutputTokens).toBe(2048);
    const large = { ...call, maxOutputTokens: 128_000 };
    const { registry, calls } = recordingRegistry();
    const tailored = anthropicTargetRegistry(registry, config, {});
    for (const id of ['openai/gpt-4o', 'anthropic/claude-sonnet-5-5']) {
      await Promise.resolve(
        tailored.languageModel(parseTarget(id) as Target).doGenerate(large),
      ).catch(() => undefined);
    }
    // The catalog knows GPT-4o's limit; a model it knows no limit of gets what was asked.
    expect(calls.get('openai/gpt-4o')?.maxOutputTokens).toBe(16_384);
    expect(calls.get('anthropic/claude-sonnet-5-5')?.maxOutputTokens).toBe(128_000);
  });
});
