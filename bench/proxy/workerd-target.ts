/**
 * The router inside workerd (wrangler's `unstable_startWorker`, through the testkit), as its
 * own process so workerd inherits its core pinning. Reads the config from $BENCH_ROUTER_CONFIG
 * and the admin key from $SWITCHYARD_ADMIN_KEY; prints `listening on <url>`; SIGINT stops it.
 */
import { startRouter } from '@switchyard/testkit';

const router = await startRouter('workerd', {
  config: JSON.parse(process.env.BENCH_ROUTER_CONFIG ?? '{}'),
  adminKey: process.env.SWITCHYARD_ADMIN_KEY,
});
console.log(`listening on ${router.url}`);
process.once('SIGINT', async () => {
  await router.close();
  process.exit(0);
});
