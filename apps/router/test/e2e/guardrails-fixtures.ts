import type { MockUpstream } from '@switchyard/testkit';
import { createRandom, secretValues } from '../../src/guardrails/__fixtures__/synthetic-values.ts';

/** Keys whose config policies differ: each test picks the behaviour it needs by its key. */
export const keys = {
  blocker: 'sk-guardrails-blocker',
  restorer: 'sk-guardrails-restorer',
  masker: 'sk-guardrails-masker',
  europe: 'sk-guardrails-europe',
} as const;

/** A synthetic key in GitHub's token format. */
export const leakedToken = secretValues['github-token']?.(createRandom(42)) ?? '';

/** A model id whose mock upstream answers `text` instead of echoing. */
export const replying = (model: string, text: string) =>
  `${model}~replyB64=${Buffer.from(text).toString('base64url')}`;

/** Providers with declared data handling; guardrail policies per key, and for everyone. */
export function guardrailsConfig(upstream: MockUpstream) {
  const base = { baseURL: upstream.baseURLs.openai, apiKey: 'test-key' };
  return {
    providers: {
      'openai-chat': {
        type: 'openai',
        api: 'chat',
        ...base,
        data: { retention: 30, training: false, region: 'us' },
      },
      anthropic: {
        type: 'anthropic',
        baseURL: upstream.baseURLs.anthropic,
        apiKey: 'test-key',
        data: { retention: 'none', training: false, region: 'eu-central' },
      },
      compatible: { type: 'openai-compatible', ...base },
    },
    models: {
      chat: { targets: ['openai-chat/gpt-4o-mini', 'anthropic/claude-sonnet-4-5'] },
      'us-only': { targets: ['openai-chat/gpt-4o-mini', 'compatible/llama-3.1-8b'] },
    },
    keys: Object.entries(keys).map(([tenant, key]) => ({ key, tenant })),
    guardrails: {
      rules: {
        'no-secrets': { detectors: ['secrets'], action: 'block' },
        'pii-restore': { detectors: ['pii'], action: 'redact', restore: true, direction: 'input' },
        'pii-mask': { detectors: ['pii'], action: 'redact' },
        'secrets-mask': { detectors: ['secrets'], action: 'redact', direction: 'output' },
        injection: { detectors: ['injection'] },
        'codename-trial': { terms: ['Nightjar'], action: 'block', mode: 'shadow' },
        tickets: {
          pattern: 'TICKET-[0-9]{4,8}(?:-[A-Z]{2})?',
          flags: 'i',
          action: 'redact',
          label: 'TICKET',
        },
      },
      gateway: { rules: ['injection', 'codename-trial'] },
      keys: {
        blocker: { rules: ['no-secrets'] },
        restorer: { rules: ['pii-restore'] },
        masker: { rules: ['pii-mask', 'secrets-mask', 'tickets'] },
        europe: { rules: [], data: { regions: ['eu'] } },
      },
    },
    routing: { attemptsPerTarget: 1 },
    server: { requestLog: false },
  };
}
