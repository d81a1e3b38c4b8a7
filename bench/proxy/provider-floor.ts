/**
 * The floor under Switchyard's per-request CPU: what the official provider package costs on
 * its own, before any router code runs. In one process pinned to core 0 (the mock upstream in
 * its own process on core 1), at 32 requests in flight, CPU µs per request of:
 *   raw fetch          POST and read the body as bytes (what a byte-forwarding proxy does)
 *   provider           `@ai-sdk/openai` chat model: doGenerate / doStream read to the end
 * each with Node's global fetch and with the router's Node upstream client.
 *   node bench/proxy/provider-floor.ts [--requests N]
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { LanguageModelV4, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { createUpstreamFetch } from '../../apps/router/src/node/upstream-fetch.ts';
import { startUpstreamProcess } from './targets.ts';
import { streamEvents } from './upstream.ts';

// The router's own copy of the provider package: the version it runs.
const routerRequire = createRequire(new URL('../../apps/router/package.json', import.meta.url));
const { createOpenAI } = (await import(
  pathToFileURL(routerRequire.resolve('@ai-sdk/openai')).href
)) as {
  createOpenAI(settings: { baseURL: string; apiKey: string; fetch?: typeof fetch }): {
    chat(modelId: string): LanguageModelV4;
  };
};

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' } } });
const requests = Number(values.requests);
const inFlight = 32;

const upstream = await startUpstreamProcess(0);
const upstreamFetch = createUpstreamFetch();
const clients = { 'global fetch': globalThis.fetch, 'upstream client': upstreamFetch };
const prompt: LanguageModelV4Prompt = [
  { role: 'system', content: 'You are a terse assistant.' },
  {
    role: 'user',
    content: [{ type: 'text', text: 'Say hello to the benchmark in one sentence.' }],
  },
];
const url = `${upstream.url}/v1/chat/completions`;

/** CPU µs per call of `one`, `requests` calls with `inFlight` at a time, after a warm-up. */
async function cpuPerCall(one: () => Promise<void>): Promise<number> {
  for (let index = 0; index < 2_000; index += 1) await one();
  const before = process.cpuUsage();
  let started = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started++ < requests) await one();
    }),
  );
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / requests);
}

const rows: string[][] = [];
for (const [name, fetch] of Object.entries(clients)) {
  const model = createOpenAI({ baseURL: `${upstream.url}/v1`, apiKey: 'sk-bench', fetch }).chat(
    'gpt-4o-mini',
  );
  const raw = (stream: boolean) => async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream }),
    });
    await response.arrayBuffer();
  };
  const rawJson = await cpuPerCall(raw(false));
  const rawStream = await cpuPerCall(raw(true));
  const providerJson = await cpuPerCall(async () => {
    await model.doGenerate({ prompt });
  });
  const providerStream = await cpuPerCall(async () => {
    const { stream } = await model.doStream({ prompt });
    const reader = stream.getReader();
    while (!(await reader.read()).done) {}
  });
  rows.push([name, `${rawJson}`, `${providerJson}`, `${rawStream}`, `${providerStream}`]);
}
await upstreamFetch.close();
await upstream.close();

const events = streamEvents.length - 1;
console.log(
  `CPU µs per request, ${requests} requests at ${inFlight} in flight, Node ${process.version}`,
);
console.log('| client | raw JSON | provider JSON | raw stream | provider stream |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
for (const [name, , , rawStream, providerStream] of rows) {
  const perEvent = (Number(providerStream) - Number(rawStream)) / events;
  console.log(`${name}: the provider's stream parse costs ${perEvent.toFixed(1)} µs per event`);
}
