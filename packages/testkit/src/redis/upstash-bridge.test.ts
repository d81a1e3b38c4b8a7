import { createHash } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.ts';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge.ts';

let server: RedisServer;
let bridge: UpstashBridge;
let redis: Redis;
let raw: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ redisUrl: server.url, token: 'test-token' });
  redis = new Redis({ url: bridge.url, token: bridge.token, enableAutoPipelining: false });
  raw = new Redis({
    url: bridge.url,
    token: bridge.token,
    enableAutoPipelining: false,
    automaticDeserialization: false,
  });
});

afterAll(async () => {
  await bridge?.close();
  await server?.stop();
});

beforeEach(async () => {
  bridge.setDelay(0);
  bridge.setFailure('none');
  await redis.flushdb();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${bridge.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bridge.token}`, ...headers },
    body: JSON.stringify(body),
  });
}

describe('strings through the base64 response encoding', () => {
  const values = {
    plain: 'hello',
    unicode: 'héllo wörld — 日本語 🚀👩🏽‍💻 e\u0301',
    binaryIsh: '\u0000\u0001\u007f\r\n\t"\\ \u2028',
    looksLikeBase64: 'T0s=',
    ok: 'OK',
    pong: 'PONG',
    empty: '',
    long: 'x'.repeat(100_000),
  };

  for (const [name, value] of Object.entries(values)) {
    it(`returns a ${name} string exactly as stored`, async () => {
      expect(await raw.set(`string:${name}`, value)).toBe('OK');
      expect(await raw.get(`string:${name}`)).toBe(value);
    });
  }

  it('keeps numeric-looking strings as strings without automatic deserialization', async () => {
    await raw.set('numeric', '00123');
    expect(await raw.get('numeric')).toBe('00123');
  });

  it('round-trips JSON values with automatic deserialization', async () => {
    const value = { a: 1, nested: { list: [1, 'two', null], emoji: '✓' } };
    await redis.set('json', value);
    expect(await redis.get('json')).toEqual(value);
  });

  it('returns null for a missing key and keeps nulls inside arrays', async () => {
    await raw.set('present', 'yes');
    expect(await raw.get('missing')).toBeNull();
    expect(await raw.mget('present', 'missing')).toEqual(['yes', null]);
  });

  it('answers plain JSON strings when the client asks for no encoding', async () => {
    const plain = new Redis({ url: bridge.url, token: bridge.token, responseEncoding: false });
    await plain.set('plain', 'ünïcode');
    expect(await plain.get('plain')).toBe('ünïcode');
    const response = await post('/', ['get', 'plain']);
    expect(await response.json()).toEqual({ result: 'ünïcode' });
  });
});

describe('commands', () => {
  it('sets only when absent with nx', async () => {
    expect(await raw.set('nx', 'first', { nx: true })).toBe('OK');
    expect(await raw.set('nx', 'second', { nx: true })).toBeNull();
    expect(await raw.get('nx')).toBe('first');
  });

  it('expires keys set with px', async () => {
    await raw.set('px', 'soon', { px: 150 });
    const pttl = await redis.pttl('px');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(150);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await raw.get('px')).toBeNull();
  });

  it('increments with incr, incrby and decr as numbers', async () => {
    expect(await redis.incr('counter')).toBe(1);
    expect(await redis.incrby('counter', 41)).toBe(42);
    expect(await redis.decr('counter')).toBe(41);
    expect(await raw.get('counter')).toBe('41');
  });

  it('reports expire and ttl', async () => {
    await raw.set('ttl', 'v');
    expect(await redis.ttl('ttl')).toBe(-1);
    expect(await redis.expire('ttl', 100)).toBe(1);
    expect(await redis.ttl('ttl')).toBeGreaterThan(90);
    expect(await redis.ttl('missing')).toBe(-2);
  });

  it('returns hashes as flat arrays that the client turns into objects', async () => {
    expect(await redis.hset('hash', { name: 'switchyard', count: 3, text: 'ünï' })).toBe(3);
    expect(await redis.hgetall('hash')).toEqual({ name: 'switchyard', count: 3, text: 'ünï' });
    const response = await post('/', ['hgetall', 'hash']);
    const { result } = (await response.json()) as { result: string[] };
    expect(result).toHaveLength(6);
    expect(await redis.hgetall('missing')).toBeNull();
  });

  it('keeps sorted-set scores flat', async () => {
    await redis.zadd('zset', { score: 1.5, member: 'a' }, { score: 2, member: 'b' });
    expect(await raw.zrange('zset', 0, -1, { withScores: true })).toEqual(['a', '1.5', 'b', '2']);
  });

  it('deletes keys and reports how many existed', async () => {
    await raw.set('a', '1');
    await raw.set('b', '2');
    expect(await redis.del('a', 'b', 'c')).toBe(2);
    expect(await raw.get('a')).toBeNull();
  });

  it('runs Lua scripts with eval', async () => {
    const result = await redis.eval('return {KEYS[1], ARGV[1], 7}', ['k'], ['v']);
    expect(result).toEqual(['k', 'v', 7]);
  });

  it('runs a loaded script by its SHA with evalsha, and answers NOSCRIPT for an unknown one', async () => {
    const script = 'return ARGV[1] .. KEYS[1]';
    const sha = await redis.scriptLoad(script);
    expect(sha).toBe(createHash('sha1').update(script).digest('hex'));
    expect(await raw.evalsha(sha, ['ü'], ['OK '])).toBe('OK ü');
    await expect(raw.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it('decodes every string of a script reply and passes its errors on', async () => {
    const script = "return {ARGV[1], 'OK', 'T0s=', 42, {ARGV[1]}}";
    expect(await raw.eval(script, [], ['ünï'])).toEqual(['ünï', 'OK', 'T0s=', 42, ['ünï']]);
    expect(await raw.eval("return 'OK'", [], [])).toBe('OK');
    expect(await raw.eval('return nil', [], [])).toBeNull();
    await expect(raw.eval("return redis.error_reply('ERR refused')", [], [])).rejects.toThrow(
      /ERR refused/,
    );
    const [entry] = await raw
      .pipeline()
      .eval("return redis.error_reply('ERR refused')", [], [])
      .exec({ keepErrors: true });
    expect(entry?.error).toMatch(/ERR refused/);
  });

  it('returns a hash of script-written counters as a flat array of strings', async () => {
    await raw.eval("redis.call('HINCRBY', KEYS[1], 'ü', 5) return 1", ['counters'], []);
    await raw.hincrby('counters', '__proto__', -2);
    const response = await post('/', ['hgetall', 'counters'], { 'upstash-encoding': 'base64' });
    const { result } = (await response.json()) as { result: string[] };
    expect(result.map((item) => Buffer.from(item, 'base64').toString('utf8'))).toEqual([
      'ü',
      '5',
      '__proto__',
      '-2',
    ]);
    expect(await raw.hgetall('counters')).toEqual(['ü', '5', '__proto__', '-2']);
    expect(await raw.hgetall('no-counters')).toEqual([]);
  });

  it('answers ping with PONG and echo with the same text', async () => {
    expect(await redis.ping()).toBe('PONG');
    expect(await raw.echo('OK')).toBe('OK');
  });

  it('rejects a Redis error as an Upstash error', async () => {
    await raw.set('text', 'abc');
    await expect(redis.incr('text')).rejects.toThrow(/not an integer/);
  });

  it('serves path commands such as GET /get/key', async () => {
    await raw.set('path key', 'value');
    const response = await fetch(`${bridge.url}/get/${encodeURIComponent('path key')}`, {
      headers: { authorization: `Bearer ${bridge.token}` },
    });
    expect(await response.json()).toEqual({ result: 'value' });
    const set = await fetch(`${bridge.url}/set/posted?_token=${bridge.token}`, {
      method: 'POST',
      body: 'body value',
    });
    expect(await set.json()).toEqual({ result: 'OK' });
    expect(await raw.get('posted')).toBe('body value');
  });
});

describe('pipelines and transactions', () => {
  it('runs a pipeline in one request and returns each result', async () => {
    const before = bridge.requests.get('/pipeline') ?? 0;
    const results = await raw
      .pipeline()
      .set('p', 'ü')
      .get('p')
      .incr('p:count')
      .hset('p:hash', { f: 'v' })
      .hgetall('p:hash')
      .exec();
    expect(results).toEqual(['OK', 'ü', 1, 1, ['f', 'v']]);
    expect(bridge.requests.get('/pipeline')).toBe(before + 1);
  });

  it('reports a failed pipeline command inline without failing the others', async () => {
    await raw.set('text', 'abc');
    const results = await raw
      .pipeline()
      .incr('text')
      .set('after', 'yes')
      .exec({ keepErrors: true });
    expect(results[0]?.error).toMatch(/not an integer/);
    expect(results[1]).toEqual({ error: undefined, result: 'OK' });
    await expect(raw.pipeline().incr('text').exec()).rejects.toThrow(/Command 1 \[ incr \] failed/);
  });

  it('runs multi-exec atomically and returns each result', async () => {
    const results = await raw
      .multi()
      .set('m', 'v', { px: 10_000 })
      .get('m')
      .incrby('m:count', 5)
      .exec();
    expect(results).toEqual(['OK', 'v', 5]);
  });

  it('reports a runtime error inside a transaction inline', async () => {
    await raw.set('text', 'abc');
    const results = await raw.multi().set('m2', 'v').incr('text').exec({ keepErrors: true });
    expect(results[0]).toEqual({ error: undefined, result: 'OK' });
    expect(results[1]?.error).toMatch(/not an integer/);
  });

  it('rejects a transaction that Redis refuses to queue with HTTP 400', async () => {
    const response = await post('/multi-exec', [['set', 'never', 'v'], ['nosuchcommand']]);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/EXECABORT/) });
    expect(await raw.get('never')).toBeNull();
  });

  it('batches concurrent commands into one pipeline with auto-pipelining', async () => {
    const auto = new Redis({
      url: bridge.url,
      token: bridge.token,
      enableAutoPipelining: true,
      automaticDeserialization: false,
    });
    const before = bridge.requests.get('/pipeline') ?? 0;
    const results = await Promise.all([
      auto.set('auto:a', 'α'),
      auto.incr('auto:n'),
      auto.get('auto:a'),
      auto.get('auto:missing'),
    ]);
    expect(results).toEqual(['OK', 1, 'α', null]);
    expect(bridge.requests.get('/pipeline') ?? 0).toBeGreaterThan(before);
    expect((bridge.requests.get('/pipeline') ?? 0) - before).toBeLessThanOrEqual(2);
  });
});

describe('authentication and faults', () => {
  it('rejects a wrong token with 401', async () => {
    const intruder = new Redis({ url: bridge.url, token: 'wrong', enableAutoPipelining: false });
    await expect(intruder.get('anything')).rejects.toThrow(/Unauthorized/);
    const response = await post('/', ['get', 'x'], { authorization: 'Bearer wrong' });
    expect(response.status).toBe(401);
  });

  it('delays answers with setDelay', async () => {
    bridge.setDelay(200);
    const started = Date.now();
    await raw.get('slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('fails every request with setFailure("error") and recovers with "none"', async () => {
    const client = new Redis({ url: bridge.url, token: bridge.token, retry: false });
    bridge.setFailure('error');
    await expect(client.get('x')).rejects.toThrow(/Service Unavailable/);
    bridge.setFailure('none');
    expect(await client.get('x')).toBeNull();
  });

  it('drops connections with setFailure("drop")', async () => {
    const client = new Redis({ url: bridge.url, token: bridge.token, retry: false });
    bridge.setFailure('drop');
    await expect(client.get('x')).rejects.toThrow();
  });
});

describe('when Redis stops', () => {
  it('answers 503 quickly while Redis is down', async () => {
    const ownServer = await startRedisServer();
    const ownBridge = await startUpstashBridge({ redisUrl: ownServer.url });
    const client = new Redis({ url: ownBridge.url, token: ownBridge.token, retry: false });
    try {
      expect(await client.set('k', 'v')).toBe('OK');
      await ownServer.stop();
      const started = Date.now();
      await expect(client.get('k')).rejects.toThrow(/Redis is unavailable/);
      expect(Date.now() - started).toBeLessThan(2_000);
      const response = await fetch(`${ownBridge.url}/pipeline`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ownBridge.token}` },
        body: JSON.stringify([['get', 'k']]),
      });
      expect(response.status).toBe(503);
    } finally {
      await ownBridge.close();
      await ownServer.stop();
    }
  });
});
