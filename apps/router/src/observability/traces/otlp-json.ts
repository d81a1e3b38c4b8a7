import type { AttributeValue, TraceSpan } from './trace-span.ts';

const kinds = { server: 2, client: 3 } as const;
const statusCodes = { unset: 0, error: 2 } as const;

/**
 * An OTLP/HTTP JSON `ExportTraceServiceRequest` of spans from one resource: ids in hex, times as
 * decimal strings of nanoseconds, enums as numbers, as the OTLP JSON encoding asks.
 * @example await fetch(url, { method: 'POST', body: JSON.stringify(encodeSpans(resource, spans)) });
 */
export function encodeSpans(resource: Record<string, string>, spans: readonly TraceSpan[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes(resource) },
        scopeSpans: [
          {
            scope: { name: 'switchyard' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId !== undefined && { parentSpanId: span.parentSpanId }),
              name: span.name,
              kind: kinds[span.kind],
              startTimeUnixNano: nanos(span.startMs),
              endTimeUnixNano: nanos(Math.max(span.startMs, span.endMs)),
              attributes: attributes(span.attributes),
              status: {
                code: statusCodes[span.status.code],
                ...(span.status.message !== undefined && { message: span.status.message }),
              },
            })),
          },
        ],
      },
    ],
  };
}

function attributes(values: Readonly<Record<string, AttributeValue>>) {
  return Object.entries(values).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function anyValue(value: AttributeValue): Record<string, unknown> {
  if (Array.isArray(value))
    return { arrayValue: { values: value.map((item) => ({ stringValue: item })) } };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

/**
 * Epoch ms as a decimal string of nanoseconds, to the microsecond (a double holds epoch ms to a
 * few hundred nanoseconds, and could not hold the nanoseconds at all).
 * @example nanos(1.5) // '1500000'
 */
export function nanos(ms: number): string {
  let whole = Math.floor(ms);
  let micros = Math.round((ms - whole) * 1_000);
  if (micros === 1_000) {
    whole += 1;
    micros = 0;
  }
  const fraction = `${String(micros).padStart(3, '0')}000`;
  return whole === 0 ? String(Number(fraction)) : `${whole}${fraction}`;
}
