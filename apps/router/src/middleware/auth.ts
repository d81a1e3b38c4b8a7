import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../context.ts';
import { AuthenticationError } from '../errors/index.ts';

const encoder = new TextEncoder();

/** Accepts `Authorization: Bearer <adminKey>`; compares digests so timing says nothing. */
export const adminKeyAuth = (adminKey: string | undefined): MiddlewareHandler<RouterEnv> => {
  const expected = adminKey === undefined || adminKey === '' ? undefined : digest(adminKey);
  return async function adminKeyAuth(c, next) {
    const header = c.req.header('authorization');
    const presented = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (presented === undefined) throw new AuthenticationError();
    if (expected === undefined || !equalBytes(await expected, await digest(presented))) {
      throw new AuthenticationError('Invalid API key.');
    }
    await next();
  };
};

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

function equalBytes(left: Uint8Array, right: Uint8Array): boolean {
  let difference = left.length ^ right.length;
  for (let index = 0; index < left.length; index++)
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}
