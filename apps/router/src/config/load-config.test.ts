import { describe, expect, it } from 'vitest';
import { demoConfig } from './demo-config.ts';
import {
  ConfigError,
  loadConfigFromVariables,
  parseConfig,
  parseConfigVariable,
  resolveSecret,
} from './load-config.ts';

/** The ConfigError message for a source that should not parse. */
function configErrorFor(source: unknown, origin?: string): string {
  try {
    parseConfig(source, origin);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
  return expect.fail('expected a ConfigError');
}

const mockProvider = { type: 'mock', models: { echo: {} } };

describe('parseConfig', () => {
  it('accepts JSON text and a value alike', () => {
    const value = { providers: { mock: mockProvider } };
    expect(parseConfig(JSON.stringify(value))).toEqual(parseConfig(value));
  });

  it('reports invalid JSON with its origin', () => {
    const message = configErrorFor('{"providers":', 'config.json');
    expect(message).toMatch(/^config\.json is not valid JSON: /);
  });

  it("refuses a config key in the admin key's tenant, which would share its cache", () => {
    const message = configErrorFor({
      providers: { mock: { type: 'mock', models: { echo: {} } } },
      keys: [{ key: 'env:TEAM_KEY', tenant: 'admin' }],
    });
    expect(message).toContain('keys[0].tenant');
    expect(message).toContain("'admin' is the admin key's own tenant");
  });

  it('refuses an alert receiver without a signing secret', () => {
    const message = configErrorFor({
      providers: { mock: { type: 'mock', models: { echo: {} } } },
      governance: { alerts: { url: 'https://alerts.example.com/hook' } },
    });
    expect(message).toContain('governance.alerts.secret');
  });

  it('reports a bad field by its dotted path', () => {
    const message = configErrorFor({
      providers: { openai: { type: 'openai', baseURL: 'not a url' } },
    });
    expect(message).toBe(
      'SWITCHYARD_CONFIG is invalid:\n  - providers.openai.baseURL: Invalid URL',
    );
  });

  it('reports every bad field, each on its own line', () => {
    const message = configErrorFor({
      providers: { a: { type: 'anthropic', models: 'claude' }, b: { type: 'nope' } },
    });
    expect(message.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}- providers\.a\.models: /),
      expect.stringMatching(/^ {2}- providers\.b\.type: /),
    ]);
  });

  it('reports an alias target naming an unknown provider at its index', () => {
    const message = configErrorFor({
      providers: { mock: mockProvider },
      models: { chat: { targets: ['mock/echo', 'openai/gpt-4o'] } },
    });
    expect(message).toContain("models.chat.targets[1]: unknown provider 'openai'");
    expect(message).not.toContain('targets[0]');
  });

  it('rejects an alias target naming an Object.prototype key as its provider', () => {
    const message = configErrorFor({
      providers: { mock: mockProvider },
      models: { chat: { targets: ['constructor/gpt-4o'] } },
    });
    expect(message).toContain("models.chat.targets[0]: unknown provider 'constructor'");
  });

  it('rejects a target that is not written provider/model', () => {
    const message = configErrorFor({
      providers: { mock: mockProvider },
      models: { chat: { targets: ['echo'] } },
    });
    expect(message).toContain('models.chat.targets[0]: a target is written provider/model');
  });

  it('rejects unknown keys at every level', () => {
    expect(configErrorFor({ providers: {}, extra: 1 })).toContain(
      '(root): Unrecognized key: "extra"',
    );
    expect(configErrorFor({ providers: { o: { type: 'openai', apiKy: 'x' } } })).toContain(
      'providers.o: Unrecognized key: "apiKy"',
    );
    expect(
      configErrorFor({ providers: { m: { type: 'mock', models: { e: { delay: 1 } } } } }),
    ).toContain('providers.m.models.e: Unrecognized key: "delay"');
    expect(configErrorFor({ providers: {}, server: { port: 1 } })).toContain(
      'server: Unrecognized key: "port"',
    );
  });

  it('rejects a provider id with characters outside the allowed set', () => {
    expect(configErrorFor({ providers: { 'my provider': mockProvider } })).toContain('providers');
  });

  it('requires a baseURL for an openai-compatible provider', () => {
    expect(configErrorFor({ providers: { local: { type: 'openai-compatible' } } })).toContain(
      'providers.local.baseURL',
    );
  });

  it('applies defaults', () => {
    const config = parseConfig({
      providers: {
        openai: { type: 'openai' },
        local: { type: 'openai-compatible', baseURL: 'http://localhost:11434/v1' },
        mock: mockProvider,
      },
    });
    expect(config.models).toEqual({});
    expect(config.server.maxBodyBytes).toBe(4 * 1024 * 1024);
    expect(config.store.timeBudgetMs).toBe(150);
    expect(config.providers.openai).toMatchObject({ type: 'openai', api: 'responses' });
    expect(config.providers.local).toMatchObject({ includeUsage: true });
    expect(config.providers.mock).toMatchObject({
      models: {
        echo: { latencyMs: 0, firstTokenMs: 0, chunkDelayMs: 0, errorRate: 1, hang: false },
      },
    });
  });

  it('keeps explicit values over defaults', () => {
    const config = parseConfig({
      providers: { openai: { type: 'openai', api: 'chat' } },
      server: { maxBodyBytes: 1024 },
      store: { timeBudgetMs: 50 },
    });
    expect(config.providers.openai).toMatchObject({ api: 'chat' });
    expect(config.server.maxBodyBytes).toBe(1024);
    expect(config.store.timeBudgetMs).toBe(50);
  });

  it('parses the demo config with its failover alias', () => {
    const config = parseConfig(demoConfig);
    expect(Object.keys(config.providers)).toEqual(['mock']);
    expect(config.models.chat?.targets).toEqual([
      { target: 'mock/down', weight: 1 },
      { target: 'mock/echo', weight: 1 },
    ]);
    expect(config.providers.mock).toMatchObject({
      models: { down: { errorStatus: 503, errorRate: 1 } },
    });
  });
});

