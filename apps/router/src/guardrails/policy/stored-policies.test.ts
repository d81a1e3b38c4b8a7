import { describe, expect, it } from 'vitest';
import type { Principal } from '../../governance/principal.ts';
import type { KeyRecord, TeamRecord } from '../../governance/scope-record.ts';
import { createGuardrails, policyFor } from './guardrails.ts';
import { guardrailsSchema, type ScopePolicy, scopePolicySchema } from './guardrails-schema.ts';

const scope = { limits: {}, disabled: false, metadata: {}, createdAt: 1, updatedAt: 1 };
const team = (guardrails: unknown, version = '1'): TeamRecord => ({
  ...scope,
  id: 'research',
  name: 'research',
  version,
  guardrails: scopePolicySchema.parse(guardrails),
});
const key = (guardrails: ScopePolicy | undefined, version = '1'): KeyRecord => ({
  ...scope,
  hash: 'a'.repeat(64),
  scopeId: 'a'.repeat(64),
  label: 'sk-sy-v1-…aaaa',
  role: 'inference',
  onInsufficient: 'reject',
  teamId: 'research',
  name: 'app',
  version,
  ...(guardrails === undefined ? {} : { guardrails }),
});
const blockTerm = (term: string) =>
  scopePolicySchema.parse({ rules: { [`no-${term}`]: { terms: [term], action: 'block' } } });

const gateway = createGuardrails(
  guardrailsSchema.parse({
    rules: { shadowed: { terms: ['Nightjar'], mode: 'shadow' } },
    gateway: { rules: ['shadowed'] },
  }),
  new Uint8Array(32),
);

describe("a stored team's and key's guardrails", () => {
  it('add to the gateway rules in order: gateway, team, key, request', () => {
    const principal: Principal = {
      kind: 'key',
      key: key(blockTerm('kestrel')),
      team: team(blockTerm('osprey')),
    };
    const policy = policyFor(gateway, principal, {
      rules: { rules: blockTerm('merlin').rules },
    });
    expect(policy.rules.map((rule) => [rule.name, rule.source])).toEqual([
      ['shadowed', 'gateway'],
      ['no-osprey', 'team'],
      ['no-kestrel', 'key'],
      ['no-merlin', 'request'],
    ]);
  });

  it('carry their data policy into the requirements', () => {
    const principal: Principal = {
      kind: 'key',
      key: key({ rules: {}, data: { zdr: true } }, '2'),
    };
    expect(policyFor(gateway, principal, {}).data).toMatchObject({ zeroRetention: true });
  });

  it('apply an edit at once: the compiled rules are cached by record version', () => {
    const before: Principal = { kind: 'key', key: key(blockTerm('kestrel'), '11') };
    const after: Principal = { kind: 'key', key: key(blockTerm('osprey'), '12') };
    const cleared: Principal = { kind: 'key', key: key(undefined, '13') };
    expect(policyFor(gateway, before, {}).rules.map((rule) => rule.name)).toContain('no-kestrel');
    const edited = policyFor(gateway, after, {}).rules.map((rule) => rule.name);
    expect(edited).toContain('no-osprey');
    expect(edited).not.toContain('no-kestrel');
    expect(policyFor(gateway, cleared, {}).rules.map((rule) => rule.name)).toEqual(['shadowed']);
  });
});
