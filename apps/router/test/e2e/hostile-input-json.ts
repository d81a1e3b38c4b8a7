/** What the hostile-input tables know of a JSON route, and the markers they write into bodies. */
import type { Envelope } from './hostile-input-answers.ts';

export const json = { 'content-type': 'application/json' };

// Markers replaced in the JSON text, for values JSON.stringify cannot write.
export const nest = '__deep__';
export const deepMarker = `"${nest}"`;
export const hugeMarker = '"__huge__"';
export const deep = '['.repeat(10_000) + ']'.repeat(10_000);

export interface JsonRoute {
  route: string;
  path: string;
  /** The API whose error envelope every refusal must be in. */
  envelope: Envelope;
  /** The method of a valid request; `POST` when unset. */
  method?: string;
  /** The methods the path takes (its 405s say so in `allow`); `method` when unset. */
  allow?: string;
  headers: Record<string, string>;
  valid: Record<string, unknown>;
  /** Where a client's nested JSON goes. */
  nestable: Record<string, unknown>[];
  /** Numeric fields: each becomes 1e999, -1e999 and a 30-digit integer. */
  numbers: string[];
  /** Bodies of the wrong type or out of range; strings are sent as they are. */
  wrongTypes: (Record<string, unknown> | string)[];
  /** The valid body with request metadata (JSON text), for routes that read it in the body. */
  withMetadata?: (metadata: string) => string;
  /** How this route is told which model to call; model calls only. */
  withModel?: (model: string) => { headers: Record<string, string>; body: string };
  /** False for a route that names a model but calls none (no `Idempotency-Key`, no provider keys). */
  callsModel?: boolean;
  /** Headers this route reads, each given 12 KB of text (it must refuse, not choke). */
  readHeaders?: string[];
}

export const prompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

/** `body` as JSON text with one more field whose value is given as JSON text. */
export function withField(body: Record<string, unknown>, name: string, value: string): string {
  return `${JSON.stringify(body).slice(0, -1)},${JSON.stringify(name)}:${value}}`;
}
