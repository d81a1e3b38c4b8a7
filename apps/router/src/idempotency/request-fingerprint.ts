import { canonicalJson } from '../cache/canonical-json.ts';
import { sha256Hex } from '../hashing/hex-digests.ts';

/**
 * Request headers that are part of the call in some protocol: the model and streaming flag of
 * the AI SDK gateway protocol, the API version and betas of Anthropic's. Credentials, retry
 * counters, cache directives and tracing headers are not: a retry may change them.
 */
const callHeaders = [
  'ai-language-model-id',
  'ai-language-model-streaming',
  'ai-model-id',
  'anthropic-version',
  'anthropic-beta',
] as const;

export interface FingerprintedRequest {
  method: string;
  /** Without the query: Anthropic clients add `?beta=true` to some calls and not others. */
  path: string;
  header: (name: string) => string | undefined;
  /** The parsed JSON body: the same JSON with its keys in another order is the same request. */
  body: unknown;
}

/**
 * What "the same request" means for an idempotency key: method, path, the call's headers and
 * the body, hashed (SHA-256, hex). A retry gives the same fingerprint; any other request, on
 * another route or with another model or body, a different one.
 * @example fingerprintRequest({ method: 'POST', path: '/v1/embeddings', header, body })
 */
export function fingerprintRequest(request: FingerprintedRequest): string {
  const headers = Object.fromEntries(
    callHeaders.flatMap((name) => {
      const value = request.header(name)?.trim();
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const material = canonicalJson({
    method: request.method.toUpperCase(),
    path: request.path,
    headers,
    body: request.body,
  });
  return sha256Hex(material);
}
