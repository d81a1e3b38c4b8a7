import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config/index.ts';

const withGuardrails = (guardrails: unknown) =>
  parseConfig({ providers: { mock: { type: 'mock', models: { echo: {} } } }, guardrails });

describe('the guardrails config section', () => {
  it('defaults to no rules and no policies', () => {
    const config = withGuardrails(undefined);
    expect(config.guardrails.rules).toEqual({});
    expect(config.guardrails.gateway).toEqual({ rules: [] });
  });

  it('fills rule defaults: both directions, warn, enforce', () => {
    const config = withGuardrails({ rules: { pii: { detectors: ['pii'] } } });
    expect(config.guardrails.rules.pii).toMatchObject({
      direction: 'both',
      action: 'warn',
      mode: 'enforce',
      restore: false,
    });
  });

  it('refuses an unsafe expression with an error naming the rule', () => {
    expect(() =>
      withGuardrails({ rules: { 'order-ids': { pattern: '(\\d+)+-x', action: 'block' } } }),
    ).toThrow(
      /guardrails\.rules\["order-ids"\]\.pattern: rule 'order-ids': the pattern may backtrack catastrophically/,
    );
  });

  it('refuses an unbounded expression with an error naming the rule', () => {
    expect(() => withGuardrails({ rules: { tickets: { pattern: 'T-\\d+' } } })).toThrow(
      /rule 'tickets': the pattern can match text of unbounded length/,
    );
  });

  it('refuses a policy naming a rule that does not exist', () => {
    expect(() => withGuardrails({ gateway: { rules: ['nope'] } })).toThrow(
      /guardrails\.gateway\.rules\[0\]: unknown rule 'nope'/,
    );
  });

  it('refuses redacting injection findings, and restore without redact', () => {
    expect(() =>
      withGuardrails({ rules: { inj: { detectors: ['injection'], action: 'redact' } } }),
    ).toThrow(ConfigError);
    expect(() =>
      withGuardrails({ rules: { pii: { detectors: ['pii'], action: 'warn', restore: true } } }),
    ).toThrow(/restore needs action redact/);
  });

  it('refuses an unknown detector name', () => {
    expect(() => withGuardrails({ rules: { x: { detectors: ['pii.passport'] } } })).toThrow(
      /guardrails\.rules\.x\.detectors\[0\]/,
    );
  });

  it('accepts a provider data declaration, and refuses a malformed one', () => {
    const providers = {
      mock: {
        type: 'mock',
        models: { echo: {} },
        data: { retention: 'none', training: false, region: 'eu' },
      },
    };
    expect(parseConfig({ providers }).providers.mock?.data).toEqual({
      retention: 'none',
      training: false,
      region: 'eu',
    });
    expect(() =>
      parseConfig({ providers: { mock: { ...providers.mock, data: { retention: 'forever' } } } }),
    ).toThrow(/providers\.mock\.data\.retention/);
  });
});
