/**
 * Preloaded into the router (`node --import`) by `cache-hit.ts --phases`: wall time of the parts
 * of a hit, summed. SIGUSR2 starts over (after warm-up); the sums go to $PHASE_TIMER_OUT on exit.
 *   handling           HTTP request event to response finish, chat completions only
 *   store round trip   each outbound fetch (the Upstash REST call) until its body is read
 *   sha-256            each crypto.subtle.digest (API key, cache key)
 *   gc                 garbage-collection pauses
 */
import { writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';

const sums = new Map<string, { ms: number; count: number }>();
const add = (phase: string, ms: number) => {
  const sum = sums.get(phase) ?? { ms: 0, count: 0 };
  sums.set(phase, { ms: sum.ms + ms, count: sum.count + 1 });
};
const since = (started: number) => performance.now() - started;

type Emit = (this: Server, event: string, ...args: unknown[]) => boolean;
const emit = Server.prototype.emit as Emit;
Server.prototype.emit = function timedEmit(this: Server, event: string, ...args: unknown[]) {
  const [request, response] = args as [{ url?: string }, { once(e: string, f: () => void): void }];
  if (event === 'request' && request.url === '/v1/chat/completions') {
    const started = performance.now();
    response.once('finish', () => add('handling', since(started)));
  }
  return emit.call(this, event, ...args);
};

const originalFetch = globalThis.fetch;
globalThis.fetch = async function timedFetch(input, init) {
  const started = performance.now();
  const response = await originalFetch(input, init);
  for (const method of ['json', 'text', 'arrayBuffer'] as const) {
    const read = response[method].bind(response);
    Object.defineProperty(response, method, {
      value: async () => {
        const value = await read();
        add('store round trip', since(started));
        return value;
      },
    });
  }
  return response;
};

const digest = crypto.subtle.digest.bind(crypto.subtle);
crypto.subtle.digest = async (algorithm: AlgorithmIdentifier, data: BufferSource) => {
  const started = performance.now();
  const result = await digest(algorithm, data);
  add('sha-256', since(started));
  return result;
};

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) add('gc', entry.duration);
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => sums.clear());
process.on('exit', () => {
  const out = process.env.PHASE_TIMER_OUT;
  if (out) writeFileSync(out, JSON.stringify(Object.fromEntries(sums)));
});
