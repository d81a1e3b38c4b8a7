import { connect, type Socket } from 'node:net';

/** A RESP2 reply: simple and bulk strings, integers, arrays, null; errors reject. */
export type RedisReply = string | number | null | RedisReply[];

export interface RedisClient {
  /** Sends one command; replies arrive in order, so many calls may be in flight at once. */
  command(...args: (string | number)[]): Promise<RedisReply>;
  /** Every line MONITOR prints until the returned function is called (on its own connection). */
  monitor(): Promise<() => Promise<string[]>>;
  close(): void;
}

const commandTimeoutMs = 10_000;

/**
 * A small RESP2 client over one connection (what the bench and the naive proxy need: strings,
 * counters, hashes, INFO, MONITOR), so neither depends on a client library of the router's.
 */
export async function connectRedis(url: string): Promise<RedisClient> {
  const connection = await openConnection(url);
  return {
    command: (...args) => connection.send(args),
    async monitor() {
      const watcher = await openConnection(url);
      const lines: string[] = [];
      watcher.onPush = (line) => lines.push(line);
      await watcher.send(['MONITOR']);
      return async () => {
        // A PING through the main connection marks the end: MONITOR shows it last.
        await connection.send(['PING']);
        const deadline = Date.now() + 2_000;
        while (!lines.some((line) => line.endsWith('"PING"')) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        watcher.socket.destroy();
        return lines;
      };
    },
    close: () => connection.socket.destroy(),
  };
}

interface Connection {
  socket: Socket;
  send(args: (string | number)[]): Promise<RedisReply>;
  /** Replies that arrive with no command waiting (MONITOR's lines). */
  onPush?: (line: string) => void;
}

function openConnection(url: string): Promise<Connection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port || 6379) });
  const waiting: { resolve(reply: RedisReply): void; reject(error: Error): void }[] = [];
  let buffer = Buffer.alloc(0);
  const connection: Connection = {
    socket,
    send(args) {
      const parts = args.map(String);
      let frame = `*${parts.length}\r\n`;
      for (const part of parts) frame += `$${Buffer.byteLength(part)}\r\n${part}\r\n`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`redis: no reply to ${parts[0]}`)),
          commandTimeoutMs,
        );
        waiting.push({
          resolve(reply) {
            clearTimeout(timer);
            resolve(reply);
          },
          reject(error) {
            clearTimeout(timer);
            reject(error);
          },
        });
        socket.write(frame);
      });
    },
  };
  socket.on('data', (data: Buffer) => {
    buffer = Buffer.concat([buffer, data]);
    for (;;) {
      const parsed = parseReply(buffer, 0);
      if (parsed === undefined) return;
      buffer = buffer.subarray(parsed.end);
      const next = waiting.shift();
      if (next === undefined) {
        if (typeof parsed.reply === 'string') connection.onPush?.(parsed.reply);
      } else if (parsed.error) next.reject(new Error(String(parsed.reply)));
      else next.resolve(parsed.reply);
    }
  });
  socket.on('close', () => {
    for (const next of waiting.splice(0)) next.reject(new Error('redis: connection closed'));
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(connection));
    socket.once('error', reject);
  });
}

interface Parsed {
  reply: RedisReply;
  end: number;
  error?: boolean;
}

/** One reply starting at `at`, or undefined when the buffer does not hold all of it yet. */
function parseReply(buffer: Buffer, at: number): Parsed | undefined {
  const lineEnd = buffer.indexOf('\r\n', at);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buffer[at] ?? 0);
  const line = buffer.toString('utf8', at + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case '+':
      return { reply: line, end: after };
    case '-':
      return { reply: line, end: after, error: true };
    case ':':
      return { reply: Number(line), end: after };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: null, end: after };
      if (buffer.length < after + length + 2) return undefined;
      return { reply: buffer.toString('utf8', after, after + length), end: after + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, end: after };
      const items: RedisReply[] = [];
      let end = after;
      for (let index = 0; index < count; index += 1) {
        const item = parseReply(buffer, end);
        if (item === undefined) return undefined;
        items.push(item.reply);
        end = item.end;
      }
      return { reply: items, end };
    }
    default:
      throw new Error(`redis: unexpected reply type ${JSON.stringify(type)}`);
  }
}

/** HGETALL's flat array as an object. */
export function hashOf(reply: RedisReply): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!Array.isArray(reply)) return fields;
  for (let index = 0; index + 1 < reply.length; index += 2) {
    fields[String(reply[index])] = String(reply[index + 1]);
  }
  return fields;
}
