import { env } from 'cloudflare:workers';
import { createUpstashStore } from '../../src/store/index.ts';
import { describeStoreContract } from '../../src/store/store-contract.ts';

const bindings = env as { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };

// The same contract the Node tests hold the stores to, from inside workerd, against a real
// redis-server behind the Upstash REST protocol.
describeStoreContract(
  'Upstash store in workerd',
  () =>
    createUpstashStore({
      url: bindings.UPSTASH_REDIS_REST_URL,
      token: bindings.UPSTASH_REDIS_REST_TOKEN,
    }),
  'upstash',
);
