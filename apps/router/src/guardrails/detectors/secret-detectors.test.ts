import safeRegex from 'safe-regex2';
import { describe, expect, it } from 'vitest';
import { createRandom, secretValues, withContext } from '../__fixtures__/synthetic-values.ts';
import { scanText } from '../scan/scan-text.ts';
import { secretDetectors, secretRows } from './secret-detectors.ts';

const find = (text: string) =>
  scanText(text, secretDetectors).map((finding) => [finding.detector.id, finding.value]);

describe('secret detectors', () => {
  it('has a generator for every row, and every row finds its own format', () => {
    expect(Object.keys(secretValues).sort()).toEqual(secretRows.map((row) => row.id).sort());
    const random = createRandom(7);
    for (const row of secretRows) {
      const value = secretValues[row.id]?.(random) ?? '';
      const text = `${withContext(row.id, value)}\n`;
      expect(find(text), row.id).toContainEqual([`secrets.${row.id}`, value]);
    }
  });

  it('writes every expression without nested repetition, so each passes safe-regex2', () => {
    for (const row of secretRows) expect(safeRegex(row.pattern), row.id).toBe(true);
  });

  it.each([
    ['a documentation placeholder', 'export OPENAI_API_KEY=sk-...'],
    ['a template slot', 'api_key = "YOUR_API_KEY_HERE_PLEASE"'],
    ["AWS's documented example key", 'AKIAIOSFODNN7EXAMPLE'],
    ['a masked key', 'sk-proj-****************************************************'],
    ['a reference to an environment variable', 'password = process.env.DB_PASSWORD'],
    ['a constant name', 'API_KEY = OPENAI_API_KEY_PRODUCTION'],
    ['a settings lookup', 'secret_key = settings.SECRET_KEY'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style template is the input
    ['a template expression', 'password: ${DB_PASSWORD}'],
    ['a low-entropy run', `sk-${'a'.repeat(48)}`],
    ['a word after a token name', 'the tokenizer = sentencepiece-unigram-v2'],
  ])('ignores %s', (_, text) => {
    expect(find(text)).toEqual([]);
  });

  it('finds a key only where it is a whole token', () => {
    const key = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'}`;
    expect(find(`x${key}`)).toEqual([]);
    expect(find(`GITHUB_TOKEN=${key}`)).toContainEqual(['secrets.github-token', key]);
  });

  it('finds a PEM key from its header to its END line', () => {
    const pem = secretValues['private-key']?.(createRandom(3)) ?? '';
    const [finding] = scanText(`key:\n${pem}\nthanks`, secretDetectors);
    expect(finding?.value).toBe(pem);
  });

  it('refuses a PEM stub without a body', () => {
    expect(find('-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----')).toEqual([]);
  });

  it('scans text longer than one slice, finding a key beyond it', () => {
    const key = secretValues['github-token']?.(createRandom(5)) ?? '';
    const text = `${'lorem ipsum '.repeat(2_000)}${key} ${'dolor '.repeat(100)}`;
    expect(find(text)).toContainEqual(['secrets.github-token', key]);
  });
});
