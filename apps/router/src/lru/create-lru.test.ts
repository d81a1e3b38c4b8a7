import { describe, expect, it } from 'vitest';
import { createLru } from './create-lru.ts';

describe('createLru', () => {
  it('never holds more than its bound, dropping the least recently used first', () => {
    const lru = createLru<string, number>(3);
    for (const [index, key] of ['a', 'b', 'c'].entries()) lru.set(key, index);
    lru.get('a');
    lru.set('d', 3);
    expect(lru.size).toBe(3);
    expect(lru.has('b')).toBe(false);
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([0, 2, 3]);
  });

  it('stays bounded under many distinct keys', () => {
    const lru = createLru<string, string>(64);
    for (let index = 0; index < 10_000; index++) lru.set(`model-${index}`, 'x');
    expect(lru.size).toBe(64);
  });

  it('keeps undefined-free semantics: a stored falsy value is found', () => {
    const lru = createLru<string, number>(2);
    lru.set('zero', 0);
    expect(lru.get('zero')).toBe(0);
    expect(lru.has('zero')).toBe(true);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createLru(0)).toThrow(RangeError);
  });
});
