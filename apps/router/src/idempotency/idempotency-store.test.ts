import { describe, expect, it } from 'vitest';
import { createMemoryStore, guardStore, type Store } from '../store/index.ts';
import { parseIdempotencyKey } from './idempotency-key.ts';
import type { StoredAnswer } from './idempotency-record.ts';
import { createIdempotencyStore, replayWindowMs } from './idempotency-store.ts';

const answer: StoredAnswer = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"id":"chatcmpl-1"}',
  requestId: 'req_1',
};

function setup(options: { maxAnswerBytes?: number; store?: Store } = {}) {
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms) };
  const store = options.store ?? createMemoryStore({ now: () => now });
  const keys = createIdempotencyStore({
    store: guardStore(store, { timeBudgetMs: 1_000 }),
    claimTtlMs: 60_000,
    maxAnswerBytes: options.maxAnswerBytes ?? 10_000,
  });
  return { keys, clock };
}

async function claimed(result: Awaited<ReturnType<ReturnType<typeof setup>['keys']['claim']>>) {
  if (result.status !== 'claimed') throw new Error(`expected a claim, got ${result.status}`);
  return result.ticket;
}

describe('createIdempotencyStore', () => {
  it('lets one request claim a key; the same request meanwhile is in progress, another a mismatch', async () => {
    const { keys } = setup();
    await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    expect(await keys.claim('team-a', 'k1', 'fp-1')).toEqual({ status: 'in_progress' });
    expect(await keys.claim('team-a', 'k1', 'fp-2')).toEqual({ status: 'mismatch' });
  });

  it('replays a kept answer to the same request for 24 hours, then forgets it', async () => {
    const { keys, clock } = setup();
    const ticket = await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    expect(await keys.keep(ticket, answer)).toBe('stored');
    clock.advance(replayWindowMs - 1);
    expect(await keys.claim('team-a', 'k1', 'fp-1')).toEqual({ status: 'replay', answer });
    expect(await keys.claim('team-a', 'k1', 'fp-2')).toEqual({ status: 'mismatch' });
    clock.advance(1);
    expect((await keys.claim('team-a', 'k1', 'fp-2')).status).toBe('claimed');
  });

  it('keeps keys apart per tenant', async () => {
    const { keys } = setup();
    const ticket = await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    await keys.keep(ticket, answer);
    expect((await keys.claim('team-b', 'k1', 'fp-1')).status).toBe('claimed');
  });

  it('frees the key when its holder releases it, so a retry runs again', async () => {
    const { keys } = setup();
    const ticket = await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    await keys.release(ticket);
    expect((await keys.claim('team-a', 'k1', 'fp-1')).status).toBe('claimed');
  });

  it('frees a claim whose request never finished once the claim expires', async () => {
    const { keys, clock } = setup();
    await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    clock.advance(60_000);
    expect((await keys.claim('team-a', 'k1', 'fp-1')).status).toBe('claimed');
  });

  it('does not let a late holder release a claim that expired and was taken by another request', async () => {
    const { keys, clock } = setup();
    const late = await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    clock.advance(60_000);
    await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    await keys.release(late);
    expect(await keys.claim('team-a', 'k1', 'fp-1')).toEqual({ status: 'in_progress' });
  });

  it('releases the key instead of keeping an answer larger than the limit', async () => {
    const { keys } = setup({ maxAnswerBytes: 200 });
    const ticket = await claimed(await keys.claim('team-a', 'k1', 'fp-1'));
    expect(await keys.keep(ticket, { ...answer, body: 'x'.repeat(500) })).toBe('too_large');
    expect((await keys.claim('team-a', 'k1', 'fp-1')).status).toBe('claimed');
  });

  it('answers unavailable when the store cannot answer, never a claim', async () => {
    const broken = createMemoryStore();
    broken.set = () => Promise.reject(new Error('connection refused'));
    const { keys } = setup({ store: broken });
    const result = await keys.claim('team-a', 'k1', 'fp-1');
    expect(result.status).toBe('unavailable');
  });
});

describe('parseIdempotencyKey', () => {
  it('accepts a bare or quoted key, as clients and the IETF draft send it', () => {
    expect(parseIdempotencyKey('abc-123')).toBe('abc-123');
    expect(parseIdempotencyKey('"abc-123"')).toBe('abc-123');
  });

  it.each(['', '""', 'has space', 'x'.repeat(256), 'caf\u00e9'])('refuses %j with a 400', (key) => {
    expect(() => parseIdempotencyKey(key)).toThrow(
      expect.objectContaining({ statusCode: 400, code: 'invalid_idempotency_key' }),
    );
  });
});
