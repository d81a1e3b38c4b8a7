import { complete, createKey, roundRobin } from './client.ts';
import { adminKey, type Fleet } from './fleet.ts';

/**
 * Warms every process before the first measured request (JIT, connections, scripts loaded into
 * Redis, stored keys looked up), so no scenario measures a cold start: `perProcess` requests on
 * each router with a limited key and with the admin key, and on each naive proxy.
 */
export async function warmUp(fleet: Fleet, perProcess = 30): Promise<void> {
  await fleet.setUpstream({ latencyMs: 0 });
  const urls = fleet.routers.map((router) => router.url);
  const key = await createKey(urls[0] ?? '', { name: 'warm-up', limit: 1_000, rpm: 1_000_000 });
  const naiveKey = 'naive-warm-up';
  await fleet.redis.command('SET', `naive:limit:${naiveKey}`, 1e15);
  const targets: [() => string, string, number][] = [
    [roundRobin(urls), key.key, urls.length],
    [roundRobin(urls), adminKey, urls.length],
    [roundRobin(fleet.naive.map((proxy) => proxy.url)), naiveKey, fleet.naive.length],
  ];
  for (const [next, bearer, processes] of targets) {
    const total = perProcess * processes;
    let sent = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (sent < total) {
          sent += 1;
          const answer = await complete(next(), bearer);
          if (answer.status !== 200) throw new Error(`warm-up: ${answer.status} ${answer.body}`);
        }
      }),
    );
  }
}
