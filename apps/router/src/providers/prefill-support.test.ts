import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../config/index.ts';
import { parseConfig } from '../config/index.ts';
import { continuesPrefill } from './prefill-support.ts';

const provider = (settings: Record<string, unknown>): ProviderConfig => {
  const withDefaults = { apiKey: 'k', baseURL: 'https://upstream.example.com/v1', ...settings };
  const config = parseConfig({ providers: { p: withDefaults } }).providers.p;
  if (config === undefined) throw new Error('the provider did not parse');
  return config;
};

describe('continuesPrefill', () => {
  it('continues on the built-in mock', () => {
    expect(continuesPrefill({ type: 'mock', models: {} }, 'any')).toBe(true);
  });

  it.each([
    'claude-sonnet-4-5',
    'claude-sonnet-4-5-20250929',
    'claude-haiku-4-5@20251001',
    'claude-opus-4-1',
    'claude-opus-4-20250514',
    'claude-sonnet-4-0',
    'claude-3-7-sonnet-latest',
    'claude-3-haiku-20240307',
  ])('continues on Anthropic model %s, which accepts a prefill', (modelId) => {
    expect(continuesPrefill(provider({ type: 'anthropic' }), modelId)).toBe(true);
  });

  it.each([
    'claude-sonnet-4-6',
    'claude-opus-4-6',
    'claude-opus-4-7',
    'claude-sonnet-5',
    'claude-opus-5-5',
    'claude-fable-5',
    'some-unknown-model',
  ])('does not continue on Anthropic model %s, which rejects a prefill', (modelId) => {
    expect(continuesPrefill(provider({ type: 'anthropic' }), modelId)).toBe(false);
  });

  it('continues on Bedrock only for Claude models that accept a prefill', () => {
    const bedrock = provider({ type: 'amazon-bedrock', region: 'us-east-1' });
    expect(continuesPrefill(bedrock, 'anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe(true);
    expect(continuesPrefill(bedrock, 'us.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(true);
    expect(continuesPrefill(bedrock, 'global.anthropic.claude-opus-4-6-v1')).toBe(false);
    expect(continuesPrefill(bedrock, 'meta.llama3-3-70b-instruct-v1:0')).toBe(false);
    expect(continuesPrefill(bedrock, 'amazon.nova-pro-v1:0')).toBe(false);
  });

  it.each([
    'openai',
    'google',
    'mistral',
    'deepseek',
    'groq',
    'xai',
    'cohere',
    'togetherai',
    'fireworks',
    'cerebras',
    'perplexity',
    'openai-compatible',
  ])(
    'does not continue on %s by default, which answers a trailing assistant message afresh or repeats it',
    (type) => {
      expect(continuesPrefill(provider({ type }), 'some-model')).toBe(false);
    },
  );

  it('does not continue on azure by default', () => {
    expect(continuesPrefill(provider({ type: 'azure', resourceName: 'r' }), 'gpt-4o')).toBe(false);
  });

  it('follows the assistantPrefill setting over the default of the type', () => {
    const declared = provider({ type: 'openai-compatible', assistantPrefill: true });
    expect(continuesPrefill(declared, 'llama-3.3-70b')).toBe(true);
    const disabled = provider({ type: 'anthropic', assistantPrefill: false });
    expect(continuesPrefill(disabled, 'claude-sonnet-4-5')).toBe(false);
    const forced = provider({ type: 'anthropic', assistantPrefill: true });
    expect(continuesPrefill(forced, 'claude-opus-4-6')).toBe(true);
  });
});
