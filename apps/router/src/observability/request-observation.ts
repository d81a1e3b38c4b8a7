import type { RouteFacts } from '../facts/route-facts.ts';
import type { Principal } from '../governance/principal.ts';

/**
 * Everything the router saw of one request once it was over, as plain values: the protocol
 * layer's part (path, status, timings) and the pipeline's (the route facts). The request log,
 * the request record, the rollups and the trace are all made from it.
 */
export interface RequestObservation {
  requestId: string;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  method: string;
  path: string;
  httpStatus: number;
  /** The error the request ended with, as its envelope named it. */
  error?: { type: string; code: string | null };
  principal?: Principal;
  /** Present once the request reached routing (inference requests past auth and parsing). */
  facts?: RouteFacts;
  stream: boolean;
  /** The client stopped reading before the end of the body. */
  cancelled: boolean;
  /** Until the last byte for streams, until the response otherwise. */
  durationMs: number;
  /** Streams: until the response (and so the first content) was ready to send. */
  firstTokenMs?: number;
  /** The W3C `traceparent` the request came with, if any. */
  traceparent?: string;
  /** The parsed request body; read only to put prompts in traces when the operator opts in. */
  body?: unknown;
}
