import { describe, expect, it } from 'vitest';
import { createControlledStore } from '../../store/controlled-store.ts';
import { guardStore } from '../../store/guarded-store.ts';
import { createAuthenticator } from './authenticator.ts';
import { createKey } from './create-key.ts';
import { generateApiKey } from './key-material.ts';
import { createTeam, updateTeam } from './manage-teams.ts';
import type { ManagementContext } from './management-result.ts';
import { updateKey } from './update-key.ts';

const secret = new TextEncoder().encode('secret');

function setup() {
  let clock = Date.UTC(2026, 11, 6);
  const controlled = createControlledStore();
  const store = guardStore(controlled.store, {
    timeBudgetMs: 1_000,
    breaker: { failureThreshold: 100 },
  });
  const authenticator = createAuthenticator({
    adminKey: 'sk-admin',
    staticKeys: [{ key: 'sk-config', tenant: 'team-a' }],
    keySecret: secret,
    store,
    now: () => clock,
    cache: { ttlMs: 5_000 },
  });
  const context = (): ManagementContext => ({
    store,
    now: clock,
    auditRetentionDays: 30,
    audit: { actor: 'admin', requestId: null, ip: null },
  });
  const create = async (settings: Parameters<typeof createKey>[1]) => {
    const created = await createKey(context(), settings, secret);
    if (created.status !== 'ok') throw new Error(created.status);
    return created.value;
  };
  return { controlled, authenticator, context, create, advance: (ms: number) => (clock += ms) };
}

describe('createAuthenticator', () => {
  it('knows the root key and config keys without the store', async () => {
    const { authenticator, controlled } = setup();
    expect(await authenticator.authenticate('sk-admin')).toEqual({
      status: 'authenticated',
      principal: { kind: 'root' },
    });
    expect(await authenticator.authenticate('sk-config')).toEqual({
      status: 'authenticated',
      principal: { kind: 'static', tenant: 'team-a' },
    });
    expect(controlled.calls).toEqual([]);
  });

  it('matches configured keys whose variables end in whitespace, as presented keys are trimmed', async () => {
    const authenticator = createAuthenticator({
      adminKey: 'sk-admin\n',
      staticKeys: [{ key: ' sk-config\n', tenant: 'team-a' }],
    });
    expect(await authenticator.authenticate('sk-admin')).toEqual({
      status: 'authenticated',
      principal: { kind: 'root' },
    });
    expect(await authenticator.authenticate('sk-config')).toMatchObject({
      principal: { kind: 'static', tenant: 'team-a' },
    });
  });

  it('finds a stored key by its HMAC, with its team', async () => {
    const { authenticator, context, create } = setup();
    await createTeam(context(), 'research', { name: 'Research' });
    const { key, record } = await create({ name: 'ci', teamId: 'research' });
    const result = await authenticator.authenticate(key);
    expect(result).toMatchObject({
      status: 'authenticated',
      principal: { kind: 'key', key: { hash: record.hash }, team: { id: 'research' } },
    });
  });

  it('rejects unknown keys alike, and reads the store only for text shaped like a stored key', async () => {
    const { authenticator, controlled } = setup();
    expect(await authenticator.authenticate('sk-wrong')).toEqual({
      status: 'rejected',
      reason: 'unknown',
    });
    expect(controlled.calls).toEqual([]);
    expect(await authenticator.authenticate(generateApiKey())).toEqual({
      status: 'rejected',
      reason: 'unknown',
    });
    expect(controlled.calls).toEqual(['getFields']);
  });

  it('keeps keys of different holders apart in its cache', async () => {
    const { authenticator, create } = setup();
    const [first, second] = [await create({ name: 'one' }), await create({ name: 'two' })];
    await authenticator.authenticate(first.key);
    await authenticator.authenticate(second.key);
    expect(await authenticator.authenticate(first.key)).toMatchObject({
      principal: { key: { name: 'one' } },
    });
    expect(await authenticator.authenticate(second.key)).toMatchObject({
      principal: { key: { name: 'two' } },
    });
  });

  it('serves a cached key for a short while, but a fresh read sees a revoke at once', async () => {
    const { authenticator, context, create, controlled, advance } = setup();
    const { key, record } = await create({ name: 'ci' });
    await authenticator.authenticate(key);
    await updateKey(context(), record.hash, { disabled: true });
    controlled.calls.length = 0;
    expect(await authenticator.authenticate(key)).toMatchObject({ status: 'authenticated' });
    expect(controlled.calls).toEqual([]);
    expect(await authenticator.authenticate(key, { fresh: true })).toEqual({
      status: 'rejected',
      reason: 'key_disabled',
    });
    // The fresh read also replaced the cached copy.
    expect(await authenticator.authenticate(key)).toMatchObject({ status: 'rejected' });
    await updateKey(context(), record.hash, { disabled: false });
    advance(5_000);
    expect(await authenticator.authenticate(key)).toMatchObject({ status: 'authenticated' });
  });

  it('reloads a key the admission script found stale, for the requests after it too', async () => {
    const { authenticator, context, create } = setup();
    const { key, record } = await create({ name: 'ci', rpm: 1 });
    await authenticator.authenticate(key);
    await updateKey(context(), record.hash, { rpm: 2 });
    expect(await authenticator.reload(record.hash)).toMatchObject({
      status: 'found',
      principal: { key: { limits: { rpm: 2 } } },
    });
    expect(await authenticator.authenticate(key)).toMatchObject({
      principal: { key: { limits: { rpm: 2 } } },
    });
  });

  it('rejects expired keys and keys of a disabled or expired team', async () => {
    const { authenticator, context, create, advance } = setup();
    const soon = await create({ name: 'soon', expiresAt: Date.UTC(2026, 11, 6) + 1_000 });
    expect(await authenticator.authenticate(soon.key)).toMatchObject({ status: 'authenticated' });
    advance(1_000);
    expect(await authenticator.authenticate(soon.key)).toEqual({
      status: 'rejected',
      reason: 'key_expired',
    });
    await createTeam(context(), 'off', { name: 'Off' });
    const member = await create({ name: 'member', teamId: 'off' });
    await updateTeam(context(), 'off', { disabled: true });
    expect(await authenticator.authenticate(member.key, { fresh: true })).toEqual({
      status: 'rejected',
      reason: 'team_disabled',
    });
  });

  it('answers unavailable when a stored key must be read and the store cannot answer', async () => {
    const { authenticator, controlled, create } = setup();
    const { key } = await create({ name: 'ci' });
    controlled.setMode('reject');
    expect(await authenticator.authenticate(key)).toMatchObject({ status: 'unavailable' });
    expect(await authenticator.authenticate('sk-admin')).toMatchObject({ status: 'authenticated' });
  });

  it('turns stored keys off without a secret', async () => {
    const { create } = setup();
    const { key } = await create({ name: 'ci' });
    const off = createAuthenticator({ adminKey: 'sk-admin' });
    expect(await off.authenticate(key)).toEqual({ status: 'rejected', reason: 'unknown' });
  });
});
