import { z } from 'zod';
import { teamIdPattern } from '../../governance/records/manage-teams.ts';
import type { ScopeSettings, SettingsPatch } from '../../governance/records/settings.ts';
import { nameSchema, scopeFieldsShape, toScopePatch, withoutNulls } from './scope-fields-schema.ts';

/** `POST /api/v1/teams`: the id is generated when left out. */
export const createTeamSchema = z.strictObject({
  id: z
    .string()
    .regex(teamIdPattern, 'must match [a-z0-9][a-z0-9._-]*, at most 64 characters')
    .optional(),
  name: nameSchema,
  ...scopeFieldsShape,
});

/** `PATCH /api/v1/teams/{id}`. */
export const updateTeamSchema = z.strictObject({
  name: nameSchema.optional(),
  ...scopeFieldsShape,
});

export function toTeamSettings(body: z.output<typeof createTeamSchema>): ScopeSettings {
  return { ...withoutNulls(toScopePatch(body)), name: body.name };
}

export function toTeamPatch(body: z.output<typeof updateTeamSchema>): SettingsPatch<ScopeSettings> {
  return { ...toScopePatch(body), name: body.name };
}
