import type { GuardrailAction } from '../facts/route-facts.ts';

/**
 * What the store keeps of one request, and what `GET /api/v1/requests` lists: the route facts,
 * who asked, timings, tokens and cost. Never bodies or keys (only a key's masked label and hash).
 * Field names are the API's (snake_case), so a stored record is served as it is.
 */
export interface RequestRecord {
  /** The `x-switchyard-request-id`; its first 12 hex digits are the start time (epoch ms). */
  id: string;
  /** When the request arrived (ISO 8601). */
  time: string;
  endpoint: string;
  key: RecordKey;
  /** The key's team, or null. */
  team: string | null;
  requested_model: string;
  /** The `provider/model` that finished the answer, or null when none did. */
  model: string | null;
  provider: string | null;
  route: RecordRoute;
  /** The final outcome: a stream that broke after it started is an `error`, whatever the status line. */
  status: RecordStatus;
  /** The status line the client got (200 for a stream that started, even if it broke later). */
  http_status: number;
  error_type: string | null;
  error_code: string | null;
  /** A stream broke off after it started (then continued on another target, or failed). */
  interrupted: boolean;
  /** Another target took over a broken stream. */
  continued: boolean;
  stream: boolean;
  cache: 'HIT' | 'MISS' | 'BYPASS';
  tokens: RecordTokens;
  /** US dollars; null when the model has no price. */
  cost: number | null;
  /** On a cache hit: what the answer cost when it was made. */
  saved_cost: number | null;
  /** Until the last byte. */
  latency_ms: number;
  /** Streams: until the first content reached the client. */
  first_token_ms: number | null;
  /** From the first content to the end (streams), or the serving attempt's time. */
  generation_ms: number | null;
  finish_reason: string | null;
  /** Guardrail actions taken on this request (never the matched text). */
  guardrails?: GuardrailAction[];
}

export type RecordStatus = 'success' | 'error' | 'cancelled';

/**
 * Who called: `id` is what rollups group by (the key's scope, which a rotated key keeps),
 * `label` the masked key, `hash` the HMAC of the very key used.
 */
export interface RecordKey {
  id: string;
  label: string;
  hash: string | null;
  scope: string | null;
}

export interface RecordTokens {
  input: number;
  output: number;
  cached: number;
  reasoning: number;
}

export interface RecordRoute {
  alias: string | null;
  rule: number | null;
  reason: string | null;
  targets: string[];
  scores?: Record<string, number>;
  skipped: { target: string; reason: string }[];
  attempts: RecordAttempt[];
  segments: RecordSegment[];
  /** The same explanation as the `x-switchyard-route` header. */
  summary: string;
}

/**
 * One try of one target. `interrupted`: it started streaming, then broke off; `cancelled`: the
 * client left while it streamed.
 */
export interface RecordAttempt {
  target: string;
  outcome: 'ok' | 'error' | 'interrupted' | 'cancelled';
  status: number | null;
  code: string | null;
  duration_ms: number;
  /** Epoch ms when it started, where known. */
  start_ms: number | null;
}

export interface RecordSegment {
  target: string;
  outcome: 'ok' | 'error' | 'cancelled';
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  /** Its usage was estimated (it broke off before the provider reported any). */
  estimated: boolean;
  /** Epoch ms when it ended, where known. */
  end_ms: number | null;
}
