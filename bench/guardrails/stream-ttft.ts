import { summarize } from '../lib/latency.ts';
import { benchApp, chat } from './bench-app.ts';

/** A long, benign answer: about 3,000 characters in word-sized chunks. */
const answer = Array.from(
  { length: 60 },
  (_, index) => `Step ${index + 1} moves the batch to the next stage.`,
).join(' ');

const secrets = { detectors: ['secrets', 'pii'] };
export const streamPolicies = {
  none: {},
  audit: {
    rules: { watch: { ...secrets, action: 'warn', direction: 'output' } },
    gateway: { rules: ['watch'] },
  },
  window: {
    rules: { scrub: { ...secrets, action: 'redact', direction: 'output' } },
    gateway: { rules: ['scrub'] },
  },
  hold: {
    rules: { stop: { ...secrets, action: 'block', direction: 'output' } },
    gateway: { rules: ['stop'] },
  },
} as const;

/** Time to the first content chunk, and to the end, of a streamed chat completion. */
async function timeStream(app: ReturnType<typeof benchApp>) {
  const started = performance.now();
  const response = await chat(app, {
    model: 'mock/writer',
    stream: true,
    messages: [{ role: 'user', content: 'Describe the pipeline.' }],
  });
  let firstContent: number | undefined;
  let received = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body ?? []) {
    received += decoder.decode(chunk, { stream: true });
    // The first chunk with text: the role chunk before it carries `"content":""`.
    if (firstContent === undefined && /"delta":\{"content":"[^"]/.test(received)) {
      firstContent = performance.now() - started;
    }
  }
  if (!received.includes('data: [DONE]')) throw new Error('the stream did not finish cleanly');
  return { firstContent: firstContent ?? Number.NaN, total: performance.now() - started };
}

/**
 * Time to first token of each streaming policy beside a run without guardrails: the mock
 * writes ~3,000 characters, one word every `chunkDelayMs`.
 */
export async function measureStreamPolicies(requests: number, chunkDelayMs: number) {
  const results: Record<
    string,
    { firstContent: ReturnType<typeof summarize>; total: ReturnType<typeof summarize> }
  > = {};
  const apps = Object.fromEntries(
    Object.entries(streamPolicies).map(([name, guardrails]) => [
      name,
      benchApp(guardrails, answer, chunkDelayMs),
    ]),
  );
  for (const app of Object.values(apps)) await timeStream(app);
  const samples: Record<string, { firstContent: number[]; total: number[] }> = {};
  for (let index = 0; index < requests; index += 1) {
    for (const [name, app] of Object.entries(apps)) {
      const timing = await timeStream(app);
      samples[name] ??= { firstContent: [], total: [] };
      samples[name].firstContent.push(timing.firstContent);
      samples[name].total.push(timing.total);
    }
  }
  for (const [name, { firstContent, total }] of Object.entries(samples)) {
    results[name] = { firstContent: summarize(firstContent), total: summarize(total) };
  }
  return { answerChars: answer.length, chunkDelayMs, results };
}
