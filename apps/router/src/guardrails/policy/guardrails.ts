import type { Principal } from '../../governance/principal.ts';
import type { KeyRecord, TeamRecord } from '../../governance/scope-record.ts';
import { createLru, type Lru } from '../../lru/create-lru.ts';
import { type CompiledRule, compileRule } from './compile-rule.ts';
import { combineDataPolicies, type DataRequirements } from './data-policy.ts';
import type {
  GuardrailsConfig,
  PolicyConfig,
  RequestGuardrails,
  ScopePolicy,
} from './guardrails-schema.ts';
import { type OutputRules, outputRulesOf } from './output-rules.ts';
import { type RuleSet, ruleSetFor } from './rule-set.ts';

/** A request's rules arranged for scanning, per direction. */
export interface RuleSets {
  rules: readonly CompiledRule[];
  input: RuleSet;
  output: OutputRules;
}

/** The config's guardrails, compiled once: every named rule's detectors built. */
export interface Guardrails {
  /** Matches are recorded as HMACs under this key, never as text. */
  hashKey: Uint8Array;
  config: GuardrailsConfig;
  /** Rules by name, compiled once (a rule used by several scopes is one object). */
  rules: ReadonlyMap<string, CompiledRule>;
  /** Whether anything is configured at all: without it, requests skip the stage. */
  configured: boolean;
  /** Rule sets by the scopes and request rules they were built for (few distinct ones). */
  ruleSets: Lru<string, RuleSets>;
}

/** What applies to one request: its rules, in scope order, and its data requirements. */
export interface RequestPolicy extends RuleSets {
  data: DataRequirements | undefined;
}

/**
 * Compiles the `guardrails` section (the schema has vetted it) under a server-side hash key.
 * @example createGuardrails(config.guardrails, hashKey)
 */
export function createGuardrails(config: GuardrailsConfig, hashKey: Uint8Array): Guardrails {
  const rules = new Map(
    Object.entries(config.rules).map(([name, rule]) => [name, compileRule(name, rule, 'gateway')]),
  );
  const scoped = [config.gateway, ...Object.values(config.teams), ...Object.values(config.keys)];
  return {
    hashKey,
    config,
    rules,
    configured: scoped.some((policy) => policy.rules.length > 0 || policy.data !== undefined),
    ruleSets: createLru(256),
  };
}

/** One scope's part of a request's policy: named config rules, or a stored record's own. */
type ScopePart =
  | { policy: PolicyConfig; stored?: undefined }
  | { policy: ScopePolicy; stored: 'team' | 'key' };

/**
 * The scopes a caller belongs to, gateway first: their policies all apply; and their names. A
 * stored team or key adds its own policy after the config's for it, named with the record's
 * version so that an edit is compiled afresh on the next request.
 */
function scopePolicies(guardrails: Guardrails, principal: Principal) {
  const { teams, keys, gateway } = guardrails.config;
  const parts: ScopePart[] = [{ policy: gateway }];
  const names = ['gateway'];
  const add = (record: Record<string, PolicyConfig>, id: string | undefined) => {
    if (id === undefined || !Object.hasOwn(record, id)) return;
    parts.push({ policy: record[id] as PolicyConfig });
    names.push(`${record === teams ? 'team' : 'key'}:${id}`);
  };
  const addStored = (stored: 'team' | 'key', record: TeamRecord | KeyRecord | undefined) => {
    if (record?.guardrails === undefined) return;
    parts.push({ policy: record.guardrails, stored });
    const id = 'id' in record ? record.id : record.hash;
    names.push(`stored-${stored}:${id}@${record.version}`);
  };
  if (principal.kind === 'key') {
    add(teams, principal.key.teamId ?? principal.team?.id);
    addStored('team', principal.team);
    add(keys, principal.key.hash);
    if (principal.key.scopeId !== principal.key.hash) add(keys, principal.key.scopeId);
    addStored('key', principal.key);
  } else if (principal.kind === 'static') {
    add(keys, principal.tenant);
  }
  return { parts, names };
}

/**
 * Whether the caller's stored team or key carries guardrails: the stage runs for them even when
 * the config has none.
 */
export function hasStoredPolicies(principal: Principal): boolean {
  return (
    principal.kind === 'key' &&
    (principal.key.guardrails !== undefined || principal.team?.guardrails !== undefined)
  );
}

const maxCachedKeyLength = 8_192;

/**
 * The rules and data requirements of a request: the gateway's, its team's and key's (from the
 * config, then the stored records), then the request's own rules and data controls — which only
 * add, so a request can never loosen them.
 * @example const { input, output, data } = policyFor(guardrails, request.principal, {});
 */
export function policyFor(
  guardrails: Guardrails,
  principal: Principal,
  request: {
    rules?: RequestGuardrails;
    data?: { data_collection?: 'allow' | 'deny'; zdr?: boolean };
  },
): RequestPolicy {
  const { parts, names } = scopePolicies(guardrails, principal);
  const data = combineDataPolicies([...parts.map((part) => part.policy.data), request.data]);
  const requestKey = request.rules === undefined ? '' : JSON.stringify(request.rules.rules);
  const key = `${names.join('|')}\n${requestKey}`;
  const cached = guardrails.ruleSets.get(key);
  if (cached !== undefined) return { ...cached, data };
  const named = new Set<CompiledRule>();
  const rules: CompiledRule[] = [];
  for (const part of parts) {
    if (part.stored !== undefined) {
      for (const [name, rule] of Object.entries(part.policy.rules)) {
        rules.push(compileRule(name, rule, part.stored));
      }
      continue;
    }
    for (const name of part.policy.rules) {
      const rule = guardrails.rules.get(name);
      if (rule === undefined || named.has(rule)) continue;
      named.add(rule);
      rules.push(rule);
    }
  }
  if (request.rules !== undefined) rules.push(...requestRules(request.rules));
  const sets = { rules, input: ruleSetFor(rules, 'input'), output: outputRulesOf(rules) };
  // Large request term lists are arranged afresh rather than kept as cache keys.
  if (key.length <= maxCachedKeyLength) guardrails.ruleSets.set(key, sets);
  return { ...sets, data };
}

/** A request's own rules, compiled (the rule sets they end up in are cached). */
function requestRules(rules: RequestGuardrails): CompiledRule[] {
  return Object.entries(rules.rules).map(([name, rule]) => compileRule(name, rule, 'request'));
}
