import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RedisConfigNodejs, Requester, UpstashRequest, UpstashResponse } from '@upstash/redis';

export interface UpstashNodeRequesterOptions {
  /** `UPSTASH_REDIS_REST_URL` (http or https). */
  url: string;
  /** `UPSTASH_REDIS_REST_TOKEN` */
  token: string;
  /** Retries on network errors (default 2, 50 ms then 100 ms), as `@upstash/redis` counts them. */
  retry?: RedisConfigNodejs['retry'];
  /** A request with no answer for this long is given up and its socket closed (default 60 s). */
  idleTimeoutMs?: number;
}

/** A `Requester` for `@upstash/redis`, and `close()` to let its connections go. */
export type UpstashNodeRequester = Requester & { close(): void };

/** An answer that is not JSON, or an HTTP error: the request failed (never a refusal). */
class UpstashHttpError extends Error {
  override name = 'UpstashHttpError';
}

/**
 * Upstash's REST API over `node:http(s)` with one keep-alive agent, for the store of a Node
 * process: `@upstash/redis` sends with the global `fetch`, whose Request, Response and Web
 * stream objects cost about three times the CPU of a plain request, on every cache lookup.
 * Replies come as plain JSON (no base64: the store writes only strings, so they are UTF-8).
 * Like the client's own transport it keeps read-your-writes tokens and retries network errors
 * before an answer; a kept-alive socket the server had closed is retried at once.
 *
 * @example
 * const requester = createUpstashNodeRequester({ url, token });
 * const store = createUpstashStore({ requester });
 * requester.close();
 */
export function createUpstashNodeRequester(
  options: UpstashNodeRequesterOptions,
): UpstashNodeRequester {
  const base = new URL(options.url);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError(`The Upstash URL must be http or https, got ${base.protocol}`);
  }
  const secure = base.protocol === 'https:';
  const agentOptions = { keepAlive: true, scheduling: 'lifo' } as const;
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const send = secure ? httpsRequest : httpRequest;
  // `[::1]` in a URL, `::1` for node:http.
  const hostname = base.hostname.replace(/^\[(.*)\]$/, '$1');
  const prefix = base.pathname.replace(/\/$/, '');
  const authorization = `Bearer ${options.token}`;
  const retries = options.retry === false ? 0 : (options.retry?.retries ?? 2);
  const backoff =
    (options.retry === false ? undefined : options.retry?.backoff) ??
    ((retryCount: number) => 50 * 2 ** retryCount);
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;

  const requester: UpstashNodeRequester = {
    readYourWrites: true,
    upstashSyncToken: '',
    async request<TResult>(upstash: UpstashRequest): Promise<UpstashResponse<TResult>> {
      if (upstash.isStreaming) throw new TypeError('Streaming commands are not supported here');
      const body = JSON.stringify(upstash.body);
      const headers: Record<string, string | number> = {
        ...upstash.headers,
        authorization,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      };
      if (requester.readYourWrites)
        headers['upstash-sync-token'] = requester.upstashSyncToken ?? '';
      const path = `${prefix}/${(upstash.path ?? []).join('/')}`;
      let failures = 0;
      while (true) {
        const outcome = await post(path, headers, body);
        if (outcome.status === 'answered') {
          if (requester.readYourWrites && outcome.syncToken !== undefined)
            requester.upstashSyncToken = outcome.syncToken;
          return answerOf<TResult>(outcome.statusCode, outcome.text);
        }
        // The server closed an idle connection as this request went out: not a failure.
        if (outcome.staleSocket) continue;
        if (failures >= retries) throw outcome.error;
        await new Promise((resolve) => setTimeout(resolve, backoff(failures)));
        failures += 1;
      }
    },
    close: () => agent.destroy(),
  };

  type Outcome =
    | { status: 'answered'; statusCode: number; text: string; syncToken: string | undefined }
    | { status: 'failed'; error: Error; staleSocket: boolean };

  /**
   * One POST. A network error before any answer resolves `failed` (sent again, as the client's
   * own transport does); one after the answer began, or no answer in time, rejects.
   */
  function post(path: string, headers: Record<string, string | number>, body: string) {
    return new Promise<Outcome>((resolve, reject) => {
      let answered = false;
      let timedOut = false;
      const request: ClientRequest = send(
        { method: 'POST', hostname, port: base.port, path, headers, agent },
        (response) => {
          answered = true;
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => {
            const token = response.headers['upstash-sync-token'];
            const syncToken = typeof token === 'string' ? token : undefined;
            resolve({ status: 'answered', statusCode: response.statusCode ?? 0, text, syncToken });
          });
          response.on('error', reject);
        },
      );
      request.setTimeout(idleTimeoutMs, () => {
        timedOut = true;
        request.destroy(new Error(`Upstash did not answer within ${idleTimeoutMs} ms`));
      });
      request.on('error', (error: Error & { code?: string }) => {
        if (answered || timedOut) return reject(error);
        const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE';
        resolve({ status: 'failed', error, staleSocket: request.reusedSocket && reset });
      });
      request.end(body);
    });
  }

  return requester;
}

function answerOf<TResult>(statusCode: number, text: string): UpstashResponse<TResult> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UpstashHttpError(`Upstash answered ${statusCode} with a body that is not JSON`);
  }
  if (statusCode < 200 || statusCode >= 300) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new UpstashHttpError(`Upstash answered ${statusCode}: ${String(error)}`);
  }
  return body as UpstashResponse<TResult>;
}
