import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  piiValues,
  secretValues,
  withContext,
} from '../__fixtures__/synthetic-values.ts';
import { actionContext, compiledRules } from '../__fixtures__/test-rules.ts';
import { outputRulesOf } from '../policy/output-rules.ts';
import { ruleSetFor } from '../policy/rule-set.ts';
import { applyRules } from './apply-rules.ts';
import { guardStream } from './guard-stream.ts';

type Part = LanguageModelV4StreamPart;

const rules = compiledRules({
  secrets: { detectors: ['secrets'], action: 'redact' },
  pii: { detectors: ['pii'], action: 'redact' },
});

const fillers = [
  'Sure, here is the config you asked for: ',
  '\n```env\nAPI_KEY=',
  ' and the webhook ',
  '. Contact ',
  '\n\n',
  ' (do not share) ',
  'token: ',
  '"password": "',
  ' — next, run `npm test`. ',
  'The quick brown fox jumps over the lazy dog. ',
];

const sensitive = [...Object.entries(secretValues), ...Object.entries(piiValues)];

/** A text of filler and sensitive values, the values it holds, and chunk boundaries in it. */
const answer = fc
  .array(
    fc.tuple(
      fc.constantFrom(...fillers),
      fc.nat(sensitive.length - 1),
      fc.integer({ min: 1, max: 1_000_000 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((pieces) => {
    const values: string[] = [];
    let text = '';
    for (const [filler, kind, seed] of pieces) {
      const [name, generate] = sensitive[kind] as [
        string,
        (random: ReturnType<typeof createRandom>) => string,
      ];
      const value = generate(createRandom(seed));
      values.push(value);
      text += `${filler}${withContext(name, value)} `;
    }
    return { text, values };
  })
  .chain(({ text, values }) =>
    fc
      .uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 60 })
      .map((cuts) => ({ text, values, cuts: cuts.sort((left, right) => left - right) })),
  );

async function streamed(chunks: string[]): Promise<string> {
  const parts: Part[] = [
    { type: 'text-start', id: 't' },
    ...chunks.map((delta): Part => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
  ];
  const source = new ReadableStream<Part>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const reader = guardStream(source, outputRulesOf(rules), actionContext('output')).getReader();
  let text = '';
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (next.value.type === 'text-delta') text += next.value.delta;
  }
  return text;
}

describe('redaction of a streamed answer', () => {
  it('lets no secret or personal value reach the client, whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async ({ text, values, cuts }) => {
        const chunks = [0, ...cuts].map((start, index) =>
          text.slice(start, [...cuts, text.length][index]),
        );
        const sent = await streamed(chunks);
        for (const value of values) expect(sent).not.toContain(value);
        // And the stream says exactly what a check of the whole answer at once would say.
        const [whole] = applyRules([text], ruleSetFor(rules, 'output'), actionContext('output'));
        expect(sent).toBe(whole);
      }),
      { numRuns: 1000 },
    );
  });
});
