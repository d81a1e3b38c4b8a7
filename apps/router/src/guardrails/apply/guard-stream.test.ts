import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createRandom, secretValues } from '../__fixtures__/synthetic-values.ts';
import { actionContext, compiledRules } from '../__fixtures__/test-rules.ts';
import { GuardrailViolationError } from '../guardrail-violation-error.ts';
import { outputRulesOf } from '../policy/output-rules.ts';
import type { ActionContext } from './apply-rules.ts';
import { guardStream, streamPolicyOf } from './guard-stream.ts';

type Part = LanguageModelV4StreamPart;

const finish: Part = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 1, text: 1, reasoning: undefined },
  },
};

function partsOf(chunks: string[], end: Part | undefined = finish): Part[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...chunks.map((delta): Part => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    ...(end === undefined ? [] : [end]),
  ];
}

function streamOf(parts: Part[]): ReadableStream<Part> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

async function run(
  chunks: string[],
  rules: Parameters<typeof compiledRules>[0],
  context: ActionContext = actionContext('output'),
) {
  const out: Part[] = [];
  const reader = guardStream(
    streamOf(partsOf(chunks)),
    outputRulesOf(compiledRules(rules)),
    context,
  ).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) out.push(next.value);
  const text = out.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
  return { out, text, context };
}

const key = secretValues['github-token']?.(createRandom(1)) ?? '';

describe('guardStream', () => {
  it('chooses the policy from the enforced actions', () => {
    const policy = (rules: Parameters<typeof compiledRules>[0]) =>
      streamPolicyOf(outputRulesOf(compiledRules(rules)));
    expect(
      policy({
        a: { detectors: ['secrets'], action: 'block' },
        b: { detectors: ['pii'], action: 'redact' },
      }),
    ).toBe('hold');
    expect(policy({ b: { detectors: ['pii'], action: 'redact' } })).toBe('window');
    expect(policy({ c: { detectors: ['pii'], action: 'block', mode: 'shadow' } })).toBe('audit');
    expect(policy({ d: { detectors: ['pii'], action: 'block', direction: 'input' } })).toBe('pass');
  });

  it('redacts a key split across many chunks, and sends the rest unchanged', async () => {
    const text = `Here is the token ${key} for the deploy job, keep it safe.`;
    const chunks = text.match(/.{1,3}/gs) ?? [];
    const { text: sent } = await run(chunks, { s: { detectors: ['secrets'], action: 'redact' } });
    expect(sent).toBe('Here is the token [GITHUB_TOKEN_1] for the deploy job, keep it safe.');
  });

  it('sends text before the window while the answer is still streaming', async () => {
    const long = `${'All systems nominal. '.repeat(40)}done`;
    const { out } = await run(long.match(/.{1,10}/gs) ?? [], {
      s: { detectors: ['secrets'], action: 'redact' },
    });
    const deltas = out.filter((part) => part.type === 'text-delta');
    // Several deltas, not one at the end: only a window is held.
    expect(deltas.length).toBeGreaterThan(5);
  });

  it('holds the answer for a block rule and ends with an in-band error, sending no text', async () => {
    const { out, context } = await run([`the key is ${key.slice(0, 10)}`, key.slice(10)], {
      s: { detectors: ['secrets'], action: 'block' },
    });
    expect(out.some((part) => part.type === 'text-delta')).toBe(false);
    expect(out.some((part) => part.type === 'finish')).toBe(false);
    const last = out.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error).toBeInstanceOf(GuardrailViolationError);
    expect(context.facts.guardrails?.[0]).toMatchObject({ direction: 'output', action: 'block' });
  });

  it('releases a held answer whole when no block rule matched', async () => {
    const { out, text } = await run(['all ', 'clear'], {
      s: { detectors: ['secrets'], action: 'block' },
    });
    expect(text).toBe('all clear');
    expect(out.at(-1)?.type).toBe('finish');
  });

  it('audits warn rules at the end without holding anything, recording before finish', async () => {
    const context = actionContext('output');
    const seen: (number | undefined)[] = [];
    const stream = guardStream(
      streamOf(partsOf(['mail ada@', 'lovelace.dev now'])),
      outputRulesOf(compiledRules({ w: { detectors: ['pii'], action: 'warn' } })),
      context,
    );
    const reader = stream.getReader();
    let text = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (next.value.type === 'text-delta') text += next.value.delta;
      if (next.value.type === 'finish') seen.push(context.facts.guardrails?.[0]?.count);
    }
    expect(text).toBe('mail ada@lovelace.dev now');
    expect(seen).toEqual([1]);
  });

  it('restores a placeholder the model split across chunks', async () => {
    const context = actionContext('output');
    context.placeholders.placeholderFor('ada@lovelace.dev', 'EMAIL', true);
    const { text } = await run(['Sent to [EMA', 'IL_1', '] and [1, 2]'], {}, context);
    expect(text).toBe('Sent to ada@lovelace.dev and [1, 2]');
  });

  it('never restores a placeholder redacted without restore', async () => {
    const context = actionContext('output');
    context.placeholders.placeholderFor('ada@lovelace.dev', 'EMAIL', false);
    const { text } = await run(['Sent to [EMAIL_1]'], {}, context);
    expect(text).toBe('Sent to [EMAIL_1]');
  });
});
