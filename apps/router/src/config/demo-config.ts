import type { RouterConfigInput } from './schema.ts';

/**
 * The configuration the router uses when none is given: every model is served by the built-in
 * `mock` provider, so the gateway runs with no provider account and no network.
 */
export const demoConfig = {
  providers: {
    mock: {
      type: 'mock',
      models: {
        echo: {},
        'echo-slow': { latencyMs: 400, firstTokenMs: 300, chunkDelayMs: 40 },
        thinker: { reasoning: 'The user wants a short answer; repeat their words.' },
        flaky: { errorStatus: 503, errorRate: 0.5 },
        down: { errorStatus: 503 },
      },
    },
  },
  models: {
    chat: {
      description: 'Tries mock/down first and fails over to mock/echo.',
      targets: ['mock/down', 'mock/echo'],
    },
  },
} satisfies RouterConfigInput;
