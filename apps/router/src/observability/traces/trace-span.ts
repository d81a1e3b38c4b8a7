/** An attribute value as OTLP carries it. */
export type AttributeValue = string | number | boolean | string[];

/** One span, as plain values; `otlp-json.ts` writes it out. */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'server' | 'client';
  /** Epoch ms, fractions allowed. */
  startMs: number;
  endMs: number;
  attributes: Record<string, AttributeValue>;
  status: { code: 'unset' | 'error'; message?: string };
}
