import { parseEnv } from 'node:util';
import { readText } from './read-text.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads `KEY=value` files (the `.dev.vars` / `.env` format); a later file overrides an earlier
 * one. Empty values are left out: `.dev.vars.example` uses them to mean "unset".
 * @example readEnvFiles(['.dev.vars']); // { SWITCHYARD_ADMIN_KEY: 'sk-switchyard-local' }
 */
export function readEnvFiles(paths: readonly string[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const path of paths) {
    for (const [name, value] of Object.entries(parseEnv(readText(path, 'the env file')))) {
      if (value !== undefined && value !== '') merged[name] = value;
    }
  }
  return merged;
}

/**
 * The environment the router runs with: the files' variables under the real environment, so a
 * variable set in the shell (or by the container) always wins over the file.
 * @example withEnvFiles({ PORT: '9000' }, process.env)
 */
export function withEnvFiles(fromFiles: Readonly<Record<string, string>>, real: Environment) {
  const result: Record<string, string | undefined> = { ...fromFiles };
  for (const [name, value] of Object.entries(real)) {
    if (value !== undefined && value !== '') result[name] = value;
  }
  return result;
}
