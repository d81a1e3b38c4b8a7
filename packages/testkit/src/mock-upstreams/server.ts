import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicMessages } from './anthropic-messages.ts';
import { baseURLsFor, type MockBaseURLs } from './base-urls.ts';
import { bedrockConverse } from './bedrock-converse.ts';
import { bedrockEmbeddings } from './bedrock-embeddings.ts';
import { cohereChat } from './cohere-chat.ts';
import { cohereEmbed } from './cohere-embed.ts';
import { pause, untilAborted, writeEventStream } from './event-stream.ts';
import { gemini } from './gemini.ts';
import type { JsonRecord } from './json-values.ts';
import { isRecord } from './json-values.ts';
import { mistralChat } from './mistral-chat.ts';
import type { MockRequest } from './mock-reply.ts';
import { planReply } from './mock-reply.ts';
import { openaiChat } from './openai-chat.ts';
import { cerebrasChat, deepseekChat, groqChat, perplexityChat } from './openai-chat-dialects.ts';
import { openaiEmbeddings } from './openai-embeddings.ts';
import { renderOpenAIError } from './openai-error.ts';
import { openaiImages } from './openai-images.ts';
import { openaiResponses } from './openai-responses.ts';
import type { Scenario } from './scenario.ts';
import {
  mockScenarioHeader,
  parseScenario,
  ScenarioSyntaxError,
  splitModelScenario,
} from './scenario.ts';
import type { WireFormat } from './wire-format.ts';

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Query string including `?`, or `''`. */
  search: string;
  headers: Record<string, string>;
  /** Parsed JSON body; `{}` when the body was not a JSON object. */
  body: JsonRecord;
  /** Model without its `~scenario` suffix, once the request was understood. */
  model: string | undefined;
  /** Scenario text from the header and the model suffix, comma-joined. */
  scenario: string;
}

export interface MockUpstreamOptions {
  port?: number;
  host?: '127.0.0.1' | 'localhost' | '::1';
}

export interface MockUpstream {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Base URLs to hand to the AI SDK providers (openai-compatible uses `openai`). */
  readonly baseURLs: MockBaseURLs;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Requests per path, e.g. `{ '/v1/chat/completions': 2 }`. */
  readonly requestCounts: Record<string, number>;
  /** Requests whose client disconnected before the response finished. */
  readonly aborted: number;
  /** Forgets requests, counters and `failFirst` progress. */
  reset(): void;
  close(): Promise<void>;
}

// Chat dialects come before OpenAI Chat: all end in `/chat/completions`, dialects under a prefix.
const wireFormats: WireFormat[] = [
  mistralChat,
  groqChat,
  cerebrasChat,
  deepseekChat,
  perplexityChat,
  openaiChat,
  openaiResponses,
  openaiEmbeddings,
  openaiImages,
  anthropicMessages,
  gemini,
  bedrockConverse,
  bedrockEmbeddings,
  cohereChat,
  cohereEmbed,
];

interface MockState {
  requests: RecordedRequest[];
  aborted: number;
  sequence: number;
  /** Requests seen per scenario text, for `failFirst`. */
  failures: Map<string, number>;
}

