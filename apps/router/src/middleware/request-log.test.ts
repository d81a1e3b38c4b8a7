import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { parseConfig } from '../config/index.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { RequestLogEntry } from './request-log.ts';

const adminKey = 'sk-test-admin';

function loggedApp() {
  const entries: RequestLogEntry[] = [];
  const config = parseConfig({
    providers: {
      mock: {
        type: 'mock',
        models: { echo: {}, cut: { cutAfterChunks: 2 }, down: { errorStatus: 503 } },
      },
    },
    models: {
      'cut-then-echo': { targets: ['mock/cut', 'mock/echo'] },
      chat: { targets: ['mock/down', 'mock/echo'] },
    },
    routing: { circuitBreaker: { minRequests: 1_000 } },
  });
  const app = createApp({
    config,
    store: createMemoryStore(),
    adminKey,
    logger: (entry) => entries.push(entry),
  });
  async function chat(model: string, stream: boolean) {
    const response = await app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi there' }] }),
    });
    await response.text();
    return response;
  }
  return { entries, chat };
}

describe('requestLog', () => {
  it('logs a stream cut and continued on another target as an interruption with its segments', async () => {
    const { entries, chat } = loggedApp();
    const response = await chat('cut-then-echo', true);
    expect(response.status).toBe(200);
    const [entry] = entries;
    expect(entry).toMatchObject({
      status: 200,
      outcome: 'success',
      interrupted: true,
      continued: true,
      stream: true,
    });
    expect(entry?.attempts?.map(({ target, outcome }) => ({ target, outcome }))).toEqual([
      { target: 'mock/cut', outcome: 'interrupted' },
      { target: 'mock/echo', outcome: 'ok' },
    ]);
    expect(entry?.segments?.map(({ target, outcome }) => ({ target, outcome }))).toEqual([
      { target: 'mock/cut', outcome: 'error' },
      { target: 'mock/echo', outcome: 'ok' },
    ]);
  });

  it('logs a stream cut with no target to continue it as failed, never as a clean 200', async () => {
    const { entries, chat } = loggedApp();
    await chat('mock/cut', true);
    const [entry] = entries;
    expect(entry).toMatchObject({
      outcome: 'error',
      interrupted: true,
      errorCode: 'stream_interrupted',
    });
    expect(entry?.continued).toBeUndefined();
    expect(entry?.attempts).toMatchObject([{ target: 'mock/cut', outcome: 'interrupted' }]);
    expect(entry?.segments).toMatchObject([{ target: 'mock/cut', outcome: 'error' }]);
  });

  it('logs a failover before the first token as a success with the failed attempts', async () => {
    const { entries, chat } = loggedApp();
    await chat('chat', false);
    const [entry] = entries;
    expect(entry).toMatchObject({ status: 200, outcome: 'success' });
    expect(entry?.interrupted).toBeUndefined();
    expect(entry?.attempts?.map(({ outcome }) => outcome)).toEqual(['error', 'error', 'ok']);
  });

  it('logs an answer that failed with its error type and code', async () => {
    const { entries, chat } = loggedApp();
    const response = await chat('mock/down', false);
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(entries[0]).toMatchObject({
      outcome: 'error',
      errorType: expect.any(String),
      errorCode: expect.any(String),
    });
  });
});
