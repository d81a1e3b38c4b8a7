import { isWithin } from '../model-allowlist.ts';
import type { TeamRecord } from '../scope-record.ts';
import { governanceKeys } from '../store-keys.ts';
import type { CommitStep } from './commit-change.ts';
import type { ManagementContext, ManageResult } from './management-result.ts';
import { readTeamRecord } from './read-records.ts';
import type { KeySettings } from './settings.ts';

/** The key's team, read fresh, once the caller's team limit and the team's models allow it. */
export async function checkKeyTeam(
  context: Pick<ManagementContext, 'store' | 'team'>,
  settings: KeySettings,
): Promise<ManageResult<TeamRecord | undefined>> {
  if (context.team !== undefined && settings.teamId !== context.team) {
    return {
      status: 'forbidden',
      message: `This management key manages the keys of team '${context.team}' only.`,
    };
  }
  if (settings.teamId === undefined) return { status: 'ok', value: undefined };
  const team = await readTeamRecord(context.store, settings.teamId);
  if (team.status === 'unavailable') return team;
  if (team.status === 'absent') {
    return {
      status: 'invalid',
      message: `team_id: there is no team '${settings.teamId}'.`,
      param: 'team_id',
    };
  }
  const teamModels = team.value.limits.models;
  const outside = settings.models?.find((model) => !isWithin([model], teamModels));
  if (outside !== undefined) {
    return {
      status: 'invalid',
      message: `models: '${outside}' is outside the models of team '${team.value.id}'; a key can only narrow its team's.`,
      param: 'models',
    };
  }
  return { status: 'ok', value: team.value };
}

/** A commit step that fails the commit should the team change (or go) after it was read. */
export const teamUnchanged = (team: TeamRecord | undefined): CommitStep[] =>
  team === undefined
    ? []
    : [{ op: 'expect', key: governanceKeys.team(team.id), version: team.version }];

/**
 * The commit steps that keep the key indexes right when a key moves from team `from` to team
 * `to` (undefined: no team; `to` null: the key is deleted).
 * @example indexSteps(hash, undefined, 'research') // a new key in team research
 */
export function indexSteps(
  hash: string,
  from: string | undefined,
  to: string | undefined | null,
): CommitStep[] {
  const steps: CommitStep[] =
    to === null
      ? [{ op: 'deleteField', key: governanceKeys.keyIndex, field: hash }]
      : [{ op: 'setField', key: governanceKeys.keyIndex, field: hash, value: to ?? '' }];
  if (from !== undefined && from !== to) {
    steps.push({ op: 'deleteField', key: governanceKeys.teamKeys(from), field: hash });
  }
  if (to !== undefined && to !== null) {
    steps.push({ op: 'setField', key: governanceKeys.teamKeys(to), field: hash, value: '1' });
  }
  return steps;
}
