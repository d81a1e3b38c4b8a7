import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';
import { InvalidRequestError } from '../errors/index.ts';

/**
 * Reads a JSON request body of at most `maxBytes` into `c.var.body`, counting bytes as they
 * arrive so a body without Content-Length cannot exceed the limit either.
 */
export const jsonBody = (maxBytes: number): MiddlewareHandler<RouterEnv> =>
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
    // A declared length within the limit is read whole; otherwise bytes are counted as they come.
    const text = Number.isInteger(declared)
      ? await c.req.raw.text()
      : await readText(c.req.raw.body, maxBytes);
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

function tooLarge(maxBytes: number) {
  return new InvalidRequestError({
    message: `The request body is larger than the limit of ${maxBytes} bytes.`,
    statusCode: 413,
    code: 'request_too_large',
  });
}
