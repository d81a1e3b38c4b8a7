import type { RouterConfig } from '../../config/index.ts';
import type { TargetFilter } from '../../routing/resolve-targets.ts';
import type { Target } from '../../routing/target.ts';
import type { DataPolicyConfig } from './guardrails-schema.ts';

/** What every scope and the request ask of the providers that may see a request, combined. */
export interface DataRequirements {
  /** `data_collection: "deny"` somewhere: no provider that trains on prompts. */
  noTraining: boolean;
  /** `zdr: true` somewhere: only providers that retain nothing. */
  zeroRetention: boolean;
  /** Each scope's region list; a provider's region must be in every one. */
  regions: readonly (readonly string[])[];
}

/**
 * The strictest of the policies (a deny or zdr from one of them wins; every region list
 * applies). Undefined when none asks for anything (no filter runs then).
 * @example combineDataPolicies([{ zdr: true }, { data_collection: 'deny' }])
 */
export function combineDataPolicies(
  policies: readonly (DataPolicyConfig | undefined)[],
): DataRequirements | undefined {
  const present = policies.filter((policy) => policy !== undefined);
  const requirements: DataRequirements = {
    noTraining: present.some((policy) => policy.data_collection === 'deny'),
    zeroRetention: present.some((policy) => policy.zdr === true),
    regions: present.flatMap((policy) => (policy.regions === undefined ? [] : [policy.regions])),
  };
  const asks =
    requirements.noTraining || requirements.zeroRetention || requirements.regions.length > 0;
  return asks ? requirements : undefined;
}

/**
 * Why a target's provider does not qualify (`trains on data`, `retains data 30 days`, `region
 * us`, `declares no data policy`), or undefined when it does.
 */
export function dataPolicyRefusal(
  config: RouterConfig,
  target: Target,
  requirements: DataRequirements,
): string | undefined {
  const provider = Object.hasOwn(config.providers, target.providerId)
    ? config.providers[target.providerId]
    : undefined;
  const data = provider?.data;
  if (data === undefined) return 'declares no data policy';
  if (requirements.noTraining && data.training) return 'trains on data';
  if (requirements.zeroRetention && data.retention !== 'none') {
    return `retains data ${data.retention} days`;
  }
  const region = data.region?.toLowerCase();
  const inRegion = (list: readonly string[]) =>
    region !== undefined &&
    list.some((entry) => {
      const wanted = entry.toLowerCase();
      return region === wanted || region.startsWith(`${wanted}-`);
    });
  if (!requirements.regions.every(inRegion)) return `region ${region ?? 'undeclared'}`;
  return undefined;
}

/**
 * The data policy as a resolution filter: targets whose provider does not qualify are refused,
 * and why is noted in `refusals` (target id -> reason) for the route facts and the 400.
 * @example resolveWithControls(config, model, controls, dataPolicyFilter(config, needs, refusals));
 */
export function dataPolicyFilter(
  config: RouterConfig,
  requirements: DataRequirements,
  refusals: Map<string, string>,
): TargetFilter {
  return (_name, targets) => {
    const allowed: Target[] = [];
    const refused: Target[] = [];
    for (const target of targets) {
      const reason = dataPolicyRefusal(config, target, requirements);
      if (reason === undefined) allowed.push(target);
      else {
        refused.push(target);
        refusals.set(target.id, reason);
      }
    }
    return { allowed, refused };
  };
}
