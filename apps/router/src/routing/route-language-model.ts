import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import type { Context } from 'hono';
import type { RouteFacts, RouterEnv } from '../context.ts';
import type { AttemptRecord } from './attempt.ts';
import {
  type FailoverContext,
  generateWithFailover,
  type Served,
  streamWithFailover,
} from './call-with-failover.ts';
import type { RequestControls } from './request-controls.ts';
import { resolveWithControls } from './resolve-targets.ts';
import type { Target } from './target.ts';

/**
 * The one path every inbound protocol takes for a language-model call: resolve the requested
 * model to targets, try them in order, and record the decision in `c.var.route` (headers,
 * provider metadata and the request log read it from there).
 */
export function routeGenerate(
  c: Context<RouterEnv>,
  model: string,
  options: LanguageModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<LanguageModelV4GenerateResult>> {
  return route(c, model, controls, (targets, failover) =>
    generateWithFailover(targets, options, failover),
  );
}

/** Like `routeGenerate`; resolves once a target has sent its first content part. */
export function routeStream(
  c: Context<RouterEnv>,
  model: string,
  options: LanguageModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<ReadableStream<LanguageModelV4StreamPart>>> {
  return route(c, model, controls, (targets, failover) =>
    streamWithFailover(targets, options, failover),
  );
}

async function route<T>(
  c: Context<RouterEnv>,
  model: string,
  controls: RequestControls | undefined,
  call: (targets: Target[], failover: FailoverContext) => Promise<Served<T>>,
): Promise<Served<T>> {
  const resolution = resolveWithControls(c.get('config'), model, controls);
  const attempts: AttemptRecord[] = [];
  const facts: RouteFacts = {
    requested: model,
    alias: resolution.alias,
    targets: resolution.targets.map((target) => target.id),
    attempts,
  };
  c.set('route', facts);
  const served = await call(resolution.targets, {
    registry: c.get('registry'),
    policy: c.get('config').routing,
    signal: c.req.raw.signal,
    onAttempt: (record) => attempts.push(record),
  });
  facts.served = served.target;
  return served;
}
