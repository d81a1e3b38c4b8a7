import type { FetchFunction } from '@ai-sdk/provider-utils';

export interface RecordedCall {
  url: string;
  method: string;
  /** Lower-cased names; `user-agent` is checked on its own since it names the Node version. */
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
}

type Reply = Response | ((call: RecordedCall) => Response | Promise<Response>);

/** A `fetch` that records what it was asked and answers from a script, one reply per call. */
export function fakeFetch(...replies: Reply[]) {
  const calls: RecordedCall[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    init?.signal?.throwIfAborted();
    const reply = replies[Math.min(calls.length, replies.length) - 1];
    if (reply === undefined) throw new Error('fakeFetch: no reply scripted');
    return typeof reply === 'function' ? reply(call) : reply.clone();
  };
  return { fetch, calls };
}

/** Headers without `user-agent`, for snapshots. */
export function stableHeaders(call: RecordedCall | undefined): Record<string, string> {
  const { 'user-agent': _userAgent, ...headers } = call?.headers ?? {};
  return headers;
}

export function jsonReply(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

/** An SSE reply carrying each part as `data: <json>`. */
export function sseReply(parts: unknown[], init: ResponseInit = {}): Response {
  const text = parts.map((part) => `data: ${JSON.stringify(part)}\n\n`).join('');
  return new Response(text, {
    ...init,
    headers: { 'content-type': 'text/event-stream', ...init.headers },
  });
}

/** An SSE reply that sends `parts`, then stays open until the request is aborted. */
export function openSseReply(parts: unknown[], signal: AbortSignal | undefined): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts)
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(part)}\n\n`));
      signal?.addEventListener('abort', () => controller.error(signal.reason));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

export async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const parts: T[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/** For `.then(resolvedUnexpectedly, (error) => error)` on calls that must fail. */
export function resolvedUnexpectedly(): never {
  throw new Error('expected the call to fail, but it resolved');
}
