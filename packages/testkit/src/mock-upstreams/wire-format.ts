import type { MockReply, MockRequest } from './mock-reply.ts';

/** One server-sent event the mock writes. */
export interface StreamEvent {
  /** SSE `event:` field, for formats that name their events. */
  event?: string;
  data: string;
  /** Carries generated content (text, reasoning or tool arguments); `cutAfter` counts these. */
  content?: boolean;
  /** Part of the clean ending (finish, usage, `[DONE]`); `truncate` drops these. */
  final?: boolean;
  /** Binary framing of `data` for formats without SSE (Bedrock); also frames `malformed` garbage. */
  frame?: (data: string) => Uint8Array;
}

/** One provider's wire format: how to read its requests and write its responses. */
export interface WireFormat {
  name: string;
  /** Whether a request path belongs to this format. */
  matches(pathname: string): boolean;
  /** The model may still carry a `~scenario` suffix; the server strips it. */
  parseRequest(body: unknown, url: URL): MockRequest;
  /** The message of the 400 the provider answers a request it refuses with, e.g. a bad prefill. */
  rejectRequest?(request: MockRequest): string | undefined;
  renderResponse(reply: MockReply, request: MockRequest): unknown;
  renderStream(reply: MockReply, request: MockRequest): StreamEvent[];
  /** The provider's error body for a status; `message` overrides its usual text. */
  renderError(status: number, message?: string): unknown;
  /** Response headers the real provider sends, e.g. its request id. */
  responseHeaders(replyId: string): Record<string, string>;
  /** Line ending of the event stream (Gemini separates events with CRLF). */
  lineEnding: '\n' | '\r\n';
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A UUID-shaped id derived from the reply id, for providers whose ids are UUIDs. */
export function uuidFor(replyId: string): string {
  const digits = replyId.replace(/\D/g, '').padStart(12, '0').slice(-12);
  return `6d6f636b-0000-4000-8000-${digits}`;
}