describe('parseConfigVariable', () => {
  it('says to use SWITCHYARD_CONFIG_FILE when SWITCHYARD_CONFIG holds a path, without echoing it', () => {
    for (const path of ['/etc/switchyard/config.json', './cfg.json', '~/cfg', 'cfg.JSON']) {
      expect(() => parseConfigVariable(path), path).toThrow(ConfigError);
      expect(() => parseConfigVariable(path), path).toThrow(
        /looks like a file path: put the path in SWITCHYARD_CONFIG_FILE/,
      );
      try {
        parseConfigVariable(path);
      } catch (error) {
        expect((error as Error).message).not.toContain(path);
      }
    }
  });

  it('parses JSON as before, and reports other text as invalid JSON', () => {
    expect(parseConfigVariable(JSON.stringify({ providers: { mock: mockProvider } }))).toEqual(
      parseConfig({ providers: { mock: mockProvider } }),
    );
    expect(() => parseConfigVariable('not json')).toThrow(/^SWITCHYARD_CONFIG is not valid JSON/);
  });
});

describe('loadConfigFromVariables', () => {
  const json = JSON.stringify({ providers: { mock: mockProvider } });

  it('takes SWITCHYARD_CONFIG, else the demo, and says which', () => {
    expect(loadConfigFromVariables({ SWITCHYARD_CONFIG: json }).origin).toEqual({
      kind: 'variable',
    });
    expect(loadConfigFromVariables({ SWITCHYARD_CONFIG: '  ' }).origin).toEqual({ kind: 'demo' });
    expect(loadConfigFromVariables({}).config).toEqual(parseConfig(demoConfig));
  });

  it('refuses SWITCHYARD_CONFIG_FILE, which a Worker cannot read, instead of serving the demo', () => {
    expect(() => loadConfigFromVariables({ SWITCHYARD_CONFIG_FILE: 'cfg.json' })).toThrow(
      /Workers cannot read files: put the file's JSON in SWITCHYARD_CONFIG/,
    );
    const both = { SWITCHYARD_CONFIG_FILE: 'cfg.json', SWITCHYARD_CONFIG: json };
    expect(loadConfigFromVariables(both).origin).toEqual({ kind: 'variable' });
  });
});

describe('resolveSecret', () => {
  const env = { OPENAI_API_KEY: 'sk-env', EMPTY: '', NUMBER: 42 };

  it('reads an env: reference from the environment', () => {
    expect(resolveSecret('env:OPENAI_API_KEY', env)).toBe('sk-env');
  });

  it('returns any other value literally', () => {
    expect(resolveSecret('sk-literal', env)).toBe('sk-literal');
    expect(resolveSecret('ENV:OPENAI_API_KEY', env)).toBe('ENV:OPENAI_API_KEY');
  });

  it('returns undefined for a missing, empty or non-string variable and for no reference', () => {
    expect(resolveSecret('env:MISSING', env)).toBeUndefined();
    expect(resolveSecret('env:EMPTY', env)).toBeUndefined();
    expect(resolveSecret('env:NUMBER', env)).toBeUndefined();
    expect(resolveSecret(undefined, env)).toBeUndefined();
  });
});
