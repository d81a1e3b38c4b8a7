import { describe, expect, it } from 'vitest';
import type { KeyRecord, TeamRecord } from '../scope-record.ts';
import { decodeKeyRecord, encodeKeyRecord } from './key-record-codec.ts';
import { decodeTeamRecord, encodeTeamRecord } from './team-record-codec.ts';

const fullKey: KeyRecord = {
  hash: 'a'.repeat(64),
  scopeId: 'b'.repeat(64),
  label: 'sk-sy-v1-…a3f9',
  role: 'inference',
  teamId: 'research',
  onInsufficient: 'clamp',
  name: 'ci bot',
  limits: {
    limitNanos: 12_500_000_000,
    limitReset: 'monthly',
    rpm: 60,
    tpm: 100_000,
    maxParallel: 4,
    models: ['openai/*', 'fast'],
  },
  disabled: false,
  expiresAt: 1_800_000_000_000,
  onStoreUnavailable: 'open',
  metadata: { owner: 'ci', nested: { ok: true } },
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_500,
  version: '1700000000500',
};

const bareKey: KeyRecord = {
  hash: 'c'.repeat(64),
  scopeId: 'c'.repeat(64),
  label: 'sk-sy-v1-…0000',
  role: 'viewer',
  onInsufficient: 'reject',
  name: 'viewer',
  limits: {},
  disabled: true,
  metadata: {},
  createdAt: 1,
  updatedAt: 2,
  version: '3',
};

describe('key record codec', () => {
  it('round-trips a record with every field and one with none of the optional ones', () => {
    expect(decodeKeyRecord(encodeKeyRecord(fullKey))).toEqual(fullKey);
    expect(decodeKeyRecord(encodeKeyRecord(bareKey))).toEqual(bareKey);
  });

  it('writes the fields the admission script reads under their exact names', () => {
    expect(encodeKeyRecord(fullKey)).toMatchObject({
      version: '1700000000500',
      disabled: '0',
      expires_at: '1800000000000',
      limit: '12500000000',
    });
    expect(encodeKeyRecord(bareKey)).toMatchObject({ disabled: '1', expires_at: '', team_id: '' });
  });

  it('writes strings only', () => {
    for (const value of Object.values(encodeKeyRecord(fullKey)))
      expect(typeof value).toBe('string');
  });

  it.each([
    ['a missing field', { version: undefined }],
    ['an unknown role', { role: 'root' }],
    ['a flag that is not 0 or 1', { disabled: 'yes' }],
    ['a limit that is not an integer', { limit: '1.5' }],
    ['models that are not a JSON array of strings', { models: '{"a":1}' }],
    ['metadata that is not a JSON object', { metadata: '[1]' }],
    ['unreadable JSON', { metadata: '{' }],
    ['an unknown reset', { limit_reset: 'hourly' }],
  ])('reads %s as no record', (_, change) => {
    const fields: Record<string, string | undefined> = { ...encodeKeyRecord(fullKey), ...change };
    const present = Object.fromEntries(
      Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    expect(decodeKeyRecord(present)).toBeUndefined();
  });
});

describe('team record codec', () => {
  const team: TeamRecord = {
    id: 'research',
    name: 'Research',
    limits: { limitNanos: 0, models: [] },
    disabled: false,
    metadata: { cost_center: 42 },
    createdAt: 10,
    updatedAt: 20,
    version: '20',
  };

  it('round-trips, keeping a zero budget and an empty model list distinct from none', () => {
    expect(decodeTeamRecord(encodeTeamRecord(team))).toEqual(team);
    expect(encodeTeamRecord(team)).toMatchObject({ limit: '0', models: '[]', id: 'research' });
  });

  it('reads a hash without an id as no team', () => {
    const { id: _, ...fields } = encodeTeamRecord(team);
    expect(decodeTeamRecord(fields)).toBeUndefined();
  });
});
