import type { RouterConfig } from '../../config/index.ts';
import { AuthenticationError, PermissionError } from '../../errors/index.ts';
import type { RouteFacts } from '../../facts/route-facts.ts';
import type { Target } from '../../routing/target.ts';
import { type AdmissionDecision, admit, type Reservation, tightestRate } from '../admission.ts';
import { affordableMaxTokens, type CallEstimate } from '../estimate.ts';
import type { Principal } from '../principal.ts';
import { audienceRefusal } from '../records/access.ts';
import { releaseReservation } from '../release-reservation.ts';
import type { GovernanceDeps } from './governance-deps.ts';
import { refusalFor } from './refusal-for.ts';
import { hasLimits, type RequestScope, requestScopes } from './request-scopes.ts';

/** What admission decided for a request that may go ahead. */
export interface Admission {
  /** The planned targets the caller may still use (fewer when a reloaded key narrowed its models). */
  targets: readonly Target[];
  /** Set when `on_insufficient: "clamp"` lowered `max_tokens` to what the budget affords. */
  maxOutputTokens?: number;
  reservation?: Reservation;
  scopes: RequestScope[];
}

export interface PolicyRequest {
  principal: Principal;
  /** The model as requested: per-model caps are keyed by it. */
  model: string;
  targets: readonly Target[];
  /** The reservation estimate at these targets with this `max_tokens` (default: the call's). */
  estimate: (targets: readonly Target[], maxOutputTokens?: number) => CallEstimate;
  /**
   * The targets a re-read principal may use, out of `targets` (its models may have narrowed);
   * throws the 403 when none is left.
   */
  allowedFor: (principal: Principal) => readonly Target[];
  /** Whether lowering `max_tokens` can make the request cheaper (language calls). */
  clampable: boolean;
  facts: RouteFacts;
  /** Runs work after the response (waitUntil on Workers). */
  background: (work: Promise<unknown>) => void;
}

// Each stale answer re-reads the record once; more than this means it keeps changing.
const maxRounds = 4;

/**
 * The policy stage: admits the request against every scope it belongs to (key, team, gateway,
 * model) in one store script, reserving its estimated cost and tokens. Throws the error that
 * ends the request (401 revoked, 402 budget, 429 limits, 503 store) and writes the limit facts
 * the headers report. Admits without a reservation when no scope has anything to enforce.
 */
export async function applyPolicy(
  config: RouterConfig,
  governance: GovernanceDeps,
  request: PolicyRequest,
): Promise<Admission> {
  const now = governance.now ?? Date.now;
  let principal = request.principal;
  let targets = request.targets;
  let maxOutputTokens: number | undefined;
  for (let round = 0; round < maxRounds; round += 1) {
    const scopes = requestScopes(principal, config, request.model);
    if (scopes.length === 0) return { targets, scopes };
    const estimate = request.estimate(targets, maxOutputTokens);
    const at = now();
    const decision = await admit(governance.store, {
      scopes,
      // Never the request id: a client may send the same one twice.
      reservationId: crypto.randomUUID(),
      estimateNanos: estimate.nanos,
      estimateTokens: estimate.totalTokens,
      now: at,
      deadline: at + config.governance.reservationTtlMs,
    });
    switch (decision.status) {
      case 'admitted':
        request.facts.limits = {
          requests: tightestRate(decision.scopes, 'requests'),
          tokens: tightestRate(decision.scopes, 'tokens'),
        };
        return { targets, reservation: decision.reservation, scopes, maxOutputTokens };
      case 'stale': {
        if (principal.kind !== 'key') throw new TypeError('Only stored keys can be stale');
        const lookup = await governance.reload(principal.key.hash);
        if (lookup.status === 'unavailable') throw lookup.error;
        if (lookup.status === 'absent') throw new AuthenticationError('Invalid API key.');
        // The edit may have made it a management key, which never calls models.
        const refusal = audienceRefusal(lookup.principal, 'inference');
        if (refusal !== undefined) throw new PermissionError(refusal);
        principal = lookup.principal;
        targets = request.allowedFor(principal);
        continue;
      }
      case 'budget': {
        const affordable = request.clampable ? clampTo(principal, decision, estimate) : 0;
        if (affordable > 0) {
          maxOutputTokens = affordable;
          continue;
        }
        throw refusalFor(decision, scopes, request.facts, estimate);
      }
      case 'unavailable': {
        // A script that timed out may still run: undo whatever it reserves.
        if (!decision.error.circuitOpen) {
          const { reservationTtlMs } = config.governance;
          request.background(
            releaseReservation(governance.store, decision.reservation, now(), reservationTtlMs),
          );
        }
        const failClosed = scopes.some(
          (scope) => hasLimits(scope.limits) && scope.onStoreUnavailable === 'closed',
        );
        if (failClosed) throw decision.error;
        return { targets, scopes };
      }
      default:
        throw refusalFor(decision, scopes, request.facts, estimate);
    }
  }
  throw new AuthenticationError('The API key changed while the request was admitted; retry.');
}

/** The `max_tokens` a clamping key's remaining budget affords, or 0 to refuse instead. */
function clampTo(
  principal: Principal,
  decision: Extract<AdmissionDecision, { status: 'budget' }>,
  estimate: CallEstimate,
): number {
  if (principal.kind !== 'key' || principal.key.onInsufficient !== 'clamp') return 0;
  const affordable = affordableMaxTokens(decision.remainingNanos, estimate);
  return affordable < estimate.outputTokens ? affordable : 0;
}
