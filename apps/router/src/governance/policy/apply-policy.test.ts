import { expect, it } from 'vitest';
import { parseConfig, type RouterConfigInput } from '../../config/index.ts';
import { AuthenticationError } from '../../errors/index.ts';
import { InsufficientBudgetError } from '../../errors/insufficient-budget-error.ts';
import { RateLimitedError } from '../../errors/rate-limited-error.ts';
import { startFacts } from '../../facts/route-facts.ts';
import type { GuardedStore } from '../../store/store-result.ts';
import { StoreUnavailableError } from '../../store/store-unavailable-error.ts';
import type { CallEstimate } from '../estimate.ts';
import type { Principal } from '../principal.ts';
import type { PrincipalLookup } from '../records/load-principal.ts';
import type { KeyRecord } from '../scope-record.ts';
import { describeOnScriptStores, writeHash } from '../script-test-stores.ts';
import { governanceKeys, scopeName } from '../store-keys.ts';
import { applyPolicy } from './apply-policy.ts';
import { settleRequest } from './settle-request.ts';

const now = Date.UTC(2026, 11, 6, 12);
const baseConfig: RouterConfigInput = {
  providers: { mock: { type: 'mock', models: { echo: {} } } },
};

const keyRecord = (overrides: Partial<KeyRecord> = {}): KeyRecord => ({
  hash: 'hash-a',
  scopeId: 'hash-a',
  label: 'sk-sy-v1-…a3f9',
  role: 'inference',
  onInsufficient: 'reject',
  name: 'a',
  limits: {},
  disabled: false,
  metadata: {},
  createdAt: now,
  updatedAt: now,
  version: '1',
  ...overrides,
});

/** A flat estimate: `nanos` per call, 100 tokens, output price 1 nanodollar per token. */
const flatEstimate =
  (nanos: number) =>
  (_targets: unknown, maxOutputTokens?: number): CallEstimate => {
    const outputTokens = maxOutputTokens ?? 1_000;
    const total = Math.min(nanos, outputTokens);
    return {
      inputTokens: 0,
      outputTokens,
      totalTokens: 100,
      nanos: total,
      priced: true,
      targets: [
        {
          target: 'mock/echo',
          inputTokens: 0,
          outputTokens,
          inputNanos: 0,
          outputNanosPerToken: 1,
          priced: true,
        },
      ],
    };
  };

