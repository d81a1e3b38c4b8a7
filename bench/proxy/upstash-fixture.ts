/**
 * A real redis-server behind the testkit's Upstash REST bridge, as its own process (on the
 * load generator's core), for the cache-hit target. Prints `listening on <bridge url>`; the
 * bridge wants $BENCH_UPSTASH_TOKEN as its bearer token. SIGINT stops both.
 */
import { startRedisServer, startUpstashBridge } from '@switchyard/testkit';

const redis = await startRedisServer();
const bridge = await startUpstashBridge({
  redisUrl: redis.url,
  token: process.env.BENCH_UPSTASH_TOKEN,
});
console.log(`listening on ${bridge.url}`);
process.once('SIGINT', async () => {
  await bridge.close();
  await redis.stop();
  process.exit(0);
});
