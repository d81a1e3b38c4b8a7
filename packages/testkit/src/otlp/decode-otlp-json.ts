/** A span as an OTLP/HTTP JSON export carried it, decoded into plain values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, unknown>;
  status: { code: number; message?: string };
  resource: Record<string, unknown>;
  scope: string;
}

type Json = Record<string, unknown>;

/**
 * Decodes an `ExportTraceServiceRequest` in the OTLP JSON encoding (hex ids, nanosecond times as
 * decimal strings, enums as numbers); throws a `TypeError` naming the first thing that is not.
 * @example const spans = decodeTraceRequest(JSON.parse(body));
 */
export function decodeTraceRequest(body: unknown): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of list(object(body, 'request').resourceSpans, 'resourceSpans')) {
    const entry = object(resourceSpans, 'resourceSpans[]');
    const resource = keyValues(
      object(entry.resource ?? {}, 'resource').attributes ?? [],
      'resource',
    );
    for (const scopeSpans of list(entry.scopeSpans, 'scopeSpans')) {
      const scopeEntry = object(scopeSpans, 'scopeSpans[]');
      const scope = String(object(scopeEntry.scope ?? {}, 'scope').name ?? '');
      for (const raw of list(scopeEntry.spans, 'spans'))
        spans.push({ ...span(object(raw, 'span')), resource, scope });
    }
  }
  return spans;
}

function span(raw: Json): Omit<ReceivedSpan, 'resource' | 'scope'> {
  const status = object(raw.status ?? {}, 'status');
  const parent = raw.parentSpanId;
  const decoded: Omit<ReceivedSpan, 'resource' | 'scope'> = {
    traceId: hex(raw.traceId, 32, 'traceId'),
    spanId: hex(raw.spanId, 16, 'spanId'),
    name: text(raw.name, 'name'),
    kind: integer(raw.kind ?? 0, 'kind'),
    startTimeUnixNano: nanos(raw.startTimeUnixNano, 'startTimeUnixNano'),
    endTimeUnixNano: nanos(raw.endTimeUnixNano, 'endTimeUnixNano'),
    attributes: keyValues(raw.attributes ?? [], 'attributes'),
    status: {
      code: integer(status.code ?? 0, 'status.code'),
      ...(typeof status.message === 'string' && { message: status.message }),
    },
  };
  if (parent !== undefined && parent !== '') decoded.parentSpanId = hex(parent, 16, 'parentSpanId');
  return decoded;
}

function keyValues(raw: unknown, where: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const item of list(raw, where)) {
    const pair = object(item, `${where}[]`);
    result[text(pair.key, `${where}.key`)] = anyValue(object(pair.value, `${where}.value`), where);
  }
  return result;
}

function anyValue(value: Json, where: string): unknown {
  if ('stringValue' in value) return text(value.stringValue, where);
  if ('boolValue' in value) return value.boolValue === true;
  if ('intValue' in value)
    return integer(
      typeof value.intValue === 'string' ? Number(value.intValue) : value.intValue,
      where,
    );
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value) {
    return list(object(value.arrayValue, where).values ?? [], where).map((item) =>
      anyValue(object(item, where), where),
    );
  }
  if ('kvlistValue' in value)
    return keyValues(object(value.kvlistValue, where).values ?? [], where);
  throw new TypeError(`${where}: an AnyValue of no known kind`);
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${where}: not an object`);
  return value as Json;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${where}: not an array`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new TypeError(`${where}: not a string`);
  return value;
}

function integer(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new TypeError(`${where}: not an integer`);
  return value;
}

function hex(value: unknown, length: number, where: string): string {
  const string = text(value, where);
  if (!new RegExp(`^[0-9a-f]{${length}}$`).test(string))
    throw new TypeError(`${where}: not ${length} hex digits`);
  return string;
}

function nanos(value: unknown, where: string): bigint {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`${where}: not a time in nanoseconds`);
}
