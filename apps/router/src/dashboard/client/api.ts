import { signedInKey } from './session.ts';

/** An answer other than 2xx, with the message of the router's error envelope. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Called when the router refuses the key (401): the page signs out and says why. */
let onRefused: (message: string) => void = () => {};
export function whenRefused(handler: (message: string) => void): void {
  onRefused = handler;
}

/**
 * Calls the router's API (same origin) with the signed-in key as a Bearer token and answers the
 * parsed JSON; any other status throws an `ApiError` carrying the router's message.
 * @example const { data } = await api<{ data: StatsResult }>('/api/v1/stats', { query: { from } });
 */
export async function api<Answer>(
  path: string,
  init: {
    method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    query?: Record<string, string | number | undefined>;
    body?: unknown;
    key?: string;
  } = {},
): Promise<Answer> {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(init.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { authorization: `Bearer ${init.key ?? signedInKey()}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const parsed: unknown = await response.json().catch(() => undefined);
  if (response.ok) return parsed as Answer;
  const message = errorMessage(parsed) ?? `The router answered ${response.status}.`;
  if (response.status === 401 && init.key === undefined) onRefused(message);
  throw new ApiError(response.status, message);
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body as { error: { message?: unknown } | null };
  return typeof error?.message === 'string' ? error.message : undefined;
}
