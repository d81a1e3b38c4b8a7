import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeTraceRequest, type ReceivedSpan } from './decode-otlp-json.ts';

/** One export request as it arrived. */
export interface ReceivedExport {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decoding error, when the body was not a valid OTLP JSON trace export. */
  error?: string;
}

export interface OtlpReceiver {
  /** The base URL: set it as `OTEL_EXPORTER_OTLP_ENDPOINT` (exports go to `/v1/traces`). */
  url: string;
  /** Every span of every valid export, in arrival order. */
  readonly spans: ReceivedSpan[];
  readonly exports: ReceivedExport[];
  /** Answers the next `count` exports with `status` (a collector that is down). */
  failNext(status: number, count: number): void;
  close(): Promise<void>;
}

/**
 * An OTLP/HTTP receiver for tests: accepts `POST /v1/traces` in the JSON encoding, decodes and
 * checks each export (400 and a recorded error for one that is malformed, 415 for protobuf), and
 * keeps the spans.
 * @example
 * const receiver = await startOtlpReceiver();
 * // OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url
 * await expect.poll(() => receiver.spans.length).toBeGreaterThan(0);
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const exports: ReceivedExport[] = [];
  let failures: { status: number; count: number } | undefined;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received: ReceivedExport = { path: request.url ?? '', headers: { ...request.headers } };
    exports.push(received);
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== '/v1/traces')
      return answer(404, { message: 'not found' });
    if (!request.headers['content-type']?.startsWith('application/json')) {
      received.error = `content-type ${request.headers['content-type']}`;
      return answer(415, { message: 'this receiver reads the JSON encoding only' });
    }
    if (failures !== undefined && failures.count > 0) {
      failures.count -= 1;
      return answer(failures.status, { message: 'failing on purpose' });
    }
    try {
      spans.push(...decodeTraceRequest(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    } catch (error) {
      received.error = String(error);
      return answer(400, { message: received.error });
    }
    answer(200, { partialSuccess: {} });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    exports,
    failNext: (status, count) => {
      failures = { status, count };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
