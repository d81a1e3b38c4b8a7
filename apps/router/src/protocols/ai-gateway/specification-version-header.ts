import type { MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../../context.ts';
import {
  type ModelKind,
  specificationHeader,
  supportedSpecificationVersion,
} from './ai-gateway-headers.ts';

/**
 * Answers `ai-<kind>-model-specification-version` with the version this gateway served (errors
 * included), so a client of another specification sees what it reached without parsing bodies.
 * @example routes.post('/image-model', specificationVersionHeader('image'), auth, imageModelRoute);
 */
export const specificationVersionHeader = (
  kind: ModelKind | 'language',
): MiddlewareHandler<RouterEnv> => {
  const name = specificationHeader(kind);
  return async function specificationVersionHeader(c, next) {
    await next();
    c.res.headers.set(name, supportedSpecificationVersion);
  };
};
