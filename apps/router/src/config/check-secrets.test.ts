import { describe, expect, it } from 'vitest';
import { findMissingSecrets } from './check-secrets.ts';
import { parseConfig } from './load-config.ts';

const messages = (config: unknown, env: Record<string, unknown>) =>
  findMissingSecrets(parseConfig(config), env);

describe('findMissingSecrets', () => {
  it("names the provider and the package's default variable when that variable is unset", () => {
    expect(messages({ providers: { openai: { type: 'openai' } } }, {})).toEqual([
      { message: "Provider 'openai' has no API key: OPENAI_API_KEY is not set.", fatal: true },
    ]);
  });

  it('names the variable of an env: reference, and counts an empty variable as unset', () => {
    const config = { providers: { claude: { type: 'anthropic', apiKey: 'env:TEAM_CLAUDE' } } };
    expect(messages(config, { TEAM_CLAUDE: '' })).toEqual([
      { message: "Provider 'claude' has no API key: TEAM_CLAUDE is not set.", fatal: true },
    ]);
    expect(messages(config, { TEAM_CLAUDE: 'sk-ant-set' })).toEqual([]);
  });

  it('never reports a literal key, and never prints a value', () => {
    const found = messages(
      {
        providers: {
          literal: { type: 'groq', apiKey: 'gsk_literal_value' },
          unset: { type: 'openai', apiKey: 'env:UNSET_KEY' },
        },
      },
      { OPENAI_API_KEY: 'sk-should-not-appear' },
    );
    expect(found.map(({ message }) => message)).toEqual([
      "Provider 'unset' has no API key: UNSET_KEY is not set.",
    ]);
    expect(JSON.stringify(found)).not.toMatch(/gsk_literal|sk-should-not-appear/);
  });

  it('leaves out mock providers and keyless OpenAI-compatible servers', () => {
    const config = {
      providers: {
        mock: { type: 'mock', models: { echo: {} } },
        ollama: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1' },
        vllm: { type: 'openai-compatible', baseURL: 'http://vllm:8000/v1', apiKey: 'env:VLLM_KEY' },
      },
    };
    expect(messages(config, {}).map(({ message }) => message)).toEqual([
      "Provider 'vllm' has no API key: VLLM_KEY is not set.",
    ]);
  });

  it('accepts AWS access keys for Bedrock, and names both ways when neither is set', () => {
    const config = { providers: { bedrock: { type: 'amazon-bedrock', region: 'us-east-1' } } };
    expect(messages(config, { AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 's' })).toEqual([]);
    expect(messages(config, { AWS_ACCESS_KEY_ID: 'id' })).toEqual([
      {
        message:
          "Provider 'bedrock' has no credentials: AWS_BEARER_TOKEN_BEDROCK is not set, nor are both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
        fatal: true,
      },
    ]);
  });

  it('is not fatal for a provider that requests may bring their own key for', () => {
    const [found] = messages(
      { providers: { openai: { type: 'openai', allowRequestKeys: true } } },
      {},
    );
    expect(found?.fatal).toBe(false);
    expect(found?.message).toContain('Only requests that bring their own key');
  });

  it('reports a static API key and an alert secret whose variables are unset', () => {
    const config = {
      providers: { mock: { type: 'mock', models: { echo: {} } } },
      keys: [
        { key: 'env:SEARCH_KEY', tenant: 'search' },
        { key: 'sk-literal-team-key', tenant: 'literal' },
      ],
      governance: { alerts: { url: 'https://alerts.example.com/hook', secret: 'env:ALERTS' } },
    };
    expect(messages(config, {}).map(({ message }) => message)).toEqual([
      "The API key for tenant 'search' is off: SEARCH_KEY is not set.",
      'Budget alerts are off: their signing secret ALERTS is not set.',
    ]);
    expect(messages(config, { SEARCH_KEY: 'k', ALERTS: 'a' })).toEqual([]);
  });
});