/**
 * Starts one HTTP server speaking the OpenAI (Chat and Responses), Anthropic and Gemini wire formats.
 * @example
 * const upstream = await startMockUpstream();
 * const openai = createOpenAI({ baseURL: upstream.baseURLs.openai, apiKey: 'test' });
 * await openai.chat('gpt-4o~status=503').doGenerate({ prompt }); // rejects with a 503 APICallError
 */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const state: MockState = { requests: [], aborted: 0, sequence: 0, failures: new Map() };
  const server = createServer((request, response) => {
    handleRequest(request, response, state).catch(() => response.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    baseURLs: baseURLsFor(url),
    get requests() {
      return state.requests;
    },
    get requestCounts() {
      const counts: Record<string, number> = {};
      for (const { path } of state.requests) counts[path] = (counts[path] ?? 0) + 1;
      return counts;
    },
    get aborted() {
      return state.aborted;
    },
    reset() {
      state.requests.length = 0;
      state.aborted = 0;
      state.sequence = 0;
      state.failures.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(request: IncomingMessage, response: ServerResponse, state: MockState) {
  const controller = new AbortController();
  let cutOnPurpose = false;
  response.on('close', () => {
    if (!response.writableFinished && !cutOnPurpose) state.aborted++;
    controller.abort();
  });
  const accepted = await acceptRequest(request, response, state);
  if (accepted === undefined) return;
  await respond(response, accepted, state, {
    signal: controller.signal,
    onCut: () => {
      cutOnPurpose = true;
    },
  });
}

interface AcceptedRequest {
  format: WireFormat;
  request: MockRequest;
  scenario: Scenario;
  sequence: number;
}

/** Records the request and reads its format, model and scenario; answers 404 or 400 itself. */
async function acceptRequest(
  request: IncomingMessage,
  response: ServerResponse,
  state: MockState,
): Promise<AcceptedRequest | undefined> {
  const url = new URL(request.url ?? '/', 'http://mock');
  const body = parseJson(await readBody(request));
  const recorded: RecordedRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    search: url.search,
    headers: flattenHeaders(request.headers),
    body: isRecord(body) ? body : {},
    model: undefined,
    scenario: '',
  };
  state.requests.push(recorded);
  const sequence = ++state.sequence;
  const format = wireFormats.find((candidate) => candidate.matches(url.pathname));
  if (format === undefined || request.method !== 'POST') {
    sendJson(response, 404, renderOpenAIError(404, `No mock route for ${url.pathname}`));
    return undefined;
  }
  if (!isRecord(body)) {
    sendJson(response, 400, format.renderError(400, 'The request body is not a JSON object.'));
    return undefined;
  }
  const parsed = format.parseRequest(body, url);
  const { model, scenario: modelScenario } = splitModelScenario(parsed.model);
  recorded.model = model;
  const rejection = format.rejectRequest?.({ ...parsed, model });
  if (rejection !== undefined) {
    sendJson(response, 400, format.renderError(400, rejection));
    return undefined;
  }
  try {
    const scenario = parseScenario(recorded.headers[mockScenarioHeader] ?? '', modelScenario);
    recorded.scenario = scenario.key;
    return { format, request: { ...parsed, model }, scenario, sequence };
  } catch (error) {
    if (!(error instanceof ScenarioSyntaxError)) throw error;
    sendJson(response, 400, format.renderError(400, error.message));
    return undefined;
  }
}

/** Applies the scenario's delays and faults, then answers in the request's wire format. */
async function respond(
  response: ServerResponse,
  { format, request, scenario, sequence }: AcceptedRequest,
  state: MockState,
  { signal, onCut }: { signal: AbortSignal; onCut: () => void },
) {
  const retryAfter: Record<string, string> =
    scenario.retryAfterSeconds === undefined
      ? {}
      : { 'retry-after': String(scenario.retryAfterSeconds) };
  if (!(await pause(scenario.latencyMs, signal))) return;
  if (scenario.hang) return untilAborted(signal);
  const status = failingStatus(scenario, state.failures);
  if (status !== undefined) {
    return sendJson(response, status, format.renderError(status), retryAfter);
  }
  const reply = planReply(request, scenario, sequence);
  const headers = { ...format.responseHeaders(reply.id), ...retryAfter };
  if (!request.stream) {
    if (!(await pause(scenario.timeToFirstTokenMs, signal))) return;
    if (scenario.malformed) return sendText(response, 200, '{"id": "broken', headers);
    return sendJson(response, 200, format.renderResponse(reply, request), headers);
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...headers,
  });
  response.flushHeaders();
  const events = format.renderStream(reply, request);
  await writeEventStream(response, events, {
    scenario,
    lineEnding: format.lineEnding,
    signal,
    onCut,
  });
}

/** `failFirst=n` fails only the first n requests carrying the same scenario text. */
function failingStatus(scenario: Scenario, failures: Map<string, number>): number | undefined {
  if (scenario.failFirst === undefined) return scenario.status;
  const seen = failures.get(scenario.key) ?? 0;
  failures.set(scenario.key, seen + 1);
  return seen < scenario.failFirst ? (scenario.status ?? 503) : undefined;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  sendText(response, status, JSON.stringify(body), headers);
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(text);
}
