import { describe, expect, it } from 'vitest';
import { actionContext, compiledRules } from '../__fixtures__/test-rules.ts';
import { GuardrailViolationError } from '../guardrail-violation-error.ts';
import { ruleSetFor } from '../policy/rule-set.ts';
import { applyRules } from './apply-rules.ts';
import { matchHash } from './record-actions.ts';

const input = (rules: Parameters<typeof compiledRules>[0]) =>
  ruleSetFor(compiledRules(rules), 'input');

describe('applyRules', () => {
  it('redacts with numbered placeholders, the same value always the same one', () => {
    const context = actionContext('input');
    const rules = input({ pii: { detectors: ['pii'], action: 'redact' } });
    const texts = applyRules(
      ['Mail ada@lovelace.dev or grace@hopper.io.', 'Again: ada@lovelace.dev, call (415) 392-0174'],
      rules,
      context,
    );
    expect(texts).toEqual(['Mail [EMAIL_1] or [EMAIL_2].', 'Again: [EMAIL_1], call [PHONE_1]']);
  });

  it('records each action with a count and keyed hashes, never the text', () => {
    const context = actionContext('input');
    applyRules(
      ['ada@lovelace.dev and ada@lovelace.dev'],
      input({ pii: { detectors: ['pii'], action: 'redact' } }),
      context,
    );
    expect(context.facts.guardrails).toEqual([
      {
        rule: 'pii',
        direction: 'input',
        action: 'redact',
        mode: 'enforce',
        count: 2,
        detectors: ['pii.email'],
        hashes: [matchHash(context.hashKey, 'ada@lovelace.dev')],
      },
    ]);
    expect(JSON.stringify(context.facts)).not.toContain('lovelace');
  });

  it('throws a guardrail violation naming the rule, not the text, and records the block', () => {
    const context = actionContext('input');
    const rules = input({ 'no-cards': { detectors: ['pii.payment-card'], action: 'block' } });
    let thrown: unknown;
    try {
      applyRules(['pay with 4539 1488 0343 6467'], rules, context);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GuardrailViolationError);
    expect((thrown as GuardrailViolationError).toJSON().error).toEqual({
      message: "The request was blocked by guardrail rule 'no-cards' (pii.payment-card matched).",
      type: 'invalid_request_error',
      param: null,
      code: 'guardrail_violation',
    });
    expect(context.facts.guardrails?.[0]).toMatchObject({
      rule: 'no-cards',
      action: 'block',
      count: 1,
    });
  });

  it('warns and shadows without changing anything', () => {
    const context = actionContext('input');
    const rules = input({
      watch: { detectors: ['pii.email'], action: 'warn' },
      trial: { detectors: ['pii.email'], action: 'block', mode: 'shadow' },
    });
    expect(applyRules(['ada@lovelace.dev'], rules, context)).toEqual(['ada@lovelace.dev']);
    expect(
      context.facts.guardrails?.map((entry) => [entry.rule, entry.action, entry.mode]),
    ).toEqual([
      ['watch', 'warn', 'enforce'],
      ['trial', 'block', 'shadow'],
    ]);
  });

  it('blocks when a stricter rule matches what a looser one only redacts', () => {
    const rules = input({
      lenient: { detectors: ['pii.email'], action: 'redact', restore: true },
      strict: { terms: ['ada@lovelace.dev'], action: 'block' },
    });
    expect(() => applyRules(['ada@lovelace.dev'], rules, actionContext('input'))).toThrow(
      GuardrailViolationError,
    );
  });

  it('restores only values whose every redaction asked for it', () => {
    const context = actionContext('input');
    const rules = input({
      emails: { detectors: ['pii.email'], action: 'redact', restore: true },
      cards: { detectors: ['pii.payment-card'], action: 'redact' },
    });
    applyRules(['ada@lovelace.dev pays with 4539148803436467'], rules, context);
    expect(context.placeholders.restore('[EMAIL_1] / [CARD_1] / [EMAIL_9]')).toBe(
      'ada@lovelace.dev / [CARD_1] / [EMAIL_9]',
    );
  });
});
