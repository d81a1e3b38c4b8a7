import type { RouterConfig } from '../../config/index.ts';
import type { CircuitState } from '../../health/circuit-breaker.ts';
import { configuredTargetIds } from '../../routing/configured-targets.ts';
import { gatherCandidates } from '../../routing/gather-candidates.ts';
import { type Candidate, scoreCandidates } from '../../routing/order-candidates.ts';
import type { RouteState } from '../../routing/route-state.ts';
import { parseTarget } from '../../routing/target.ts';

/** One target as the providers view shows it: its health window and circuit right now. */
export interface TargetHealthView {
  target: string;
  provider: string;
  model: string;
  circuit: CircuitState;
  /** Attempts in the health window (since the circuit last closed, as routing counts them). */
  requests: number;
  success_rate: number | null;
  latency_ms: number | null;
  first_token_ms: number | null;
  tokens_per_second: number | null;
  /** List prices in US dollars per million tokens, where the catalog knows them. */
  price: { input: number; output: number } | null;
}

/** An alias and the score the `health` strategy would give each of its targets now. */
export interface AliasScoresView {
  alias: string;
  strategy: string;
  scores: { target: string; score: number }[];
}

export interface TargetHealthReport {
  health_window_ms: number;
  circuit_breaker: RouterConfig['routing']['circuitBreaker'];
  targets: TargetHealthView[];
  aliases: AliasScoresView[];
}

/** Most targets one report covers: the config bounds them, this bounds the store reads. */
const maxTargets = 500;

/**
 * Every configured target's health window, circuit state and list price, read the way routing
 * reads them (the same candidates, windows and circuits), and each alias's health scores.
 * @example const report = await readTargetHealth(config, pipeline.state);
 */
export async function readTargetHealth(
  config: RouterConfig,
  state: RouteState,
): Promise<TargetHealthReport> {
  const targets = configuredTargetIds(config)
    .flatMap((id) => parseTarget(id) ?? [])
    .slice(0, maxTargets);
  const candidates = await gatherCandidates(
    state,
    config,
    { strategy: 'health', targets },
    undefined,
  );
  const byId = new Map(candidates.map((candidate) => [candidate.target.id, candidate]));
  return {
    health_window_ms: config.routing.health.windowMs,
    circuit_breaker: config.routing.circuitBreaker,
    targets: candidates.map(viewOf),
    aliases: Object.entries(config.models).map(([alias, { strategy, targets: listed }]) => {
      const members = listed.flatMap(({ target }) => byId.get(target) ?? []);
      return {
        alias,
        strategy,
        scores: scoreCandidates(members, config.routing.health).map((candidate) => ({
          target: candidate.target.id,
          score: candidate.score ?? 0,
        })),
      };
    }),
  };
}

function viewOf(candidate: Candidate): TargetHealthView {
  const { target, stats } = candidate;
  return {
    target: target.id,
    provider: target.providerId,
    model: target.modelId,
    circuit: candidate.circuit,
    requests: stats?.requests ?? 0,
    success_rate: stats?.successRate ?? null,
    latency_ms: rounded(stats?.latencyMs),
    first_token_ms: rounded(stats?.firstTokenMs),
    tokens_per_second: rounded(stats?.tokensPerSecond),
    price: candidate.price ?? null,
  };
}

const rounded = (value: number | undefined) =>
  value === undefined ? null : Math.round(value * 10) / 10;
