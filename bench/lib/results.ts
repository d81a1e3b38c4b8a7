import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** `bench/results/`, where every benchmark leaves its figures. */
export const resultsDirectory = join(import.meta.dirname, '..', 'results');

/** Today as `YYYY-MM-DD`, for result file names. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** What every result document starts with: when, and on which Node and CPU. */
export const runFacts = () => ({
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
});

/** Writes `content` (a string, or JSON for anything else) to bench/results/<name>; returns the path. */
export function writeResult(name: string, content: unknown): string {
  const output = join(resultsDirectory, name);
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(
    output,
    typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
  );
  return output;
}
