import type { ExecutionContext } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoConfig } from './config/index.ts';
import worker from './worker.ts';

const secret = 'sk-live-0123456789abcdef';
const context: ExecutionContext = {
  waitUntil: () => {},
  passThroughOnException: () => {},
  props: {},
};

/** A Workers `Env` with only what the router reads; the rest of the bindings stay unset. */
function envWith(config: string, more: Record<string, string> = {}): Env {
  return { SWITCHYARD_CONFIG: config, SWITCHYARD_ADMIN_KEY: 'sk-admin', ...more } as Env;
}

// V8 quotes the text around an unexpected token; these put a key right there.
const brokenConfigs = {
  'an unquoted key': `{"providers":{"openai":{"type":"openai","apiKey":${secret}}}}`,
  'a single-quoted key': `{"providers":{"openai":{"type":"openai","apiKey":'${secret}'}}}`,
  'JSON cut off after a key': `{"providers":{"openai":{"type":"openai","apiKey":"${secret}"`,
  'a schema violation next to a key': JSON.stringify({
    providers: { openai: { type: 'no-such-type', apiKey: secret } },
  }),
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('worker entry with a broken SWITCHYARD_CONFIG', () => {
  for (const [name, config] of Object.entries(brokenConfigs)) {
    it(`answers a generic 500 envelope that quotes none of the config (${name})`, async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      for (const path of ['/health', '/v1/models', '/v1/chat/completions']) {
        const response = await worker.fetch(
          new Request(`http://router.test${path}`),
          envWith(config),
          context,
        );
        const text = await response.text();
        expect(response.status, path).toBe(500);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(JSON.parse(text)).toEqual({
          error: {
            message: expect.any(String),
            type: 'api_error',
            param: null,
            code: 'invalid_config',
          },
        });
        for (const fragment of ['sk-live', '0123', 'apiKey', 'openai']) {
          expect(text, path).not.toContain(fragment);
        }
      }
      expect(logged).toHaveBeenCalled();
    });
  }

  it('serves normally once the configuration is valid', async () => {
    const response = await worker.fetch(
      new Request('http://router.test/health'),
      envWith(JSON.stringify(demoConfig)),
      context,
    );
    expect(response.status).toBe(200);
  });
});

describe('worker entry start-up checks', () => {
  // Each test its own provider id: the isolate logs a summary only when it changes.
  const configNeedingKey = (providerId: string) =>
    JSON.stringify({
      providers: { [providerId]: { type: 'anthropic' }, mock: { type: 'mock', models: { e: {} } } },
    });

  it('logs the summary and each missing key once per isolate, naming the variable', async () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const config = configNeedingKey('claude-once');
    for (let request = 0; request < 3; request++) {
      // A fresh Env object per request, as a new isolate binding would be: still one report.
      const response = await worker.fetch(
        new Request('http://router.test/health'),
        envWith(config),
        context,
      );
      expect(response.status).toBe(200);
    }
    const summaries = info.mock.calls.filter(([line]) =>
      String(line).includes('Switchyard started'),
    );
    expect(summaries).toHaveLength(1);
    expect(JSON.parse(String(summaries[0]?.[0]))).toMatchObject({
      level: 'info',
      config: 'the SWITCHYARD_CONFIG variable',
      providers: 2,
      store: 'the in-isolate store (not shared with other isolates)',
      adminKey: true,
    });
    expect(warn.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([
      {
        level: 'warn',
        message: "Provider 'claude-once' has no API key: ANTHROPIC_API_KEY is not set.",
      },
    ]);
  });

  it('refuses to serve under SWITCHYARD_STRICT=1 while a key is missing', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const config = configNeedingKey('claude-strict');
    const strict = await worker.fetch(
      new Request('http://router.test/health'),
      envWith(config, { SWITCHYARD_STRICT: '1' }),
      context,
    );
    expect(strict.status).toBe(500);
    expect(String(logged.mock.calls[0]?.[0])).toContain('not starting (SWITCHYARD_STRICT)');
    const withKey = await worker.fetch(
      new Request('http://router.test/health'),
      envWith(config, { SWITCHYARD_STRICT: '1', ANTHROPIC_API_KEY: 'sk-ant-set' }),
      context,
    );
    expect(withKey.status).toBe(200);
  });

  it('says SWITCHYARD_CONFIG_FILE cannot be read here, instead of serving the demo', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const env = { SWITCHYARD_ADMIN_KEY: 'sk-admin', SWITCHYARD_CONFIG_FILE: 'cfg.json' };
    const response = await worker.fetch(
      new Request('http://router.test/v1/models'),
      env as unknown as Env,
      context,
    );
    expect(response.status).toBe(500);
    expect(String(logged.mock.calls[0]?.[0])).toContain('put the file');
  });
});
