import { describe, expect, it } from 'vitest';
import type { Principal } from '../principal.ts';
import type { KeyRecord, KeyRole } from '../scope-record.ts';
import { audienceRefusal, managementRights } from './access.ts';

const keyWith = (role: KeyRole, teamId?: string): Principal => ({
  kind: 'key',
  key: {
    hash: 'h',
    scopeId: 'h',
    label: 'sk-sy-v1-…abcd',
    role,
    onInsufficient: 'reject',
    name: 'k',
    limits: {},
    disabled: false,
    metadata: {},
    createdAt: 0,
    updatedAt: 0,
    version: '1',
    ...(teamId === undefined ? {} : { teamId }),
  } satisfies KeyRecord,
});

describe('who may call what', () => {
  it('lets root call everything', () => {
    for (const audience of ['inference', 'management', 'self'] as const) {
      expect(audienceRefusal({ kind: 'root' }, audience)).toBeUndefined();
    }
  });

  it('keeps management keys off inference and inference keys off management', () => {
    expect(audienceRefusal(keyWith('admin'), 'inference')).toMatch(/management key/);
    expect(audienceRefusal(keyWith('viewer'), 'inference')).toMatch(/management key/);
    expect(audienceRefusal(keyWith('inference'), 'management')).toMatch(/inference key/);
    expect(audienceRefusal({ kind: 'static', tenant: 't' }, 'management')).toMatch(/inference key/);
    expect(audienceRefusal(keyWith('inference'), 'inference')).toBeUndefined();
    expect(audienceRefusal({ kind: 'static', tenant: 't' }, 'inference')).toBeUndefined();
    expect(audienceRefusal(keyWith('viewer'), 'management')).toBeUndefined();
  });

  it('lets every key read about itself', () => {
    for (const role of ['inference', 'admin', 'viewer'] as const) {
      expect(audienceRefusal(keyWith(role), 'self')).toBeUndefined();
    }
  });

  it('gives admins writes and viewers reads, named by label, limited to their team', () => {
    expect(managementRights({ kind: 'root' })).toEqual({ canWrite: true, actor: 'admin' });
    expect(managementRights(keyWith('admin'))).toEqual({ canWrite: true, actor: 'sk-sy-v1-…abcd' });
    expect(managementRights(keyWith('viewer', 'research'))).toEqual({
      canWrite: false,
      actor: 'sk-sy-v1-…abcd',
      team: 'research',
    });
  });
});
