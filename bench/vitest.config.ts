import { defineConfig } from 'vitest/config';

/** The benches' own pieces; the simulation and benchmarks run with `pnpm simulate` / `pnpm bench`. */
export default defineConfig({
  test: {
    include: ['simulator/**/*.test.ts', 'proxy/**/*.test.ts', 'lib/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/bench.json' },
  },
});
