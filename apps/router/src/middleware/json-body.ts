import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';
import { GatewayError, InvalidRequestError } from '../errors/index.ts';

/** Far deeper than any real request; recursive code below (zod, canonical JSON) stays safe. */
export const maxJsonDepth = 64;

/**
 * Reads a JSON request body of at most `maxBytes` and `maxDepth` levels of nesting into
 * `c.get('body')`, counting bytes as they arrive so a body without Content-Length cannot exceed
 * the limit either.
 */
export const jsonBody = (
  maxBytes: number,
  maxDepth: number = maxJsonDepth,
): MiddlewareHandler<RouterEnv> =>
  async function jsonBody(c, next) {
    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new InvalidRequestError({
        message: 'The request body must be JSON: send `Content-Type: application/json`.',
        statusCode: 415,
        code: 'unsupported_media_type',
      });
    }
    const length = c.req.header('content-length');
    const declared = length === undefined ? Number.NaN : Number(length);
    if (declared > maxBytes) throw tooLarge(maxBytes);
    const text = await readBody(c.req.raw, Number.isInteger(declared), maxBytes);
    if (exceedsJsonDepth(text, maxDepth)) throw tooDeep(maxDepth);
    try {
      c.set('body', JSON.parse(text));
    } catch {
      throw new InvalidRequestError({
        message: 'The request body is not valid JSON.',
        code: 'invalid_json',
      });
    }
    await next();
  };

/** A body that stops arriving means the client went away: not a server error, nobody to answer. */
async function readBody(request: Request, declared: boolean, maxBytes: number): Promise<string> {
  try {
    // A declared length within the limit is read whole; otherwise bytes are counted as they come.
    return declared ? await request.text() : await readText(request.body, maxBytes);
  } catch (error) {
    if (GatewayError.isInstance(error)) throw error;
    throw new InvalidRequestError({
      message: 'The client closed the connection before its request body arrived.',
      statusCode: 499,
      code: 'client_closed_request',
    });
  }
}

const openBrackets = new Set([0x5b, 0x7b]);
const closeBrackets = new Set([0x5d, 0x7d]);

/**
 * True when JSON text nests arrays and objects deeper than `maxDepth`: one pass over the
 * characters, skipping strings, so the check itself cannot overflow the stack.
 * @example exceedsJsonDepth('[[1]]', 1) // true
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (openBrackets.has(code)) {
      if (++depth > maxDepth) return true;
    } else if (closeBrackets.has(code)) {
      depth--;
    }
  }
  return false;
}

async function readText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string> {
  if (body === null) return '';
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

function tooDeep(maxDepth: number) {
  return new InvalidRequestError({
    message: `The request body nests JSON deeper than the limit of ${maxDepth} levels.`,
    code: 'json_too_deep',
  });
}

function tooLarge(maxBytes: number) {
  return new InvalidRequestError({
    message: `The request body is larger than the limit of ${maxBytes} bytes.`,
    statusCode: 413,
    code: 'request_too_large',
  });
}
