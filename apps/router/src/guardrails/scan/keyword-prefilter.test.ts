import { describe, expect, it } from 'vitest';
import type { Detector } from '../detectors/detector.ts';
import { createPrefilter } from './keyword-prefilter.ts';

const detector = (id: string, keywords?: string[]): Detector => ({
  id,
  family: 'custom',
  label: 'X',
  maxLength: 1,
  lookback: 0,
  ...(keywords && { keywords }),
  scan: () => [],
});

describe('createPrefilter', () => {
  const sk = detector('sk', ['sk-']);
  const project = detector('project', ['sk-proj-']);
  const pass = detector('pass', ['pass']);
  const word = detector('word', ['ssword']);
  const always = detector('always');
  const prefilter = createPrefilter([sk, project, pass, word, always]);
  const ids = (text: string) => [...prefilter(text)].map((passing) => passing.id).sort();

  it('passes detectors whose keyword occurs, and those without keywords', () => {
    expect(ids('nothing here')).toEqual(['always']);
    expect(ids('my pass is')).toEqual(['always', 'pass']);
  });

  it('counts a keyword inside a longer one that matched at the same place', () => {
    expect(ids('key sk-proj-abc')).toEqual(['always', 'project', 'sk']);
  });

  it('counts keywords that overlap without one containing the other', () => {
    expect(ids('password')).toEqual(['always', 'pass', 'word']);
  });
});
