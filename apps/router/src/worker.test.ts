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
function envWith(config: string): Env {
  return { SWITCHYARD_CONFIG: config, SWITCHYARD_ADMIN_KEY: 'sk-admin' } as Env;
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
