import { InvalidRequestError } from '../errors/index.ts';
import type { RouteFacts } from '../facts/route-facts.ts';
import type { Admission } from '../routing/call-with-failover.ts';
import { gatherCandidates } from '../routing/gather-candidates.ts';
import { type Candidate, orderCandidates } from '../routing/order-candidates.ts';
import {
  type Resolution,
  resolveWithControls,
  type TargetFilter,
} from '../routing/resolve-targets.ts';
import type { Target } from '../routing/target.ts';
import type { PipelineDeps, RouteRequest } from './route-request.ts';

/** The routing decision: what was resolved, and the targets in the order they will be tried. */
export interface RoutePlan {
  resolution: Resolution;
  targets: Target[];
  /** Takes a half-open target's probe right before its first try. */
  admit: (target: Target) => Promise<Admission>;
}

/**
 * Resolves the requested model once (validating every id before any store read), reads what
 * ordering needs, orders the candidates, and writes the decision into the route facts.
 */
export async function planRoute(
  deps: PipelineDeps,
  request: RouteRequest<unknown>,
  allow?: TargetFilter,
): Promise<RoutePlan> {
  const { config, state } = deps;
  const resolution = resolveWithControls(config, request.model, request.controls, allow);
  const candidates = await gatherCandidates(state, config, resolution, request.controls);
  const ordered = orderCandidates(
    candidates,
    resolution,
    config.routing.health,
    request.controls.provider?.max_price,
  );
  if (ordered.candidates.length === 0) {
    throw new InvalidRequestError({
      message: `No provider is left to serve '${request.model}' under provider.max_price.`,
      param: 'provider.max_price',
      code: 'no_target',
    });
  }
  const byId = new Map(ordered.candidates.map((candidate) => [candidate.target.id, candidate]));
  const skipped: { target: string; reason: string }[] = [
    ...ordered.skipped,
    ...(resolution.refused ?? []).map((target) => ({ target: target.id, reason: 'not-allowed' })),
    ...(resolution.capped ?? []).map((target) => ({ target: target.id, reason: 'candidate-cap' })),
  ];
  writeDecision(request.facts, resolution, ordered.candidates, ordered.reason, skipped);
  return {
    resolution,
    targets: ordered.candidates.map((candidate) => candidate.target),
    async admit(target) {
      if (byId.get(target.id)?.circuit !== 'half-open') return { admitted: true };
      const probe = await state.circuits.acquireProbe(target.id);
      if (probe !== undefined) return { admitted: true, probe };
      request.facts.skipped = [
        ...(request.facts.skipped ?? []),
        { target: target.id, reason: 'circuit-probing' },
      ];
      return { admitted: false };
    },
  };
}

function writeDecision(
  facts: RouteFacts,
  resolution: Resolution,
  candidates: Candidate[],
  reason: string,
  skipped: { target: string; reason: string }[],
) {
  if (resolution.alias !== undefined) facts.alias = resolution.alias;
  if (resolution.rule !== undefined) facts.rule = resolution.rule;
  facts.reason = reason;
  facts.targets = candidates.map((candidate) => candidate.target.id);
  const scored = candidates.filter((candidate) => candidate.score !== undefined);
  if (scored.length > 0) {
    facts.scores = Object.fromEntries(
      scored.map((candidate) => [candidate.target.id, candidate.score ?? 0]),
    );
  }
  if (skipped.length > 0) facts.skipped = skipped;
}
