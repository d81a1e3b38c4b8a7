import { describe, expect, it } from 'vitest';
import { parseTarget, type Target } from '../routing/target.ts';
import { allowedTargets, isWithin } from './model-allowlist.ts';

const target = (id: string) => parseTarget(id) as Target;
const gpt = target('openai/gpt-4o');
const gptMini = target('openai/gpt-4o-mini');
const claude = target('anthropic/claude-sonnet-4-5');
const azureGpt = target('azure/gpt-4o');
const ids = (targets: readonly Target[]) => targets.map(({ id }) => id);

describe('allowedTargets', () => {
  it('allows everything when no scope has a list', () => {
    expect(allowedTargets('fast', [gpt, claude], [undefined, undefined])).toEqual({
      allowed: [gpt, claude],
      refused: [],
    });
  });

  it('allows every target of an alias the list names', () => {
    expect(allowedTargets('fast', [gpt, claude], [['fast']]).allowed).toEqual([gpt, claude]);
  });

  it('checks each target of an alias the list does not name on its own', () => {
    const result = allowedTargets('fast', [gpt, claude, gptMini], [['openai/gpt-4o', 'x/y']]);
    expect(ids(result.allowed)).toEqual(['openai/gpt-4o']);
    expect(ids(result.refused)).toEqual(['anthropic/claude-sonnet-4-5', 'openai/gpt-4o-mini']);
  });

  it('matches patterns on the provider, on the model and on everything', () => {
    const targets = [gpt, gptMini, claude, azureGpt];
    expect(ids(allowedTargets('x', targets, [['openai/*']]).allowed)).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
    ]);
    expect(ids(allowedTargets('x', targets, [['*/gpt-4o*']]).allowed)).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'azure/gpt-4o',
    ]);
    expect(allowedTargets('x', targets, [['*']]).allowed).toEqual(targets);
    expect(ids(allowedTargets('x', targets, [['*/gpt-4o']]).allowed)).toEqual([
      'openai/gpt-4o',
      'azure/gpt-4o',
    ]);
  });

  it('requires a target to fit the list of every scope', () => {
    const result = allowedTargets(
      'fast',
      [gpt, gptMini, claude],
      [['fast'], ['openai/*'], ['*-mini']],
    );
    expect(ids(result.allowed)).toEqual(['openai/gpt-4o-mini']);
  });

  it('treats regular expression characters in entries as plain text', () => {
    const dotted = target('local/llama3.1');
    const other = target('local/llama3x1');
    expect(ids(allowedTargets('m', [dotted, other], [['local/llama3.1']]).allowed)).toEqual([
      'local/llama3.1',
    ]);
    expect(ids(allowedTargets('m', [dotted, other], [['local/llama3.*']]).allowed)).toEqual([
      'local/llama3.1',
    ]);
    expect(allowedTargets('m', [target('a/b+c')], [['a/b+*']]).allowed).toHaveLength(1);
    expect(allowedTargets('m', [target('a/bbc')], [['a/b+*']]).allowed).toHaveLength(0);
  });

  it('refuses everything for an empty list', () => {
    expect(allowedTargets('fast', [gpt], [[]])).toEqual({ allowed: [], refused: [gpt] });
  });

  it('gives the same answer for a list met again', () => {
    const list = ['openai/*'];
    expect(ids(allowedTargets('x', [gpt, claude], [list]).allowed)).toEqual(['openai/gpt-4o']);
    expect(ids(allowedTargets('x', [claude, gpt], [[...list]]).allowed)).toEqual(['openai/gpt-4o']);
  });
});

describe('isWithin', () => {
  it('accepts patterns that only narrow the parent', () => {
    expect(isWithin(['openai/gpt-4o', 'openai/gpt-*'], ['openai/*'])).toBe(true);
    expect(isWithin(['*/gpt-4o-mini'], ['*/gpt-4o*'])).toBe(true);
    expect(isWithin(['anything', 'a/*'], ['*'])).toBe(true);
    expect(isWithin(['fast'], ['fast', 'openai/*'])).toBe(true);
  });

  it('refuses a pattern that reaches beyond every parent pattern', () => {
    expect(isWithin(['anthropic/*'], ['openai/*'])).toBe(false);
    expect(isWithin(['*'], ['openai/*'])).toBe(false);
    expect(isWithin(['openai/*'], ['openai/gpt-*'])).toBe(false);
    expect(isWithin(['*/gpt-4o'], ['openai/*', 'azure/*'])).toBe(false);
  });

  it('treats no parent list as allowing everything and no child list as the parent', () => {
    expect(isWithin(['anything/*'], undefined)).toBe(true);
    expect(isWithin(undefined, ['openai/*'])).toBe(true);
  });
});
