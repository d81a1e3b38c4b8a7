import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  /** The parsed body: `{ type, scope, percent, spend, limit, period, time }`. */
  alert: { scope?: string; percent?: number; spend?: number; limit?: number; period?: string };
  /** Whether `x-switchyard-signature` is `t=<s>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the secret. */
  validSignature: boolean;
}

export interface AlertReceiver {
  url: string;
  received: ReceivedAlert[];
  close(): Promise<void>;
}

/**
 * A webhook receiver for budget alerts that checks each signature itself (node:crypto, not the
 * router's signing code), as an operator's receiver would.
 */
export function startAlertReceiver(secret: string): Promise<AlertReceiver> {
  const received: ReceivedAlert[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (part: Buffer) => {
      body += part.toString();
    });
    request.on('end', () => {
      let alert: ReceivedAlert['alert'] = {};
      try {
        alert = JSON.parse(body) as ReceivedAlert['alert'];
      } catch {
        // Kept with an empty alert: the report counts what arrived.
      }
      const header = request.headers['x-switchyard-signature'];
      received.push({ alert, validSignature: verify(secret, body, String(header ?? '')) });
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/alerts`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function verify(secret: string, body: string, header: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const [, timestamp, signature] = match as unknown as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
