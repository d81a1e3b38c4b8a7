/** The admin key the bench authenticates with (auth stays on, as in production). */
export const adminKey = 'sk-bench-admin';

/** The key the upstream is called with; the mock accepts anything. */
export const upstreamKey = 'sk-bench-upstream';

/**
 * A realistic router config: alias `chat` with two targets, the first the mock upstream through
 * `openai` (chat completions API), the fallback a second provider entry (`openai-compatible`)
 * pointing at the same upstream; the response cache off unless `cache` is set. The request log
 * is off so the bench measures the router, not its stdout pipe.
 */
export function switchyardConfig(upstreamUrl: string, options: { cache: boolean }) {
  return {
    providers: {
      primary: { type: 'openai', api: 'chat', baseURL: `${upstreamUrl}/v1`, apiKey: upstreamKey },
      fallback: { type: 'openai-compatible', baseURL: `${upstreamUrl}/v1`, apiKey: upstreamKey },
    },
    models: {
      chat: {
        targets: ['primary/gpt-4o-mini', 'fallback/gpt-4o-mini'],
        cache: { enabled: options.cache },
      },
    },
    server: { requestLog: false },
  };
}
