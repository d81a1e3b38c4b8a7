/**
 * Preloaded into the router (`node --import`) by `cache-hit.ts --phases`: wall time of the parts
 * of a hit. SIGUSR2 starts over (after warm-up); the figures go to $PHASE_TIMER_OUT on exit.
 *   handling           HTTP request event to response finish, chat completions only
 *   until the lookup   request event to the cache lookup's store call (its body reads `sy:cache:`)
 *   lookup             that store call, until its answer is read
 *   after the lookup   its answer read to response finish
 *   store round trip   each store call (global fetch or node:http), background writes included
 *   sha-256            each crypto.subtle.digest (API key, cache key)
 *   gc                 garbage-collection pauses
 */
import { writeFileSync } from 'node:fs';
import http, { type ClientRequest, Server } from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';

const samples = new Map<string, number[]>();
const add = (phase: string, ms: number) => {
  const list = samples.get(phase) ?? [];
  list.push(ms);
  samples.set(phase, list);
};
const since = (started: number) => performance.now() - started;

/** The chat completion being handled (concurrency 1): when it arrived and when its lookup ran. */
let handling: { started: number; lookupSent?: number; lookupRead?: number } | undefined;

type Emit = (this: Server, event: string, ...args: unknown[]) => boolean;
const emit = Server.prototype.emit as Emit;
Server.prototype.emit = function timedEmit(this: Server, event: string, ...args: unknown[]) {
  const [request, response] = args as [{ url?: string }, { once(e: string, f: () => void): void }];
  if (event === 'request' && request.url === '/v1/chat/completions') {
    const current = { started: performance.now() } as NonNullable<typeof handling>;
    handling = current;
    response.once('finish', () => {
      const finished = performance.now();
      add('handling', finished - current.started);
      if (current.lookupSent === undefined || current.lookupRead === undefined) return;
      add('until the lookup', current.lookupSent - current.started);
      add('lookup', current.lookupRead - current.lookupSent);
      add('after the lookup', finished - current.lookupRead);
    });
  }
  return emit.call(this, event, ...args);
};

/** Starts timing one store call; the returned function ends it. */
function storeCall(body: unknown): () => void {
  const started = performance.now();
  const lookupOf = typeof body === 'string' && body.includes('"sy:cache:') ? handling : undefined;
  if (lookupOf !== undefined) lookupOf.lookupSent = started;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    add('store round trip', since(started));
    if (lookupOf !== undefined) lookupOf.lookupRead = performance.now();
  };
}

const originalFetch = globalThis.fetch;
globalThis.fetch = async function timedFetch(input, init) {
  const end = storeCall(init?.body);
  const response = await originalFetch(input, init);
  for (const method of ['json', 'text', 'arrayBuffer'] as const) {
    const read = response[method].bind(response);
    Object.defineProperty(response, method, {
      value: async () => {
        const value = await read();
        end();
        return value;
      },
    });
  }
  return response;
};

// The router's Upstash store on Node sends with node:http(s).
for (const module of [http, https]) {
  const request = module.request as (...args: unknown[]) => ClientRequest;
  module.request = function timedRequest(...args: unknown[]) {
    const sent = request(...args);
    const end = sent.end.bind(sent) as (...rest: unknown[]) => ClientRequest;
    sent.end = ((...rest: unknown[]) => {
      const done = storeCall(rest[0]);
      sent.once('response', (response) => response.once('end', done));
      return end(...rest);
    }) as ClientRequest['end'];
    return sent;
  } as typeof module.request;
}
syncBuiltinESMExports();

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

process.on('SIGUSR2', () => samples.clear());
process.on('exit', () => {
  const out = process.env.PHASE_TIMER_OUT;
  if (!out) return;
  const figures = [...samples].map(([phase, list]) => {
    const sorted = [...list].sort((left, right) => left - right);
    const ms = list.reduce((sum, value) => sum + value, 0);
    return [phase, { ms, count: list.length, p50: sorted[Math.floor(sorted.length / 2)] ?? 0 }];
  });
  writeFileSync(out, JSON.stringify(Object.fromEntries(figures)));
});
