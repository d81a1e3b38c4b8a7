import type { RoutingConfig } from '../config/routing-schema.ts';
import type { CircuitState } from '../health/circuit-breaker.ts';
import type { HealthStats } from '../health/health-sample.ts';
import type { RequestControls } from './request-controls.ts';
import type { Resolution } from './resolve-targets.ts';
import type { Target } from './target.ts';

/** A target with what the router knows of it when the request arrives. */
export interface Candidate {
  target: Target;
  circuit: CircuitState;
  stats: HealthStats | undefined;
  /** List prices, US dollars per million tokens. */
  price: { input: number; output: number } | undefined;
  score?: number;
}

export interface OrderedCandidates {
  candidates: Candidate[];
  skipped: { target: string; reason: 'circuit-open' | 'over-max-price' }[];
  /** Why this order, in a word: the strategy or sort used, or `exploration`. */
  reason: string;
}

type HealthPolicy = RoutingConfig['health'];

/**
 * Orders the candidates for the attempt loop. Targets over the request's price cap are
 * dropped; open circuits are skipped unless every target is open (then all are tried, as a
 * last resort). Then a sort (`price`, `throughput`, `latency`) or the alias strategy decides.
 */
export function orderCandidates(
  all: Candidate[],
  resolution: Pick<Resolution, 'strategy' | 'sort'>,
  policy: HealthPolicy,
  maxPrice: NonNullable<RequestControls['provider']>['max_price'],
  random: () => number = Math.random,
): OrderedCandidates {
  const skipped: OrderedCandidates['skipped'] = [];
  const affordable = all.filter((candidate) => {
    const over =
      maxPrice !== undefined &&
      candidate.price !== undefined &&
      ((maxPrice.prompt !== undefined && candidate.price.input > maxPrice.prompt) ||
        (maxPrice.completion !== undefined && candidate.price.output > maxPrice.completion));
    if (over) skipped.push({ target: candidate.target.id, reason: 'over-max-price' });
    return !over;
  });
  const closed = affordable.filter((candidate) => candidate.circuit !== 'open');
  for (const candidate of affordable) {
    if (candidate.circuit === 'open' && closed.length > 0) {
      skipped.push({ target: candidate.target.id, reason: 'circuit-open' });
    }
  }
  const usable = closed.length > 0 ? closed : affordable;
  const ordered = orderUsable(usable, resolution, policy, random);
  // A half-open target is this request's probe: it goes first, or the probe is wasted.
  const probe = ordered.candidates.findIndex((candidate) => candidate.circuit === 'half-open');
  if (probe > 0) ordered.candidates.unshift(...ordered.candidates.splice(probe, 1));
  return { ...ordered, skipped };
}

function orderUsable(
  usable: Candidate[],
  resolution: Pick<Resolution, 'strategy' | 'sort'>,
  policy: HealthPolicy,
  random: () => number,
): Omit<OrderedCandidates, 'skipped'> {
  if (resolution.sort !== undefined) {
    return { candidates: sortBy(usable, resolution.sort), reason: `sort:${resolution.sort}` };
  }
  switch (resolution.strategy) {
    case 'ordered':
      return { candidates: usable, reason: 'ordered' };
    case 'weighted':
      return { candidates: pickByWeight(usable, random), reason: 'weighted' };
    case 'health': {
      const scored = scoreCandidates(usable, policy).sort(
        (left, right) => (right.score ?? 0) - (left.score ?? 0),
      );
      if (scored.length > 1 && random() < policy.exploration) {
        const explored = 1 + Math.floor(random() * (scored.length - 1));
        const [picked] = scored.splice(explored, 1);
        if (picked !== undefined) scored.unshift(picked);
        return { candidates: scored, reason: 'exploration' };
      }
      return { candidates: scored, reason: 'health' };
    }
  }
}

/** Score = weighted uptime, throughput, price and latency, each normalised to the best. */
export function scoreCandidates(candidates: Candidate[], policy: HealthPolicy): Candidate[] {
  const best = (values: (number | undefined)[], pick: (...numbers: number[]) => number) => {
    const known = values.filter((value): value is number => value !== undefined && value > 0);
    return known.length === 0 ? undefined : pick(...known);
  };
  const bestThroughput = best(
    candidates.map((c) => c.stats?.tokensPerSecond),
    Math.max,
  );
  const bestPrice = best(
    candidates.map((c) => totalPrice(c)),
    Math.min,
  );
  const bestLatency = best(
    candidates.map((c) => latencyOf(c)),
    Math.min,
  );
  const ratio = (
    value: number | undefined,
    reference: number | undefined,
    higherIsBetter: boolean,
  ) => {
    if (value === undefined || reference === undefined || value <= 0) return 0.5;
    return higherIsBetter ? value / reference : reference / value;
  };
  const { weights, minSuccessRate } = policy;
  return candidates.map((candidate) => {
    const uptime = candidate.stats?.successRate ?? 1;
    let score =
      weights.uptime * uptime +
      weights.throughput * ratio(candidate.stats?.tokensPerSecond, bestThroughput, true) +
      weights.price * ratio(totalPrice(candidate), bestPrice, false) +
      weights.latency * ratio(latencyOf(candidate), bestLatency, false);
    // The penalty waits for enough samples: one failure in three requests is noise.
    const sampled = (candidate.stats?.requests ?? 0) >= policy.minSamples;
    if (sampled && uptime < minSuccessRate) score *= (uptime / minSuccessRate) ** 8 * 0.5;
    return { ...candidate, score: Math.round(score * 1000) / 1000 };
  });
}

const totalPrice = (candidate: Candidate) =>
  candidate.price === undefined ? undefined : candidate.price.input + candidate.price.output;
const latencyOf = (candidate: Candidate) =>
  candidate.stats?.firstTokenMs ?? candidate.stats?.latencyMs;

function sortBy(candidates: Candidate[], key: 'price' | 'throughput' | 'latency'): Candidate[] {
  const value = (candidate: Candidate) => {
    if (key === 'price') return totalPrice(candidate);
    if (key === 'latency') return latencyOf(candidate);
    const throughput = candidate.stats?.tokensPerSecond;
    return throughput === undefined ? undefined : -throughput;
  };
  // Stable: unknown values keep their configured order after the known ones.
  return candidates
    .map((candidate, index) => ({ candidate, index, value: value(candidate) }))
    .sort((left, right) => {
      if (left.value === undefined || right.value === undefined) {
        return (
          (left.value === undefined ? 1 : 0) - (right.value === undefined ? 1 : 0) ||
          left.index - right.index
        );
      }
      return left.value - right.value || left.index - right.index;
    })
    .map(({ candidate }) => candidate);
}

/** One candidate drawn by weight goes first; the rest follow by weight, heaviest first. */
function pickByWeight(candidates: Candidate[], random: () => number): Candidate[] {
  const weightOf = (candidate: Candidate) => candidate.target.weight ?? 1;
  const total = candidates.reduce((sum, candidate) => sum + weightOf(candidate), 0);
  let point = random() * total;
  let chosen = candidates.length - 1;
  for (const [index, candidate] of candidates.entries()) {
    point -= weightOf(candidate);
    if (point < 0) {
      chosen = index;
      break;
    }
  }
  const rest = candidates
    .filter((_, index) => index !== chosen)
    .sort((l, r) => weightOf(r) - weightOf(l));
  const first = candidates[chosen];
  return first === undefined ? rest : [first, ...rest];
}
