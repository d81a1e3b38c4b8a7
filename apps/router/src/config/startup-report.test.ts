import { describe, expect, it } from 'vitest';
import { demoConfig } from './demo-config.ts';
import { parseConfig } from './load-config.ts';
import { publicAdminKey, startupReport, startupWarnings } from './startup-report.ts';

const ownConfig = parseConfig({
  providers: { openai: { type: 'openai' }, mock: { type: 'mock', models: { echo: {} } } },
  models: { chat: { targets: ['openai/gpt-4o', 'mock/echo'] } },
  keys: [
    { key: 'env:SEARCH_KEY', tenant: 'search' },
    { key: 'env:UNSET_KEY', tenant: 'other' },
  ],
});
const fileOrigin = { kind: 'file', path: 'switchyard.json', from: '--config' } as const;

describe('startupWarnings', () => {
  it('warns, fatally under --strict, when the public admin key guards your own config', () => {
    const [warning] = startupWarnings({
      config: ownConfig,
      origin: fileOrigin,
      env: { OPENAI_API_KEY: 'sk-set', UNSET_KEY: 'k' },
      adminKey: publicAdminKey,
    });
    expect(warning).toEqual({ message: expect.stringContaining(publicAdminKey), fatal: true });
    expect(warning?.message).toContain('SWITCHYARD_ADMIN_KEY');
  });

  it('says nothing of the public admin key with the demo config', () => {
    const warnings = startupWarnings({
      config: parseConfig(demoConfig),
      origin: { kind: 'demo' },
      env: {},
      adminKey: publicAdminKey,
    });
    expect(warnings).toEqual([]);
  });
});

describe('startupReport', () => {
  it('says which config, store and keys are in use', () => {
    const report = startupReport({
      config: ownConfig,
      origin: fileOrigin,
      env: { SEARCH_KEY: 'k', SWITCHYARD_KEY_SECRET: 'secret' },
      adminKey: 'sk-admin',
      store: 'Redis at redis://127.0.0.1:6379',
    });
    expect(report).toEqual({
      config: 'switchyard.json (--config)',
      providers: 2,
      aliases: 1,
      store: 'Redis at redis://127.0.0.1:6379',
      adminKey: true,
      staticKeys: 1,
      storedKeys: 'on (hashed under SWITCHYARD_KEY_SECRET)',
      warnings: [
        { message: "Provider 'openai' has no API key: OPENAI_API_KEY is not set.", fatal: true },
        { message: "The API key for tenant 'other' is off: UNSET_KEY is not set.", fatal: true },
      ],
    });
  });

  it('says stored keys are off without an admin key or key secret', () => {
    const report = startupReport({
      config: parseConfig(demoConfig),
      origin: { kind: 'variable' },
      env: {},
      adminKey: '  ',
      store: 'the in-process store',
    });
    expect(report).toMatchObject({
      config: 'the SWITCHYARD_CONFIG variable',
      adminKey: false,
      storedKeys: expect.stringMatching(/^off /),
    });
  });
});
