import { InvalidRequestError } from '../../errors/index.ts';
import { ModelNotAllowedError } from '../../errors/model-not-allowed-error.ts';
import type { RouteRequest } from '../../pipeline/route-request.ts';
import type { TargetFilter } from '../../routing/resolve-targets.ts';
import type { DataRequirements } from './data-policy.ts';

/** The allowlist first (its refusals are `not-allowed`), then the data policy on the rest. */
export function withDataPolicy(
  allow: TargetFilter | undefined,
  data: TargetFilter | undefined,
): TargetFilter | undefined {
  if (data === undefined) return allow;
  if (allow === undefined) return data;
  return (name, targets) => {
    const allowed = allow(name, targets);
    const checked = data(name, allowed.allowed);
    return { allowed: checked.allowed, refused: [...allowed.refused, ...checked.refused] };
  };
}

/**
 * Runs planning with the data policy's refusals (target id -> why) being collected: they show
 * as `data-policy` skips, and resolution left with nothing becomes a 400 that says why.
 */
export async function planUnderDataPolicy<T>(
  request: RouteRequest<unknown>,
  data: DataRequirements | undefined,
  refusals: ReadonlyMap<string, string>,
  planning: () => Promise<T>,
): Promise<T> {
  try {
    const planned = await planning();
    labelSkips(request, refusals);
    return planned;
  } catch (error) {
    if (refusals.size === 0 || !(error instanceof ModelNotAllowedError)) throw error;
    labelSkips(request, refusals);
    throw noTargetUnderDataPolicy(request.model, data, refusals);
  }
}

function labelSkips(request: RouteRequest<unknown>, refusals: ReadonlyMap<string, string>) {
  if (refusals.size === 0) return;
  const facts = request.facts;
  const listed = new Set((facts.skipped ?? []).map((skip) => skip.target));
  facts.skipped = (facts.skipped ?? []).map((skip) =>
    refusals.has(skip.target) && skip.reason === 'not-allowed'
      ? { ...skip, reason: 'data-policy' }
      : skip,
  );
  for (const target of refusals.keys()) {
    if (!listed.has(target)) facts.skipped.push({ target, reason: 'data-policy' });
  }
}

function noTargetUnderDataPolicy(
  model: string,
  data: DataRequirements | undefined,
  refusals: ReadonlyMap<string, string>,
): InvalidRequestError {
  const asked = [
    data?.noTraining && 'data_collection: deny',
    data?.zeroRetention && 'zdr',
    ...(data?.regions ?? []).map((regions) => `regions: ${regions.join('|')}`),
  ].filter(Boolean);
  const why = [...refusals].map(([target, reason]) => `${target} ${reason}`).join('; ');
  return new InvalidRequestError({
    message: `No provider of '${model}' meets the data policy (${asked.join(', ')}): ${why}.`,
    param: 'provider',
    code: 'data_policy',
  });
}
