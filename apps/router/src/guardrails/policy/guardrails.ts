import type { Principal } from '../../governance/principal.ts';
import { createLru, type Lru } from '../../lru/create-lru.ts';
import { type CompiledRule, compileRule } from './compile-rule.ts';
import { combineDataPolicies, type DataRequirements } from './data-policy.ts';
import type { GuardrailsConfig, PolicyConfig, RequestGuardrails } from './guardrails-schema.ts';
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

/** The scopes a caller belongs to, gateway first: their policies all apply; and their names. */
function scopePolicies(guardrails: Guardrails, principal: Principal) {
  const { teams, keys, gateway } = guardrails.config;
  const policies = [gateway];
  const names = ['gateway'];
  const add = (record: Record<string, PolicyConfig>, id: string | undefined) => {
    if (id === undefined || !Object.hasOwn(record, id)) return;
    policies.push(record[id] as PolicyConfig);
    names.push(`${record === teams ? 'team' : 'key'}:${id}`);
  };
  if (principal.kind === 'key') {
    add(teams, principal.key.teamId ?? principal.team?.id);
    add(keys, principal.key.hash);
    if (principal.key.scopeId !== principal.key.hash) add(keys, principal.key.scopeId);
  } else if (principal.kind === 'static') {
    add(keys, principal.tenant);
  }
  return { policies, names };
}

const maxCachedKeyLength = 8_192;

/**
 * The rules and data requirements of a request: the gateway's, its team's and key's, then the
 * request's own rules and data controls — which only add, so a request can never loosen them.
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
  const { policies, names } = scopePolicies(guardrails, principal);
  const data = combineDataPolicies([...policies.map((policy) => policy.data), request.data]);
  const requestKey = request.rules === undefined ? '' : JSON.stringify(request.rules.rules);
  const key = `${names.join('|')}\n${requestKey}`;
  const cached = guardrails.ruleSets.get(key);
  if (cached !== undefined) return { ...cached, data };
  const rules = [...new Set(policies.flatMap((policy) => policy.rules))].flatMap((name) => {
    const rule = guardrails.rules.get(name);
    return rule === undefined ? [] : [rule];
  });
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
