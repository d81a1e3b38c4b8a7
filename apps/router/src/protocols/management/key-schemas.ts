import { z } from 'zod';
import { teamIdPattern } from '../../governance/records/manage-teams.ts';
import type { KeySettings, SettingsPatch } from '../../governance/records/settings.ts';
import { nameSchema, scopeFieldsShape, toScopePatch, withoutNulls } from './scope-fields-schema.ts';

const teamIdSchema = z
  .string()
  .regex(teamIdPattern, 'must match [a-z0-9][a-z0-9._-]*, at most 64 characters');

const keyFieldsShape = {
  ...scopeFieldsShape,
  team_id: teamIdSchema.nullish(),
  role: z.enum(['inference', 'admin', 'viewer']).optional(),
  on_insufficient: z.enum(['reject', 'clamp']).optional(),
};

/** `POST /api/v1/keys`. */
export const createKeySchema = z.strictObject({ name: nameSchema, ...keyFieldsShape });

/** `PATCH /api/v1/keys/{hash}` takes each field optionally; null clears an optional one. */
export const updateKeySchema = z.strictObject({ name: nameSchema.optional(), ...keyFieldsShape });

/** `POST /api/v1/keys/{hash}/rotate`. */
export const rotateKeySchema = z.strictObject({
  /** How long the old key keeps working; 0 = it stops at once. At most 30 days. */
  grace_seconds: z.number().int().min(0).max(2_592_000).default(0),
});

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

/** `GET /api/v1/keys`. */
export const listKeysQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  include_disabled: booleanQuery.default(false),
  team_id: teamIdSchema.optional(),
});

/** The settings of a key to create. */
export function toKeySettings(body: z.output<typeof createKeySchema>): KeySettings {
  return { ...withoutNulls(toKeyPatch(body)), name: body.name };
}

/** The change a `PATCH` asks for. */
export function toKeyPatch(body: z.output<typeof updateKeySchema>): SettingsPatch<KeySettings> {
  return {
    ...toScopePatch(body),
    name: body.name,
    teamId: body.team_id,
    role: body.role,
    onInsufficient: body.on_insufficient,
  };
}
