import { encodeSpans } from './otlp-json.ts';
import type { TraceSpan } from './trace-span.ts';

export interface OtlpExporterOptions {
  url: string;
  headers: Record<string, string>;
  resource: Record<string, string>;
  /** The runtime's fetch (the stock OTLP exporter needs XMLHttpRequest, which Workers lack). */
  fetch: typeof fetch;
  timeoutMs: number;
  batch: { delayMs: number; maxSpans: number; maxQueue: number };
  /** Hears each failed export (rate-limited by the caller if it logs). */
  onError?: (error: unknown) => void;
}

/** Hands spans over; resolves once the request that carried them was answered (or failed). */
export type ExportSpans = (spans: TraceSpan[]) => Promise<void>;

/**
 * A small OTLP/HTTP JSON exporter over `fetch`, the same on Node and Workers. Spans wait up to
 * `delayMs` to go out together (at most `maxSpans` per request); past `maxQueue` waiting spans,
 * new ones are dropped rather than held. The promise lets a Worker keep the export in waitUntil.
 * @example const exportSpans = createOtlpExporter({ url, headers, resource, fetch, timeoutMs, batch });
 */
export function createOtlpExporter(options: OtlpExporterOptions): ExportSpans {
  const { batch } = options;
  const queue: TraceSpan[] = [];
  let scheduled: Promise<void> | undefined;

  async function send(spans: TraceSpan[]): Promise<void> {
    try {
      const response = await options.fetch(options.url, {
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/json' },
        body: JSON.stringify(encodeSpans(options.resource, spans)),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
      if (!response.ok)
        options.onError?.(new Error(`The OTLP endpoint answered ${response.status}.`));
    } catch (error) {
      options.onError?.(error);
    }
  }

  async function flush(): Promise<void> {
    const sending: Promise<void>[] = [];
    while (queue.length > 0) sending.push(send(queue.splice(0, batch.maxSpans)));
    await Promise.all(sending);
  }

  return function exportSpans(spans) {
    if (queue.length + spans.length > batch.maxQueue) return Promise.resolve();
    queue.push(...spans);
    if (queue.length >= batch.maxSpans) return flush();
    scheduled ??= new Promise<void>((resolve) => {
      setTimeout(() => {
        scheduled = undefined;
        flush().then(resolve);
      }, batch.delayMs);
    });
    return scheduled;
  };
}
