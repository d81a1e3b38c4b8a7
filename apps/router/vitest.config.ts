import { defineConfig } from 'vitest/config';

/** Unit tests and Node integration tests; `vitest.workers.config.ts` runs the workerd ones. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'node',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/node.json' },
  },
});
