import type { Context } from 'hono';
import type { CacheRequest } from '../cache/cache-decision.ts';
import { type RouterEnv, waitUntil } from '../context.ts';
import { startFacts } from '../facts/route-facts.ts';
import type { RouteRequest } from '../pipeline/route-request.ts';
import type { RequestControls } from '../routing/request-controls.ts';
import { refuseMalformedInlineData } from './refuse-malformed-inline-data.ts';

/**
 * Where the Hono context stops: the protocol layer hands the pipeline a plain request, and the
 * route facts it fills are what the header and log middleware read. Every protocol's call
 * passes here, so inline file bytes are checked here once, before any target sees them.
 */
export function routeRequestFrom<Call extends object>(
  c: Context<RouterEnv>,
  parsed: { model: string; call: Call; controls: RequestControls; cache?: CacheRequest },
): RouteRequest<Call> {
  refuseMalformedInlineData(parsed.call);
  const facts = startFacts(parsed.model);
  c.set('route', facts);
  return {
    tenant: c.get('tenant'),
    principal: c.get('principal'),
    model: parsed.model,
    call: parsed.call,
    controls: parsed.controls,
    cache: parsed.cache ?? {},
    signal: c.req.raw.signal,
    registry: c.get('registry'),
    requestKeyProviders: c.get('requestKeyProviders'),
    facts,
    background: (work) => waitUntil(c, work),
  };
}
