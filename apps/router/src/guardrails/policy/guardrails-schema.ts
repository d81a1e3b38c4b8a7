import { z } from 'zod';
import { ruleNameSchema, ruleRecordSchema } from './rule-schema.ts';

/**
 * Which providers may see a request, by what each declares under `data`: `data_collection:
 * "deny"` keeps providers that do not train on it, `zdr` those that retain nothing, `regions`
 * those in one of the listed regions. A provider that declares nothing qualifies for none.
 */
export const dataPolicySchema = z.strictObject({
  data_collection: z.enum(['allow', 'deny']).optional(),
  zdr: z.boolean().optional(),
  regions: z.array(z.string().min(1).max(32)).min(1).max(32).optional(),
});
export type DataPolicyConfig = z.infer<typeof dataPolicySchema>;

/** What one scope (the gateway, a team, a key) applies: named rules and a data policy. */
const policySchema = z.strictObject({
  rules: z.array(ruleNameSchema).max(256).default([]),
  data: dataPolicySchema.optional(),
});
export type PolicyConfig = z.infer<typeof policySchema>;

/**
 * The config's `guardrails` section: rules by name, and the policies that apply them. Team
 * policies are keyed by team id; key policies by a stored key's hash or a config key's tenant.
 * @example { "rules": { "no-secrets": { "detectors": ["secrets"], "action": "block" } },
 *            "gateway": { "rules": ["no-secrets"], "data": { "zdr": true } } }
 */
export const guardrailsSchema = z
  .strictObject({
    rules: ruleRecordSchema(1_000).default({}),
    gateway: policySchema.prefault({}),
    teams: z.record(z.string().min(1).max(128), policySchema).default({}),
    keys: z.record(z.string().min(1).max(128), policySchema).default({}),
  })
  .superRefine((section, context) => {
    const scopes: [string[], PolicyConfig][] = [
      [['gateway'], section.gateway],
      ...Object.entries(section.teams).map(([id, policy]): [string[], PolicyConfig] => [
        ['teams', id],
        policy,
      ]),
      ...Object.entries(section.keys).map(([id, policy]): [string[], PolicyConfig] => [
        ['keys', id],
        policy,
      ]),
    ];
    for (const [path, policy] of scopes) {
      policy.rules.forEach((name, index) => {
        if (Object.hasOwn(section.rules, name)) return;
        context.addIssue({
          code: 'custom',
          message: `unknown rule '${name}'`,
          path: [...path, 'rules', index],
        });
      });
    }
  })
  .prefault({});

export type GuardrailsConfig = z.infer<typeof guardrailsSchema>;

/** Per-request rules (`guardrails` in the body, `providerOptions.switchyard.guardrails`). */
export const requestGuardrailsSchema = z.strictObject({ rules: ruleRecordSchema(16) });
export type RequestGuardrails = z.infer<typeof requestGuardrailsSchema>;

/**
 * The policy a stored team or key carries (`guardrails` in the management API): its own rules,
 * defined in place as a request's are, and a data policy. They add to the gateway's.
 * @example { "rules": { "no-codename": { "terms": ["Nightjar"], "action": "block" } } }
 */
export const scopePolicySchema = z.strictObject({
  rules: ruleRecordSchema(64),
  data: dataPolicySchema.optional(),
});
export type ScopePolicy = z.infer<typeof scopePolicySchema>;
