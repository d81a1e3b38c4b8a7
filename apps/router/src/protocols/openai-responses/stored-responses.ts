import { z } from 'zod';
import { InvalidRequestError } from '../../errors/index.ts';
import type { GuardedStore } from '../../store/index.ts';
import { inputItem, type ResponsesInputItem } from './responses-input-schema.ts';

/** Every item of a conversation up to and including one response's output, as input items. */
export type StoredConversation = ResponsesInputItem[];

const storedSchema = z.array(inputItem);
const responseIdPattern = /^resp_[0-9a-f]{32}$/;

export interface ResponseStoreOptions {
  store: GuardedStore;
  ttlSeconds: number;
  /** A conversation larger than this is not kept (the cache's entry limit). */
  maxBytes: number;
}

/**
 * Conversations behind `previous_response_id`, per tenant, for `ttlSeconds`. Each response keeps
 * the whole conversation so far, so a follow-up reads one key. Reads fail closed (a follow-up
 * without its history would be a wrong answer); a failed write only means the id cannot be
 * continued.
 * @example
 * const responses = createResponseStore({ store, ttlSeconds: 3600, maxBytes: 1 << 20 });
 * await responses.save('team-a', 'resp_…', items);
 * const earlier = await responses.load('team-a', 'resp_…');
 */
export function createResponseStore(options: ResponseStoreOptions) {
  const { store, ttlSeconds, maxBytes } = options;
  const keyOf = (tenant: string, id: string) => `sy:responses:${tenant}:${id}`;

  return {
    /** The conversation a response continues; a 404 when it is unknown or expired. */
    async load(tenant: string, id: string): Promise<StoredConversation> {
      // Request input reaches a store key only once it has the shape of an id this router made.
      const found = responseIdPattern.test(id)
        ? await store.get(keyOf(tenant, id))
        : ({ status: 'absent' } as const);
      if (found.status === 'unavailable') throw found.error;
      const parsed = found.status === 'value' ? parseStored(found.value) : undefined;
      if (parsed === undefined) {
        throw new InvalidRequestError({
          message: `Previous response with id '${id.slice(0, 64)}' not found (responses are kept for ${ttlSeconds} seconds).`,
          param: 'previous_response_id',
          code: 'previous_response_not_found',
          statusCode: 404,
        });
      }
      return parsed;
    },
    /** True when the conversation was kept and `id` can be continued. */
    async save(tenant: string, id: string, conversation: StoredConversation): Promise<boolean> {
      const value = JSON.stringify(conversation);
      if (new TextEncoder().encode(value).byteLength > maxBytes) return false;
      const written = await store.set(keyOf(tenant, id), value, { ttlMs: ttlSeconds * 1000 });
      return written.status === 'ok';
    },
  };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;

function parseStored(value: string): StoredConversation | undefined {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
