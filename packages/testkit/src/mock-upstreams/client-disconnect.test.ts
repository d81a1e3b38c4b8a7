import { describe, expect, it, vi } from 'vitest';
import {
  createLanguageModel,
  deltasOf,
  readStream,
  rejectionOf,
  useMockUpstream,
  userPrompt,
} from './test-helpers.ts';

/** Delays the mock is waiting on; a delay still pending after its client left is a leaked timer. */
const delays = vi.hoisted(() => ({ pending: 0 }));

vi.mock('node:timers/promises', async (importOriginal) => {
  const timers = await importOriginal<typeof import('node:timers/promises')>();
  return {
    ...timers,
    setTimeout: (...parameters: Parameters<typeof timers.setTimeout>) => {
      delays.pending++;
      return timers.setTimeout(...parameters).finally(() => {
        delays.pending--;
      });
    },
  };
});

const upstream = useMockUpstream();

const chat = (model: string) => createLanguageModel(upstream, 'openai-chat', model);
const prompt = userPrompt('a b c');

describe('client disconnects', () => {
  it('hangs until the client aborts, then counts the abort', async () => {
    const error = await rejectionOf(
      chat('gpt-4o~hang=1').doGenerate({ prompt, abortSignal: AbortSignal.timeout(50) }),
    );

    expect(error).toBeInstanceOf(DOMException);
    await vi.waitFor(() => expect(upstream.aborted).toBe(1));
    expect(delays.pending).toBe(0);
  });

  it('clears its latency timer when the client leaves', async () => {
    const controller = new AbortController();
    const pending = rejectionOf(
      chat('gpt-4o~latency=60000').doGenerate({ prompt, abortSignal: controller.signal }),
    );
    await vi.waitFor(() => expect(delays.pending).toBe(1));
    controller.abort();
    await pending;

    await vi.waitFor(() => expect(upstream.aborted).toBe(1));
    expect(delays.pending).toBe(0);
  });

  it('stops streaming and clears its chunk timer when the client cancels mid-stream', async () => {
    const response = await fetch(`${upstream.baseURLs.openai}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o~chunkDelay=60000', messages: [], stream: true }),
    });
    const reader = response.body?.getReader() ?? expect.fail('no body');
    await reader.read();
    await vi.waitFor(() => expect(delays.pending).toBe(1));
    await reader.cancel();

    await vi.waitFor(() => expect(upstream.aborted).toBe(1));
    expect(delays.pending).toBe(0);
  });

  it('does not count a cut it made itself as a client abort', async () => {
    const { stream } = await chat('gpt-4o~cutAfter=1').doStream({ prompt });
    const { parts, error } = await readStream(stream);

    expect(deltasOf(parts, 'text-delta')).toEqual(['Echo: ']);
    expect(error ?? parts.find((part) => part.type === 'error')).toBeDefined();
    expect(upstream.aborted).toBe(0);
  });
});