describeOnScriptStores('applyPolicy', (open) => {
  async function setup(key: KeyRecord, configInput: Partial<RouterConfigInput> = {}) {
    const { store, at } = await open();
    at(now);
    await writeHash(store, governanceKeys.key(key.hash), {
      version: key.version,
      disabled: key.disabled ? '1' : '0',
      expires_at: '',
    });
    const config = parseConfig({ ...baseConfig, ...configInput });
    const reloads: string[] = [];
    let reloaded: PrincipalLookup = { status: 'absent' };
    const governance = {
      store,
      now: () => now,
      reload: async (hash: string) => {
        reloads.push(hash);
        return reloaded;
      },
    };
    const run = (principal: Principal, nanos = 1_000, facts = startFacts('mock/echo')) =>
      applyPolicy(config, governance, {
        principal,
        model: 'mock/echo',
        targets: [],
        estimate: flatEstimate(nanos),
        allowedFor: () => [],
        clampable: true,
        facts,
        background: () => {},
      });
    const spend = async () => {
      const read = await store.get(
        governanceKeys.spend(scopeName({ kind: 'key', id: key.scopeId }), 'all'),
      );
      return read.status === 'value' ? Number(read.value) : 0;
    };
    return {
      store,
      config,
      governance,
      run,
      spend,
      reloads,
      setReload: (lookup: PrincipalLookup) => {
        reloaded = lookup;
      },
    };
  }

  it('admits a config key to an unlimited gateway without a reservation', async () => {
    const { run } = await setup(keyRecord());
    const admission = await run({ kind: 'static', tenant: 'team-a' });
    expect(admission.reservation).toBeUndefined();
    expect(admission.scopes).toEqual([]);
  });

  it('reserves for a stored key, and settles the actual cost in place of the estimate', async () => {
    const key = keyRecord({ limits: { limitNanos: 10_000 } });
    const { run, spend, config, governance } = await setup(key);
    const facts = startFacts('mock/echo');
    const admission = await run({ kind: 'key', key }, 1_000, facts);
    expect(admission.reservation).toBeDefined();
    expect(await spend()).toBe(1_000);
    facts.cost = {
      total: 0.0000004,
      input: 0,
      output: 0,
      cacheRead: 0,
      cacheWrite: 0,
      currency: 'USD',
    };
    await settleRequest(config, governance, admission, facts);
    expect(await spend()).toBe(400);
    await settleRequest(config, governance, admission, facts);
    expect(await spend()).toBe(400);
  });

  it('refuses with 402 and no retry when the budget cannot afford the estimate', async () => {
    const key = keyRecord({ limits: { limitNanos: 1_500 } });
    const { run } = await setup(key);
    await run({ kind: 'key', key });
    const facts = startFacts('mock/echo');
    const refused = run({ kind: 'key', key }, 1_000, facts);
    await expect(refused).rejects.toBeInstanceOf(InsufficientBudgetError);
    await expect(refused).rejects.toMatchObject({ statusCode: 402, remaining: 0.0000005 });
    expect(facts.limits?.shouldRetry).toBe(false);
  });

  it('lowers max_tokens to what the budget affords for a clamping key', async () => {
    const key = keyRecord({ limits: { limitNanos: 1_500 }, onInsufficient: 'clamp' });
    const { run, spend } = await setup(key);
    await run({ kind: 'key', key });
    const admission = await run({ kind: 'key', key });
    expect(admission.maxOutputTokens).toBe(500);
    expect(await spend()).toBe(1_500);
  });

  it('re-reads a stale key and admits with what the store has now', async () => {
    const key = keyRecord({ version: '1' });
    const { run, store, reloads, setReload } = await setup(key);
    const edited = keyRecord({ version: '2', limits: { rpm: 5 } });
    await writeHash(store, governanceKeys.key(key.hash), {
      version: '2',
      disabled: '0',
      expires_at: '',
    });
    setReload({ status: 'found', principal: { kind: 'key', key: edited } });
    const facts = startFacts('mock/echo');
    const admission = await run({ kind: 'key', key }, 1_000, facts);
    expect(reloads).toEqual([key.hash]);
    expect(admission.reservation).toBeDefined();
    expect(facts.limits?.requests).toMatchObject({ limit: 5, remaining: 4 });
  });

  it('refuses a key made a management key since it was cached, on the very next request', async () => {
    const key = keyRecord({ version: '1' });
    const { run, store, setReload } = await setup(key);
    await writeHash(store, governanceKeys.key(key.hash), {
      version: '2',
      disabled: '0',
      expires_at: '',
    });
    setReload({
      status: 'found',
      principal: { kind: 'key', key: keyRecord({ version: '2', role: 'admin' }) },
    });
    await expect(run({ kind: 'key', key })).rejects.toMatchObject({
      statusCode: 403,
      type: 'permission_error',
    });
  });

  it('refuses a key revoked since it was cached, on the very next request', async () => {
    const key = keyRecord();
    const { run, store } = await setup(key);
    await writeHash(store, governanceKeys.key(key.hash), {
      version: key.version,
      disabled: '1',
      expires_at: '',
    });
    await expect(run({ kind: 'key', key })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('answers 429 with retry advice once rpm is spent', async () => {
    const key = keyRecord({ limits: { rpm: 2 } });
    const { run } = await setup(key);
    await run({ kind: 'key', key });
    await run({ kind: 'key', key });
    const facts = startFacts('mock/echo');
    const refused = run({ kind: 'key', key }, 1_000, facts);
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ statusCode: 429, code: 'rate_limit_exceeded' });
    expect(facts.limits?.retryAfterMs).toBeGreaterThan(0);
    expect(facts.limits?.requests).toMatchObject({ limit: 2, remaining: 0 });
  });
});

describeOnScriptStores('applyPolicy when the store is down', (open) => {
  const down = (store: GuardedStore): GuardedStore => ({
    ...store,
    runScript: async () => ({
      status: 'unavailable',
      error: new StoreUnavailableError({ operation: 'runScript' }),
    }),
  });
  const run = async (key: KeyRecord, onStoreUnavailable?: 'open' | 'closed') => {
    const { store } = await open();
    const config = parseConfig(baseConfig);
    return applyPolicy(
      config,
      { store: down(store), reload: async () => ({ status: 'absent' }) },
      {
        principal: { kind: 'key', key: { ...key, onStoreUnavailable } },
        model: 'mock/echo',
        targets: [],
        estimate: flatEstimate(1_000),
        allowedFor: () => [],
        clampable: false,
        facts: startFacts('mock/echo'),
        background: () => {},
      },
    );
  };

  it('fails closed with 503 for a key with a limit', async () => {
    await expect(run(keyRecord({ limits: { rpm: 1 } }))).rejects.toMatchObject({
      statusCode: 503,
      code: 'store_unavailable',
    });
  });

  it('lets a limited key through unmetered when its scope says open', async () => {
    const admission = await run(keyRecord({ limits: { rpm: 1 } }), 'open');
    expect(admission.reservation).toBeUndefined();
  });

  it('lets a key without limits through', async () => {
    const admission = await run(keyRecord());
    expect(admission.reservation).toBeUndefined();
  });
});
