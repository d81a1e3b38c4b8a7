/**
 * What a proper refusal looks like, for every API the router serves: the status asked for, the
 * error envelope of that API with its own `type` names, the router's own request id, an `allow`
 * header on a 405, and nothing a client must not see (keys, stack traces).
 */

/** Which API's error envelope an answer must be in. */
export type Envelope = 'openai' | 'anthropic' | 'gateway';

/** The OpenAI `type` names the router uses (and OpenAI's clients map to their errors). */
const openAITypes = new Set([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'rate_limit_error',
  'insufficient_budget',
  'api_error',
  'upstream_error',
  'timeout_error',
]);
/** The names `@ai-sdk/gateway` turns into its typed errors (never `authentication_error`). */
const gatewayTypes = new Set([
  'invalid_request_error',
  'rate_limit_exceeded',
  'forbidden',
  'model_not_found',
  'not_found',
  'internal_server_error',
]);
/** The Anthropic API's error types, which its SDKs turn into typed errors. */
const anthropicTypes = new Set([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'timeout_error',
  'overloaded_error',
]);

export interface ErrorEnvelope {
  error: { message: string; type: string; param: unknown; code: string | null };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{error:{message,type,param,code}}` and nothing else at the top. */
export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (!isRecord(value) || Object.keys(value).join() !== 'error') return false;
  const { error } = value;
  return (
    isRecord(error) &&
    typeof error.message === 'string' &&
    error.message !== '' &&
    typeof error.type === 'string' &&
    'param' in error &&
    (typeof error.code === 'string' || error.code === null)
  );
}

/** What is wrong with `body` as an error in `envelope`'s shape and names, if anything. */
export function envelopeProblem(envelope: Envelope, body: unknown): string | undefined {
  if (envelope === 'anthropic') {
    const error = isRecord(body) ? body.error : undefined;
    if (!isRecord(body) || body.type !== 'error' || !isRecord(error)) {
      return 'not in the Anthropic envelope';
    }
    if (typeof error.message !== 'string' || error.message === '') return 'without a message';
    return anthropicTypes.has(String(error.type)) ? undefined : `Anthropic type ${error.type}`;
  }
  if (!isErrorEnvelope(body)) return `not in the ${envelope} envelope`;
  const types = envelope === 'gateway' ? gatewayTypes : openAITypes;
  return types.has(body.error.type) ? undefined : `${envelope} type ${body.error.type}`;
}

/** Secrets of the test configurations: none may appear in any answer. */
export const hostileSecrets = ['sk-test-admin', 'sk-upstream-hostile-secret'];

/** A stack frame (`at fn (file.ts:1:2)`) or a source path: internals that must stay in the log. */
const internals = /\bat .*:\d+:\d+|node_modules|\.ts:\d+|\/src\//;

const requestIdPattern = /^req_[0-9a-f]{32}$/;
/** Sent by the `forged request id` requests: the router must answer with ids of its own. */
export const forgedRequestId = `req_${'f'.repeat(32)}`;

export interface Answer {
  status: number;
  header: (name: string) => string | null | undefined;
  body: string;
}

export interface Expected {
  /** The status the router must answer; any 4xx when unset. */
  status?: number;
  envelope?: Envelope;
  /** The `allow` header a 405 must carry. */
  allow?: string;
  /** False where a client only reaches the HTTP parser (no request id then). */
  routed?: boolean;
  /** A request the router may serve: an answer other than a 5xx, and a refusal in the envelope. */
  answered?: boolean;
}

/** What is wrong with `answer` as the refusal `expected` describes, or undefined when nothing. */
export function answerProblem(expected: Expected, answer: Answer): string | undefined {
  const wanted = expected.status === undefined ? 'a 4xx' : String(expected.status);
  const preview = answer.body.slice(0, 160);
  if (expected.status !== undefined && answer.status !== expected.status) {
    return `${answer.status}, wanted ${wanted}: ${preview}`;
  }
  if (expected.answered === true && answer.status < 400) return undefined;
  if (answer.status < 400 || answer.status >= 500)
    return `${answer.status}, wanted ${wanted}: ${preview}`;
  const leaked = hostileSecrets.find((secret) => answer.body.includes(secret));
  if (leaked !== undefined) return `${answer.status} repeats a secret: ${preview}`;
  if (internals.test(answer.body)) return `${answer.status} shows internals: ${preview}`;
  if (expected.allow !== undefined && answer.header('allow') !== expected.allow) {
    return `${answer.status} with allow ${answer.header('allow')}, wanted ${expected.allow}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return `${answer.status} without a JSON body: ${answer.body.slice(0, 80)}`;
  }
  const problem = envelopeProblem(expected.envelope ?? 'openai', body);
  if (problem !== undefined) return `${answer.status} ${problem}: ${preview}`;
  return expected.routed === false ? undefined : requestIdProblem(expected, answer, body);
}

/** Every routed answer carries one request id of the router's making, whatever the client sent. */
function requestIdProblem(expected: Expected, answer: Answer, body: unknown): string | undefined {
  const id = answer.header('x-switchyard-request-id') ?? '';
  if (!requestIdPattern.test(id) || id === forgedRequestId) {
    return `${answer.status} with request id ${id.slice(0, 60)}`;
  }
  const others = [answer.header('x-request-id')];
  if (expected.envelope === 'anthropic') {
    others.push(answer.header('request-id'));
    const inBody = isRecord(body) ? body.request_id : undefined;
    if (inBody !== undefined) others.push(String(inBody));
  }
  const mismatch = others.findIndex((value) => value !== id);
  return mismatch === -1 ? undefined : `${answer.status} with request ids ${others.join(', ')}`;
}
