import { createApp } from '../../apps/router/src/app.ts';
import { parseConfig } from '../../apps/router/src/config/index.ts';
import { createMemoryStore } from '../../apps/router/src/store/index.ts';

export const adminKey = 'sk-bench-guardrails';

/** The router in this process, its built-in mock provider serving, with these guardrails. */
export function benchApp(guardrails: unknown, reply?: string, chunkDelayMs = 0) {
  const config = parseConfig({
    providers: {
      mock: {
        type: 'mock',
        models: { echo: {}, writer: { ...(reply === undefined ? {} : { reply }), chunkDelayMs } },
      },
    },
    server: { requestLog: false, maxBodyBytes: 1_000_000 },
    guardrails,
  });
  return createApp({ config, store: createMemoryStore(), adminKey });
}

/** POSTs a chat completion to the in-process app. */
export function chat(app: ReturnType<typeof benchApp>, body: object): Promise<Response> {
  return Promise.resolve(
    app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}
