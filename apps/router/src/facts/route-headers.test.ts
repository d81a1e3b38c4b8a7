import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RouteFacts } from './route-facts.ts';
import { headerSafe, routeHeaders } from './route-headers.ts';

/** Any string at all: lone surrogates, control characters, non-Latin-1, long runs. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.string({ unit: 'binary-ascii', maxLength: 3_000 }),
);

const acceptedByHeaders = (value: string) => {
  new Headers().set('x-test', value);
  return true;
};

const anyFacts: fc.Arbitrary<RouteFacts> = fc.record(
  {
    requested: anyText,
    alias: anyText,
    rule: fc.nat(),
    reason: anyText,
    targets: fc.array(anyText, { maxLength: 40 }),
    scores: fc.dictionary(anyText, fc.double()),
    skipped: fc.array(fc.record({ target: anyText, reason: anyText }), { maxLength: 5 }),
    attempts: fc.array(
      fc.record(
        {
          target: anyText,
          outcome: fc.constantFrom('ok' as const, 'error' as const),
          status: fc.integer(),
          code: anyText,
          durationMs: fc.double({ noNaN: true, min: 0, max: 1e9 }),
        },
        { requiredKeys: ['target', 'outcome', 'durationMs'] },
      ),
      { maxLength: 10 },
    ),
    served: fc.record({ providerId: anyText, modelId: anyText }),
    segments: fc.array(
      fc.record({
        target: anyText,
        outcome: fc.constantFrom('ok' as const, 'error' as const, 'cancelled' as const),
      }),
      { maxLength: 4 },
    ),
    cache: fc.record(
      {
        status: fc.constantFrom('HIT' as const, 'MISS' as const, 'BYPASS' as const),
        key: anyText,
        ageSeconds: fc.nat(),
      },
      { requiredKeys: ['status'] },
    ),
    warnings: fc.array(
      fc.oneof(
        fc.record({ type: fc.constant('unsupported' as const), feature: anyText }),
        fc.record({ type: fc.constant('other' as const), message: anyText }),
      ),
      { maxLength: 20 },
    ),
  },
  { requiredKeys: ['requested', 'targets', 'attempts', 'segments'] },
);

describe('headerSafe', () => {
  it('never produces a value Headers.set rejects, nor one over 2,048 characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const safe = headerSafe(text);
        expect(acceptedByHeaders(safe)).toBe(true);
        expect(safe.length).toBeLessThanOrEqual(2_048);
      }),
    );
  });

  it('leaves printable ASCII that fits as it is', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x20-\x7e]{0,2048}$/), (text) => {
        expect(headerSafe(text)).toBe(text);
      }),
    );
  });

  it('replaces what a header cannot carry and cuts a long value with an ellipsis', () => {
    expect(headerSafe('mock/ünï\r\n\u{1F600}')).toBe('mock/?n?????');
    const cut = headerSafe('x'.repeat(5_000));
    expect(cut).toHaveLength(2_048);
    expect(cut.endsWith('...')).toBe(true);
  });
});

describe('routeHeaders', () => {
  it('never produces a header value that Headers.set rejects, whatever the facts hold', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        for (const value of Object.values(routeHeaders(facts))) {
          expect(acceptedByHeaders(value)).toBe(true);
          expect(value.length).toBeLessThanOrEqual(2_048);
        }
      }),
    );
  });

  it('explains a served, cached request', () => {
    const headers = routeHeaders({
      requested: 'chat',
      targets: ['mock/echo'],
      attempts: [{ target: 'mock/echo', outcome: 'ok', durationMs: 3.4 }],
      served: { providerId: 'mock', modelId: 'echo' },
      segments: [{ target: 'mock/echo', outcome: 'ok' }],
      cache: { status: 'HIT', key: '0123456789abcdef', ageSeconds: 7 },
      warnings: [{ type: 'unsupported', feature: 'topK' }],
    });
    expect(headers).toEqual({
      'x-switchyard-provider': 'mock',
      'x-switchyard-model': 'echo',
      'x-switchyard-attempts': '1',
      'x-switchyard-cache': 'HIT',
      'x-switchyard-cache-key': '0123456789abcdef',
      age: '7',
      'x-switchyard-route': 'model=chat; targets=mock/echo; attempts=mock/echo:ok:3ms',
      'x-switchyard-warnings': 'unsupported:topK',
    });
  });

  it('says BYPASS and names no provider before anything was served', () => {
    expect(routeHeaders({ requested: 'chat', targets: [], attempts: [], segments: [] })).toEqual({
      'x-switchyard-attempts': '0',
      'x-switchyard-cache': 'BYPASS',
      'x-switchyard-route': 'model=chat; targets=; attempts=',
    });
  });

  it('keeps a request-derived model id with non-Latin-1 characters from breaking the response', () => {
    const headers = routeHeaders({
      requested: 'модель',
      targets: ['openai/гпт'],
      attempts: [],
      served: { providerId: 'openai', modelId: 'гпт' },
      segments: [],
    });
    expect(headers['x-switchyard-model']).toBe('???');
    expect(headers['x-switchyard-route']).toBe('model=??????; targets=openai/???; attempts=');
  });
});
