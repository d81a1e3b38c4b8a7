import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type BudgetAlert, sendBudgetAlert } from './send-budget-alert.ts';
import { signatureHeader, signWebhook } from './sign-webhook.ts';

const alert: BudgetAlert = {
  type: 'budget.threshold',
  scope: 'team:research',
  percent: 80,
  spend: 8,
  limit: 10,
  period: 'm2026-12',
  time: '2026-12-06T00:00:00.000Z',
};

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function receiver(statuses: number[]) {
  const received: { body: string; signature: string | undefined }[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    received.push({ body, signature: request.headers[signatureHeader] as string | undefined });
    response.statusCode = statuses[received.length - 1] ?? 200;
    response.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

describe('sendBudgetAlert', () => {
  it('posts the alert with a signature the receiver can verify', async () => {
    const { url, received } = await receiver([200]);
    expect(await sendBudgetAlert({ url, secret: 'whsec' }, alert)).toBe(true);
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(JSON.parse(first?.body ?? '')).toEqual(alert);
    const timestamp = Number(first?.signature?.match(/^t=(\d+),/)?.[1]);
    expect(first?.signature).toBe(signWebhook('whsec', first?.body ?? '', timestamp));
    expect(first?.signature).not.toBe(signWebhook('other', first?.body ?? '', timestamp));
  });

  it('retries a 503 and a 429 with backoff, then stops on success', async () => {
    const { url, received } = await receiver([503, 429, 200]);
    expect(await sendBudgetAlert({ url, secret: 's', backoffMs: 1 }, alert)).toBe(true);
    expect(received).toHaveLength(3);
  });

  it('gives up after its attempts, and at once on a 400', async () => {
    const failing = await receiver([500, 500, 500, 500, 500]);
    expect(await sendBudgetAlert({ url: failing.url, secret: 's', backoffMs: 1 }, alert)).toBe(
      false,
    );
    expect(failing.received).toHaveLength(4);
    const refusing = await receiver([400, 200]);
    expect(await sendBudgetAlert({ url: refusing.url, secret: 's', backoffMs: 1 }, alert)).toBe(
      false,
    );
    expect(refusing.received).toHaveLength(1);
  });

  it('retries when the receiver cannot be reached', async () => {
    const calls: string[] = [];
    const delivered = await sendBudgetAlert(
      {
        url: 'http://127.0.0.1:9/hook',
        secret: 's',
        backoffMs: 1,
        attempts: 3,
        fetch: async (input) => {
          calls.push(String(input));
          throw new TypeError('fetch failed');
        },
      },
      alert,
    );
    expect(delivered).toBe(false);
    expect(calls).toHaveLength(3);
  });
});
