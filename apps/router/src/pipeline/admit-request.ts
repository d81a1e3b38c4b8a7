import { ModelNotAllowedError } from '../errors/model-not-allowed-error.ts';
import type { CallEstimate } from '../governance/estimate.ts';
import { allowlistFilter } from '../governance/policy/allowlist-filter.ts';
import type { Admission, PolicyRequest } from '../governance/policy/apply-policy.ts';
import { applyPolicy } from '../governance/policy/apply-policy.ts';
import { settleRequest } from '../governance/policy/settle-request.ts';
import { resolveWithControls } from '../routing/resolve-targets.ts';
import type { Target } from '../routing/target.ts';
import type { PipelineDeps, RouteRequest } from './route-request.ts';

/** An admitted request: what policy decided, and how to settle it once its cost is known. */
export interface AdmittedRequest {
  admission: Admission;
  /** Settles in the background; only the first call counts. */
  settle: () => void;
}

/**
 * The policy stage between planning and the cache: admits the request with an estimate at its
 * planned targets, and hands back the settle step for when the answer is over.
 */
export async function admitRequest(
  deps: PipelineDeps,
  request: RouteRequest<unknown>,
  targets: readonly Target[],
  estimate: PolicyRequest['estimate'],
  clampable: boolean,
): Promise<AdmittedRequest> {
  const { governance, config } = deps;
  if (governance === undefined) return { admission: { targets, scopes: [] }, settle: () => {} };
  const admission = await applyPolicy(config, governance, {
    principal: request.principal,
    model: request.model,
    targets,
    estimate,
    allowedFor(principal) {
      // Resolution again, under the re-read lists: it throws the 403 when nothing is left.
      const allow = allowlistFilter(principal, config);
      const resolution = resolveWithControls(config, request.model, request.controls, allow);
      const allowed = new Set(resolution.targets.map((target) => target.id));
      const kept = targets.filter((target) => allowed.has(target.id));
      if (kept.length === 0) throw new ModelNotAllowedError(request.model);
      return kept;
    },
    clampable,
    facts: request.facts,
    background: request.background,
  });
  let settled = false;
  return {
    admission,
    settle() {
      if (settled) return;
      settled = true;
      request.background(settleRequest(deps.config, governance, admission, request.facts));
    },
  };
}

export type { CallEstimate };
