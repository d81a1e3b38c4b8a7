import { defineConfig } from 'vitest/config';

/** The simulator's own pieces; the simulation itself runs with `pnpm simulate`, not here. */
export default defineConfig({
  test: {
    include: ['simulator/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/bench.json' },
  },
});
