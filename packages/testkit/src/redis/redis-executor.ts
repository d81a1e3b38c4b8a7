import { Command, Pipeline, Redis } from 'ioredis';

/** A reply as the wire gave it: bulk and status strings stay bytes, errors stay `Error`s. */
export type RedisReply = Buffer | string | number | bigint | boolean | null | Error | RedisReply[];

/** One reply of a pipeline or transaction: exactly one of the two is set. */
export type RedisOutcome = { reply: RedisReply } | { error: Error };

export interface RedisExecutor {
  run(command: string[]): Promise<RedisReply>;
  /** Sends all commands at once; each fails or succeeds on its own (not atomic). */
  pipeline(commands: string[][]): Promise<RedisOutcome[]>;
  /** MULTI ... EXEC; rejects with EXECABORT when a command could not be queued. */
  transaction(commands: string[][]): Promise<RedisOutcome[]>;
  close(): Promise<void>;
}

/**
 * A command whose reply skips ioredis' reply transformers: `HGETALL` and `ZRANGE ... WITHSCORES`
 * must stay flat arrays, as Redis (and Upstash) send them.
 */
class RawCommand extends Command {
  constructor(command: string[]) {
    const [name = '', ...args] = command;
    super(name.toLowerCase(), args, { replyEncoding: null });
  }

  override transformReply(result: Buffer | Buffer[]): Buffer | Buffer[] {
    return result;
  }
}

/** Connects to Redis with RESP2 (what Upstash speaks) and fails fast while Redis is down. */
export async function createRedisExecutor(redisUrl: string): Promise<RedisExecutor> {
  const redis = new Redis(redisUrl, {
    protocol: 2,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 200,
  });
  // Connection errors surface on each command; an 'error' event without a listener would throw.
  redis.on('error', () => {});
  await redis.connect();

  const settle = async (queue: Pipeline) => {
    const results = (await queue.exec()) ?? [];
    return results.map(
      ([error, reply]): RedisOutcome => (error ? { error } : { reply: toReply(reply) }),
    );
  };

  return {
    async run(command) {
      return toReply(await redis.sendCommand(new RawCommand(command)));
    },
    async pipeline(commands) {
      const queue = new Pipeline(redis);
      for (const command of commands) queue.sendCommand(new RawCommand(command));
      return settle(queue);
    },
    async transaction(commands) {
      const queue = new Pipeline(redis);
      queue.sendCommand(new RawCommand(['multi']));
      for (const command of commands) queue.sendCommand(new RawCommand(command));
      queue.sendCommand(new RawCommand(['exec']));
      const outcomes = await settle(queue);
      const exec = outcomes.at(-1);
      if (!exec || 'error' in exec) throw exec?.error ?? new Error('EXEC got no reply');
      if (!Array.isArray(exec.reply)) throw new Error('EXEC reply is not an array');
      return exec.reply.map(
        (reply): RedisOutcome => (reply instanceof Error ? { error: reply } : { reply }),
      );
    },
    async close() {
      redis.disconnect();
    },
  };
}

function toReply(value: unknown): RedisReply {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toReply);
  if (
    Buffer.isBuffer(value) ||
    value instanceof Error ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  return String(value);
}
