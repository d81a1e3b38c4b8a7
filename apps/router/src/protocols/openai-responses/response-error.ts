import { GatewayError } from '../../errors/index.ts';
import type { ResponseError } from './response-object.ts';

/**
 * The `error` of a failed response, with the codes OpenAI uses there and Codex acts on:
 * `context_length_exceeded` (compact the conversation), `rate_limit_exceeded` (retry, after
 * the "try again in Ns" the message gives), `insufficient_quota` (stop), else `server_error`.
 * @example responseErrorOf(new StreamInterruptedError()) // { code: 'server_error', message }
 */
export function responseErrorOf(error: unknown): ResponseError {
  if (!GatewayError.isInstance(error)) {
    return { code: 'server_error', message: 'The response failed in the gateway.' };
  }
  const cause = GatewayError.isInstance(error.cause) ? error.cause : error;
  const code = codeOf(cause);
  const retryAfterMs = (cause as { retryAfterMs?: unknown }).retryAfterMs;
  const retry =
    code === 'rate_limit_exceeded' && typeof retryAfterMs === 'number'
      ? ` Please try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))}s.`
      : '';
  return { code, message: `${error.message}${retry}` };
}

function codeOf(error: GatewayError): string {
  if (error.code === 'context_length_exceeded') return 'context_length_exceeded';
  // A guardrail block names itself, as it does in every other API's envelope.
  if (error.code === 'guardrail_violation') return 'guardrail_violation';
  if (error.statusCode === 429 || error.type === 'rate_limit_error') return 'rate_limit_exceeded';
  if (error.statusCode === 402 || error.type === 'insufficient_budget') return 'insufficient_quota';
  return 'server_error';
}
