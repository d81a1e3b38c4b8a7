import { describe, expect, it } from 'vitest';
import { newRequestId, requestIdTime } from './request-ids.ts';

describe('request ids', () => {
  it('carry the time they were made at and 80 random bits, in 32 hex digits', () => {
    const time = Date.UTC(2026, 11, 6, 12, 30, 15, 250);
    const id = newRequestId(time);
    expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(requestIdTime(id)).toBe(time);
    expect(newRequestId(time)).not.toBe(id);
  });

  it('sort by time', () => {
    const ids = [3, 1, 2].map((minute) => newRequestId(Date.UTC(2026, 0, 1, 0, minute)));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('read no time from ids of another shape', () => {
    expect(requestIdTime('req_mock')).toBeUndefined();
    expect(requestIdTime(`req_${'g'.repeat(32)}`)).toBeUndefined();
    expect(requestIdTime(`gen_${'0'.repeat(32)}`)).toBeUndefined();
  });
});
