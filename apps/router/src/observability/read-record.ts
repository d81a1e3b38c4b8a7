import type { GuardedStore, StoreLookup } from '../store/store-result.ts';
import type { StoreScript } from '../store/store-script.ts';
import { requestIdTime } from './request-ids.ts';
import type { RequestRecord } from './request-record.ts';
import { bucketOf, observabilityKeys } from './store-keys.ts';

const readScript: StoreScript<string | null> = {
  name: 'observability-read-record',
  lua: "return redis.call('HGET', KEYS[1], ARGV[1])",
  memory: (redis, [key], [id]) => redis.hget(key as string, id as string),
  parse: (reply) => (typeof reply === 'string' ? reply : null),
};

/**
 * The record of request `id`, read from the minute its id names: one round trip. `absent` for an
 * id of another shape, one never recorded, or one past retention.
 * @example const found = await readRecord(store, 'req_0193…'); if (found.status === 'value') ...
 */
export async function readRecord(
  store: GuardedStore,
  id: string,
): Promise<StoreLookup<RequestRecord>> {
  const time = requestIdTime(id);
  if (time === undefined) return { status: 'absent' };
  const read = await store.runScript(
    readScript,
    [observabilityKeys.log(bucketOf('minute', time))],
    [id],
  );
  if (read.status === 'unavailable') return read;
  const record = read.value === null ? undefined : parseRecord(read.value);
  return record === undefined ? { status: 'absent' } : { status: 'value', value: record };
}

/**
 * A stored record, or undefined when the text is not one (a damaged entry is skipped, never served).
 * @example parseRecord(text)?.id
 */
export function parseRecord(text: string): RequestRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<RequestRecord> | null;
    const valid =
      typeof value?.id === 'string' &&
      typeof value.time === 'string' &&
      typeof value.key?.id === 'string' &&
      typeof value.route === 'object';
    return valid ? (value as RequestRecord) : undefined;
  } catch {
    return undefined;
  }
}
