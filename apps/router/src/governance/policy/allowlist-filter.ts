import type { RouterConfig } from '../../config/index.ts';
import type { TargetFilter } from '../../routing/resolve-targets.ts';
import { allowedTargets } from '../model-allowlist.ts';
import type { Principal } from '../principal.ts';

/**
 * The model allowlists a principal must fit (its key's, its team's and the gateway's), as the
 * filter resolution applies name by name; undefined when no scope has one.
 */
export function allowlistFilter(
  principal: Principal,
  config: RouterConfig,
): TargetFilter | undefined {
  const lists = [
    principal.kind === 'key' ? principal.key.limits.models : undefined,
    principal.kind === 'key' ? principal.team?.limits.models : undefined,
    config.governance.defaults.models ?? undefined,
  ].filter((list) => list !== undefined);
  if (lists.length === 0) return undefined;
  return (name, targets) => allowedTargets(name, targets, lists);
}
