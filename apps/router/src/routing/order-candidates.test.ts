import { describe, expect, it } from 'vitest';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { type Candidate, orderCandidates } from './order-candidates.ts';
import { parseTarget, type Target } from './target.ts';

const policy = defaultRoutingPolicy.health;

function candidate(
  id: string,
  fields: Partial<Omit<Candidate, 'target'>> & { weight?: number } = {},
): Candidate {
  const { weight, ...rest } = fields;
  return {
    target: parseTarget(id, weight) as Target,
    circuit: 'closed',
    stats: undefined,
    price: undefined,
    ...rest,
  };
}

const stats = (successRate: number, tokensPerSecond?: number, latencyMs?: number) => ({
  requests: 100,
  successRate,
  latencyMs,
  firstTokenMs: undefined,
  tokensPerSecond,
});

const ids = (result: { candidates: Candidate[] }) => result.candidates.map((c) => c.target.id);
const never = () => 0.99;

describe('orderCandidates', () => {
  it('keeps the configured order for the ordered strategy', () => {
    const result = orderCandidates(
      [candidate('a/1'), candidate('b/2')],
      { strategy: 'ordered' },
      policy,
      undefined,
    );
    expect(ids(result)).toEqual(['a/1', 'b/2']);
    expect(result.reason).toBe('ordered');
  });

  it('skips open circuits but tries them when every circuit is open', () => {
    const some = orderCandidates(
      [candidate('a/1', { circuit: 'open' }), candidate('b/2')],
      { strategy: 'ordered' },
      policy,
      undefined,
    );
    expect(ids(some)).toEqual(['b/2']);
    expect(some.skipped).toEqual([{ target: 'a/1', reason: 'circuit-open' }]);
    const all = orderCandidates(
      [candidate('a/1', { circuit: 'open' }), candidate('b/2', { circuit: 'open' })],
      { strategy: 'ordered' },
      policy,
      undefined,
    );
    expect(ids(all)).toEqual(['a/1', 'b/2']);
  });

  it('drops targets over the price cap', () => {
    const result = orderCandidates(
      [
        candidate('a/1', { price: { input: 10, output: 30 } }),
        candidate('b/2', { price: { input: 1, output: 2 } }),
      ],
      { strategy: 'ordered' },
      policy,
      { prompt: 5 },
    );
    expect(ids(result)).toEqual(['b/2']);
    expect(result.skipped).toEqual([{ target: 'a/1', reason: 'over-max-price' }]);
  });

  it('sorts by price, throughput or latency, unknowns last in configured order', () => {
    const list = [
      candidate('a/1', { price: { input: 5, output: 15 }, stats: stats(1, 40, 900) }),
      candidate('b/2'),
      candidate('c/3', { price: { input: 1, output: 2 }, stats: stats(1, 120, 300) }),
    ];
    expect(
      ids(orderCandidates(list, { strategy: 'ordered', sort: 'price' }, policy, undefined)),
    ).toEqual(['c/3', 'a/1', 'b/2']);
    expect(
      ids(orderCandidates(list, { strategy: 'ordered', sort: 'throughput' }, policy, undefined)),
    ).toEqual(['c/3', 'a/1', 'b/2']);
    expect(
      ids(orderCandidates(list, { strategy: 'ordered', sort: 'latency' }, policy, undefined)),
    ).toEqual(['c/3', 'a/1', 'b/2']);
  });

  it('scores by health: a target under 95% success falls behind a slower, pricier one', () => {
    const result = orderCandidates(
      [
        candidate('cheap/fast', { price: { input: 1, output: 1 }, stats: stats(0.8, 200, 200) }),
        candidate('steady/slow', { price: { input: 3, output: 3 }, stats: stats(1, 50, 800) }),
      ],
      { strategy: 'health' },
      policy,
      undefined,
      never,
    );
    expect(ids(result)).toEqual(['steady/slow', 'cheap/fast']);
    expect(result.candidates[0]?.score).toBeGreaterThan(result.candidates[1]?.score ?? 1);
  });

  it('prefers the cheaper and faster of two healthy targets', () => {
    const result = orderCandidates(
      [
        candidate('pricey/slow', { price: { input: 5, output: 15 }, stats: stats(1, 50, 900) }),
        candidate('cheap/fast', { price: { input: 1, output: 2 }, stats: stats(0.99, 150, 300) }),
      ],
      { strategy: 'health' },
      policy,
      undefined,
      never,
    );
    expect(ids(result)).toEqual(['cheap/fast', 'pricey/slow']);
  });

  it('puts a half-open target first: this request is its probe', () => {
    const result = orderCandidates(
      [candidate('a/1'), candidate('b/2', { circuit: 'half-open' })],
      { strategy: 'ordered' },
      policy,
      undefined,
    );
    expect(ids(result)).toEqual(['b/2', 'a/1']);
  });

  it('does not penalise a low success rate until the window has enough samples', () => {
    // 90% success is under the 95% line; with 4x the throughput, only the penalty decides.
    const window = (requests: number) => ({ ...stats(0.9, 200), requests });
    const order = (requests: number) =>
      ids(
        orderCandidates(
          [
            candidate('a/1', { stats: stats(1, 50) }),
            candidate('b/2', { stats: window(requests) }),
          ],
          { strategy: 'health' },
          policy,
          undefined,
          never,
        ),
      );
    expect(order(3)).toEqual(['b/2', 'a/1']);
    expect(order(100)).toEqual(['a/1', 'b/2']);
  });

  it('explores a non-best target first on a small share of requests', () => {
    const list = [
      candidate('a/1', { stats: stats(1, 100) }),
      candidate('b/2', { stats: stats(0.5, 10) }),
    ];
    const draws = [0.001, 0];
    const result = orderCandidates(
      list,
      { strategy: 'health' },
      policy,
      undefined,
      () => draws.shift() ?? 0,
    );
    expect(ids(result)).toEqual(['b/2', 'a/1']);
    expect(result.reason).toBe('exploration');
  });

  it('splits by weight for the weighted strategy', () => {
    const list = [candidate('a/1', { weight: 3 }), candidate('b/2', { weight: 1 })];
    expect(
      ids(orderCandidates(list, { strategy: 'weighted' }, policy, undefined, () => 0.5)),
    ).toEqual(['a/1', 'b/2']);
    expect(
      ids(orderCandidates(list, { strategy: 'weighted' }, policy, undefined, () => 0.9)),
    ).toEqual(['b/2', 'a/1']);
    let first = 0;
    for (let draw = 0; draw < 1000; draw++) {
      if (
        orderCandidates(list, { strategy: 'weighted' }, policy, undefined, () => draw / 1000)
          .candidates[0]?.target.id === 'a/1'
      )
        first++;
    }
    expect(first).toBe(750);
  });
});
