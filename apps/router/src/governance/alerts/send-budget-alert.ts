import type { FetchFunction } from '@ai-sdk/provider-utils';
import { signatureHeader, signWebhook } from './sign-webhook.ts';

/** A budget crossing a threshold, as the webhook's JSON body carries it. */
export interface BudgetAlert {
  type: 'budget.threshold';
  /** `key:<label>`, `team:<id>` or `gateway`. */
  scope: string;
  percent: number;
  /** US dollars spent in the period, and the budget. */
  spend: number;
  limit: number;
  /** The budget period: `all`, `d2026-12-06`, `w2026-11-30`, `m2026-12`. */
  period: string;
  /** ISO 8601. */
  time: string;
}

export interface AlertDelivery {
  url: string;
  secret: string;
  fetch?: FetchFunction;
  /** Tries in all (default 4); waits double from `backoffMs` (default 500) between them. */
  attempts?: number;
  backoffMs?: number;
  /** Each try's time limit (default 5 s). */
  timeoutMs?: number;
  now?: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a signed alert, retrying on network errors, 429 and 5xx with exponential backoff. Runs
 * in the background (waitUntil); resolves true once the receiver answered 2xx, false when it gave
 * up. A 4xx other than 429 is final: the receiver refused this alert.
 *
 * @example
 * request.background(sendBudgetAlert({ url, secret }, alert));
 */
export async function sendBudgetAlert(
  delivery: AlertDelivery,
  alert: BudgetAlert,
): Promise<boolean> {
  const send = delivery.fetch ?? fetch;
  const attempts = delivery.attempts ?? 4;
  const backoffMs = delivery.backoffMs ?? 500;
  const now = delivery.now ?? Date.now;
  const body = JSON.stringify(alert);
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
    const signature = signWebhook(delivery.secret, body, Math.floor(now() / 1000));
    try {
      const response = await send(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [signatureHeader]: signature },
        body,
        signal: AbortSignal.timeout(delivery.timeoutMs ?? 5_000),
      });
      await response.body?.cancel();
      if (response.ok) return true;
      if (response.status !== 429 && response.status < 500) return false;
    } catch {
      // A network failure or timeout: try again after the backoff.
    }
  }
  return false;
}
