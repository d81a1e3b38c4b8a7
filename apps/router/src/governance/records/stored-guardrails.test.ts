import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scopeFieldsShape, toScopePatch } from '../../protocols/management/scope-fields-schema.ts';
import type { TeamRecord } from '../scope-record.ts';
import { describeTeam } from './describe-record.ts';
import { decodeTeamRecord, encodeTeamRecord } from './team-record-codec.ts';

const fieldsSchema = z.strictObject(scopeFieldsShape);

const team: TeamRecord = {
  id: 'research',
  name: 'Research',
  limits: {},
  disabled: false,
  metadata: {},
  createdAt: 1,
  updatedAt: 2,
  version: '3',
  guardrails: {
    rules: {
      'no-codename': {
        terms: ['Nightjar'],
        caseSensitive: false,
        direction: 'both',
        action: 'block',
        mode: 'enforce',
        restore: false,
      },
    },
    data: { zdr: true },
  },
};

describe('guardrails stored on a team or key', () => {
  it('round-trip through the store hash as JSON, and show in the record view', () => {
    const fields = encodeTeamRecord(team);
    expect(JSON.parse(fields.guardrails ?? '')).toEqual(team.guardrails);
    expect(decodeTeamRecord(fields)).toEqual(team);
    expect(describeTeam(team).guardrails).toEqual(team.guardrails);
  });

  it('are written empty and read as absent when a record has none', () => {
    const { guardrails: _none, ...bare } = team;
    const fields = encodeTeamRecord(bare);
    expect(fields.guardrails).toBe('');
    expect(decodeTeamRecord(fields)).toEqual(bare);
    expect(describeTeam(bare).guardrails).toBeNull();
  });

  it('read a malformed stored value as no rules, keeping the rest of the record', () => {
    const { guardrails: _none, ...bare } = team;
    for (const stored of [
      '{not json',
      '[]',
      '{"rules":{"x":{"pattern":"(a+)+$"}}}',
      '{"rules":1}',
    ]) {
      const fields = { ...encodeTeamRecord(team), guardrails: stored };
      expect(decodeTeamRecord(fields)).toEqual(bare);
    }
  });

  it('are accepted by the API with rule defaults filled; null clears them', () => {
    const parsed = fieldsSchema.parse({
      guardrails: { rules: { 'no-codename': { terms: ['Nightjar'], action: 'block' } } },
    });
    expect(toScopePatch(parsed).guardrails).toEqual({
      rules: { 'no-codename': { ...team.guardrails?.rules['no-codename'] } },
    });
    expect(toScopePatch(fieldsSchema.parse({ guardrails: null })).guardrails).toBeNull();
  });

  it('refuse an unsafe expression, an unknown field and an unknown detector, naming where', () => {
    const unsafe = fieldsSchema.safeParse({
      guardrails: { rules: { tickets: { pattern: '(a+)+$', action: 'block' } } },
    });
    expect(unsafe.success).toBe(false);
    expect(unsafe.error?.issues[0]).toMatchObject({
      path: ['guardrails', 'rules', 'tickets', 'pattern'],
    });
    expect(unsafe.error?.issues[0]?.message).toContain("rule 'tickets'");
    expect(fieldsSchema.safeParse({ guardrails: { rules: {}, extra: 1 } }).success).toBe(false);
    expect(
      fieldsSchema.safeParse({ guardrails: { rules: { x: { detectors: ['nope'] } } } }).success,
    ).toBe(false);
  });
});
