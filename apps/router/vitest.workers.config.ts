import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { adminKey, integrationConfig } from './test/integration/integration-config.ts';

/** Tests that run inside workerd, against the worker entry configured by the root wrangler.toml. */
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: '../../wrangler.toml' },
      miniflare: {
        bindings: {
          SWITCHYARD_CONFIG: JSON.stringify(integrationConfig(inject('upstreamUrl'))),
          SWITCHYARD_ADMIN_KEY: adminKey,
          UPSTASH_REDIS_REST_URL: inject('upstashUrl'),
          UPSTASH_REDIS_REST_TOKEN: inject('upstashToken'),
        },
      },
    })),
  ],
  test: {
    name: 'workerd',
    include: ['test/workers/**/*.test.ts'],
    globalSetup: ['test/workers/global-setup.ts'],
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/workerd.json' },
  },
});
