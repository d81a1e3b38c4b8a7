import { describe, expect, it } from 'vitest';
import { devVariables, jsonForEnvFile, serializeEnvFile } from './dev-vars.ts';

describe('devVariables', () => {
  it('overrides .dev.vars with the same names from the shell, and passes nothing else', () => {
    const merged = devVariables(
      { SWITCHYARD_ADMIN_KEY: 'from-file', CUSTOM: 'file' },
      { SWITCHYARD_ADMIN_KEY: 'from-shell', CUSTOM: 'shell', PATH: '/usr/bin', HOME: '/root' },
    );
    expect(merged).toEqual({ SWITCHYARD_ADMIN_KEY: 'from-shell', CUSTOM: 'shell' });
  });

  it("passes provider keys and the config's env: references from the shell", () => {
    const config = JSON.stringify({ keys: [{ key: 'env:TEAM_KEY', tenant: 't' }] });
    const shell = { OPENAI_API_KEY: 'sk-o', TEAM_KEY: 'k', OTHER_KEY: 'x', EMPTY_KEY: '' };
    expect(devVariables({}, shell, config)).toEqual({ OPENAI_API_KEY: 'sk-o', TEAM_KEY: 'k' });
  });

  it('passes the metrics token and the OTEL_* trace settings from the shell', () => {
    const shell = {
      SWITCHYARD_METRICS_TOKEN: 'm',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_SERVICE_NAME: 'gateway',
      OTHERWISE: 'x',
    };
    expect(devVariables({}, shell)).toEqual({
      SWITCHYARD_METRICS_TOKEN: 'm',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_SERVICE_NAME: 'gateway',
    });
  });
});

describe('serializeEnvFile', () => {
  it('quotes each value with a quote it lacks and escapes $ (wrangler expands $NAME)', () => {
    expect(
      serializeEnvFile({ PLAIN: 'sk-1', SINGLE: "it's", DOLLAR: 'a$HOME', BOTH: "it's `x`" }),
    ).toBe(
      ["PLAIN='sk-1'", "SINGLE=`it's`", "DOLLAR='a\\$HOME'", 'BOTH="it\'s `x`"', ''].join('\n'),
    );
  });

  it('refuses a value holding every kind of quote rather than writing it wrong', () => {
    expect(() => serializeEnvFile({ WILD: 'a\'b`c"d' })).toThrow(/WILD cannot be passed/);
  });
});

describe('jsonForEnvFile', () => {
  it("writes ', ` and $ as \\u escapes, which parse back to the same configuration", () => {
    const config = { reply: 'it\'s `x` "q" $5 \\ \n' };
    const encoded = jsonForEnvFile(JSON.stringify(config, null, 2));
    expect(encoded).not.toMatch(/['`$\n]/);
    expect(JSON.parse(encoded)).toEqual(config);
  });
});
