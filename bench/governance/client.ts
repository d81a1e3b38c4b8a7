import { setTimeout as sleep } from 'node:timers/promises';
import { chatBody } from './bench-request.ts';
import { adminKey } from './fleet.ts';
import type { RedisClient } from './redis-client.ts';

const requestTimeoutMs = 60_000;

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

/** One chat completion (JSON) through `baseUrl` with `key`; never throws (status 0 on failure). */
export async function complete(baseUrl: string, key: string): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(chatBody()),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const body = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body,
      ms: performance.now() - started,
    };
  } catch (error) {
    return {
      status: 0,
      headers: new Headers(),
      body: String(error),
      ms: performance.now() - started,
    };
  }
}

/** Cycles through `urls`, so consecutive requests land on different processes. */
export function roundRobin(urls: readonly string[]): () => string {
  let next = 0;
  return () => urls[next++ % urls.length] as string;
}

/** Counts of each status, e.g. `{ 200: 100, 402: 400 }`. */
export function statusCounts(answers: readonly Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

export const formatCounts = (counts: Record<number, number>) =>
  Object.entries(counts)
    .map(([status, count]) => `${count}×${status}`)
    .join(', ');

async function management<T>(baseUrl: string, method: string, path: string, body?: object) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    ...(body && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /api/v1${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

export interface CreatedKey {
  key: string;
  hash: string;
  label: string;
}

/** `POST /api/v1/keys`; `limit` in US dollars, as the API takes it. */
export async function createKey(baseUrl: string, settings: object): Promise<CreatedKey> {
  const created = await management<{ key: string; data: { hash: string; label: string } }>(
    baseUrl,
    'POST',
    '/keys',
    settings,
  );
  return { key: created.key, hash: created.data.hash, label: created.data.label };
}

export const createTeam = (baseUrl: string, settings: object) =>
  management<{ data: { id: string } }>(baseUrl, 'POST', '/teams', settings);

export const patchKey = (baseUrl: string, hash: string, patch: object) =>
  management<{ data: { disabled: boolean } }>(baseUrl, 'PATCH', `/keys/${hash}`, patch);

/** `GET /api/v1/key` with the key itself: its spend as the API reports it, in US dollars. */
export async function reportedUsage(baseUrl: string, key: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/key`, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: { usage?: number } };
  return body.data?.usage ?? Number.NaN;
}

/** A key's all-time spend counter in Redis, in nanodollars. */
export async function spendNanos(redis: RedisClient, scopeId: string): Promise<number> {
  return Number((await redis.command('GET', `sy:spend:k:${scopeId}:all`)) ?? 0);
}

/**
 * Waits until no reservation of the key is in flight (every request settled), at most
 * `timeoutMs`; returns whether it got there.
 */
export async function waitUntilSettled(
  redis: RedisClient,
  scopeId: string,
  timeoutMs = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (Number(await redis.command('HLEN', `sy:inflight:k:${scopeId}`)) === 0) return true;
    await sleep(25);
  }
  return false;
}
