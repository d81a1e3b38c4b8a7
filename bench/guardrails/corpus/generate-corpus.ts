/**
 * Writes the labelled guardrails corpus (JSON lines) into
 * apps/router/src/guardrails/__fixtures__/corpus/, from a fixed seed, so every run of the
 * benchmark and the corpus test reads the same texts:
 *
 *   node bench/guardrails/corpus/generate-corpus.ts
 *
 * secrets.jsonl   one credential per text, in a realistic context, with stream chunks that cut it
 * pii.jsonl       one personal value per text, in a realistic context
 * negatives.jsonl benign texts by category (hashes, UUIDs, base64, code, logs, agent prompts, ...)
 * injection.jsonl prompts labelled injection or not
 * Every value is synthetic (see synthetic-values.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createRandom,
  piiValues,
  type Random,
  secretValues,
} from '../../../apps/router/src/guardrails/__fixtures__/synthetic-values.ts';
import { injectionSamples } from './injection-texts.ts';
import { negativeCategories } from './negative-texts.ts';
import { piiInContext } from './pii-contexts.ts';
import { secretInContext } from './secret-contexts.ts';

const directory = fileURLToPath(
  new URL('../../../apps/router/src/guardrails/__fixtures__/corpus/', import.meta.url),
);
const random = createRandom(20_261_207);

/** Chunk boundaries as a stream would cut the text, at least one of them inside the value. */
function chunksOf(r: Random, text: string, start: number, end: number): string[] {
  const cuts = new Set<number>([start + 1 + r.int(Math.max(1, end - start - 1))]);
  for (let position = r.int(6) + 1; position < text.length; position += 1 + r.int(12)) {
    cuts.add(position);
  }
  const sorted = [...cuts].filter((cut) => cut > 0 && cut < text.length).sort((a, b) => a - b);
  return [0, ...sorted].map((cut, index) => text.slice(cut, sorted[index] ?? text.length));
}

const lines = (records: unknown[]) =>
  `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;

const secrets = Object.keys(secretValues).flatMap((kind) =>
  Array.from({ length: 11 }, () => {
    const value = secretValues[kind]?.(random) ?? '';
    const { text, start, end } = secretInContext(random, kind, value);
    return { kind, text, start, end, chunks: chunksOf(random, text, start, end) };
  }),
);

const pii = Object.keys(piiValues).flatMap((kind) =>
  Array.from({ length: 50 }, () => {
    const value = piiValues[kind]?.(random) ?? '';
    return { kind, ...piiInContext(random, kind, value) };
  }),
);

const negatives = Object.entries(negativeCategories).flatMap(([category, { count, make }]) =>
  Array.from({ length: count }, () => ({ category, text: make(random) })),
);

mkdirSync(directory, { recursive: true });
const withIds = <T>(prefix: string, records: T[]) =>
  records.map((record, index) => ({
    id: `${prefix}-${String(index + 1).padStart(4, '0')}`,
    ...record,
  }));
writeFileSync(`${directory}secrets.jsonl`, lines(withIds('secret', secrets)));
writeFileSync(`${directory}pii.jsonl`, lines(withIds('pii', pii)));
writeFileSync(`${directory}negatives.jsonl`, lines(withIds('negative', negatives)));
writeFileSync(
  `${directory}injection.jsonl`,
  lines(withIds('prompt', injectionSamples(random, 100))),
);
console.log(
  `wrote ${secrets.length} secrets, ${pii.length} PII values, ${negatives.length} negatives and 200 prompts to ${directory}`,
);
