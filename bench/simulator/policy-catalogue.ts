import { type RoutingConfig, routingSchema } from '../../apps/router/src/config/routing-schema.ts';
import { defaultRoutingPolicy } from '../../apps/router/src/routing/default-routing-policy.ts';
import { runOracle } from './oracle-policy.ts';
import { roundRobinPolicy, staticOrderPolicy } from './routed-policy.ts';
import { runRouted } from './run-routed.ts';
import type { Scenario } from './scenarios.ts';
import type { RequestResult } from './stats.ts';
import { switchyardPolicy } from './switchyard-policy.ts';

export interface PolicyEntry {
  name: string;
  description: string;
  run(scenario: Scenario, seed: number): Promise<RequestResult[]>;
}

/** What a config file may say under `routing` (zod's input type of the schema). */
type RoutingInput = NonNullable<(typeof routingSchema)['_zod']['input']>;

/**
 * The tuning the findings recommend, as routing config the router accepts today: a 429 fails
 * over at once instead of waiting out Retry-After on the same target, price outweighs speed,
 * and demotion starts at 3% errors instead of 5%.
 */
export const tunedSettings = {
  maxRetryAfterMs: 0,
  health: {
    minSuccessRate: 0.97,
    weights: { uptime: 0.5, price: 0.4, throughput: 0.05, latency: 0.05 },
  },
} satisfies RoutingInput;
export const tunedRouting: RoutingConfig = routingSchema.parse(tunedSettings);

const switchyard = (name: string, description: string, routing: RoutingConfig) => ({
  name,
  description,
  run: (scenario: Scenario, seed: number) => runRouted(scenario, switchyardPolicy(routing), seed),
});

export const policyCatalogue: readonly PolicyEntry[] = [
  {
    name: 'oracle',
    description: 'Knows every target’s true state: cheapest healthy target that would succeed.',
    run: async (scenario, seed) => runOracle(scenario, seed),
  },
  switchyard(
    'switchyard',
    "strategy 'health' with the default routing policy (the router as shipped).",
    defaultRoutingPolicy,
  ),
  {
    name: 'static-order',
    description: 'Configured order, same retries and failover, no health, no breaker.',
    run: (scenario, seed) => runRouted(scenario, staticOrderPolicy(defaultRoutingPolicy), seed),
  },
  {
    name: 'round-robin',
    description: 'Rotates the first target, then the rest in configured order.',
    run: (scenario, seed) => runRouted(scenario, roundRobinPolicy(defaultRoutingPolicy), seed),
  },
  switchyard(
    'switchyard-tuned',
    'Switchyard with the tuned routing policy (config only, no code change).',
    tunedRouting,
  ),
];

/** `--ablations`: the tuned policy with one setting undone at a time, to show what each is worth. */
const undone: [string, RoutingInput][] = [
  ['maxRetryAfterMs', { ...tunedSettings, maxRetryAfterMs: undefined }],
  ['weights', { ...tunedSettings, health: { ...tunedSettings.health, weights: undefined } }],
  [
    'minSuccessRate',
    { ...tunedSettings, health: { ...tunedSettings.health, minSuccessRate: undefined } },
  ],
];
export const ablationCatalogue: readonly PolicyEntry[] = undone.map(([change, settings]) =>
  switchyard(
    `tuned without ${change}`,
    `switchyard-tuned with ${change} at its default.`,
    routingSchema.parse(settings),
  ),
);

/** The policies the goals are checked for, and the baselines they must beat. */
export const subjects = ['switchyard', 'switchyard-tuned'] as const;
export const baselines = ['static-order', 'round-robin'] as const;

export const findPolicy = (name: string) =>
  [...policyCatalogue, ...ablationCatalogue].find((policy) => policy.name === name);
