import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/index.ts';
import { createMemoryStore, type GuardedStore, guardStore } from '../../store/index.ts';
import { StoreUnavailableError } from '../../store/store-unavailable-error.ts';
import { createResponseStore, type StoredConversation } from './stored-responses.ts';

const id = `resp_${'a'.repeat(32)}`;
const conversation: StoredConversation = [
  { type: 'message', role: 'user', content: 'weather?' },
  { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{}' },
];

function setup(options: { maxBytes?: number } = {}) {
  let clock = 1_000_000;
  const store = guardStore(createMemoryStore({ now: () => clock }), { timeBudgetMs: 1_000 });
  const responses = createResponseStore({
    store,
    ttlSeconds: 60,
    maxBytes: options.maxBytes ?? 10_000,
  });
  return { responses, advance: (ms: number) => (clock += ms) };
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!GatewayError.isInstance(error)) throw new Error(`expected a refusal, got ${error}`);
  return error;
}

describe('createResponseStore', () => {
  it('gives back the conversation a response kept, for its tenant only', async () => {
    const { responses } = setup();
    expect(await responses.save('team-a', id, conversation)).toBe(true);
    expect(await responses.load('team-a', id)).toEqual(conversation);
    const error = await refusal(responses.load('team-b', id));
    expect(error).toMatchObject({ statusCode: 404, code: 'previous_response_not_found' });
  });

  it('forgets a response after its time to live', async () => {
    const { responses, advance } = setup();
    await responses.save('team-a', id, conversation);
    advance(59_999);
    expect(await responses.load('team-a', id)).toEqual(conversation);
    advance(2);
    expect((await refusal(responses.load('team-a', id))).statusCode).toBe(404);
  });

  it('keeps no conversation larger than its limit', async () => {
    const { responses } = setup({ maxBytes: 50 });
    expect(await responses.save('team-a', id, conversation)).toBe(false);
    expect((await refusal(responses.load('team-a', id))).statusCode).toBe(404);
  });

  it('answers an id this router cannot have made with a 404, without a store read', async () => {
    let reads = 0;
    const store = {
      get: async () => {
        reads++;
        return { status: 'absent' as const };
      },
    } as unknown as GuardedStore;
    const responses = createResponseStore({ store, ttlSeconds: 60, maxBytes: 1_000 });
    const error = await refusal(responses.load('team-a', 'resp_../../other'));
    expect(error.statusCode).toBe(404);
    expect(reads).toBe(0);
  });

  it('fails closed with a 503 when the store cannot answer', async () => {
    const store = {
      get: async () => ({
        status: 'unavailable' as const,
        error: new StoreUnavailableError({ operation: 'get' }),
      }),
    } as unknown as GuardedStore;
    const responses = createResponseStore({ store, ttlSeconds: 60, maxBytes: 1_000 });
    expect((await refusal(responses.load('team-a', id))).statusCode).toBe(503);
  });
});
