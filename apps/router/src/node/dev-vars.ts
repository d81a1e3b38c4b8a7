import { keyVariables } from '../providers/provider-credentials.ts';
import { CliError } from './cli-error.ts';
import type { Environment } from './env-files.ts';

/** What the router reads besides the provider keys; passed on from the shell to wrangler dev. */
const routerVariables = [
  'SWITCHYARD_ADMIN_KEY',
  'SWITCHYARD_KEY_SECRET',
  'SWITCHYARD_CONFIG',
  'SWITCHYARD_CONFIG_FILE',
  'SWITCHYARD_STRICT',
  'SWITCHYARD_METRICS_TOKEN',
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
];

/**
 * The variables a worker under `wrangler dev` gets: `.dev.vars`, overridden by the same names
 * set in the shell (the router's own, the `OTEL_*` trace settings, every provider's default key
 * variable and any `env:NAME` the config text mentions), so `OPENAI_API_KEY=… npm run dev` works as it does for `serve`.
 * Nothing else from the shell is passed: the worker must not see PATH, HOME and the like.
 * @example devVariables({ SWITCHYARD_ADMIN_KEY: 'a' }, process.env, configText);
 */
export function devVariables(
  devVars: Readonly<Record<string, string>>,
  shell: Environment,
  configText = '',
): Record<string, string> {
  const names = new Set([
    ...Object.keys(devVars),
    ...routerVariables,
    ...Object.keys(shell).filter((name) => name.startsWith('OTEL_')),
    ...Object.values(keyVariables),
    ...Array.from(configText.matchAll(/"env:([A-Za-z_][A-Za-z0-9_]*)"/g), (match) => match[1]),
  ]);
  const merged: Record<string, string> = { ...devVars };
  for (const name of names) {
    const value = name === undefined ? undefined : shell[name];
    if (name !== undefined && value !== undefined && value !== '') merged[name] = value;
  }
  return merged;
}

/**
 * A `.env` file wrangler reads back to exactly these values. Wrangler expands `$NAME` in env
 * files (dotenv-expand), so every `$` is escaped; each value is quoted with a quote it lacks.
 * @example serializeEnvFile({ SWITCHYARD_CONFIG: '{"providers":{}}' });
 * // SWITCHYARD_CONFIG='{"providers":{}}'
 */
export function serializeEnvFile(variables: Readonly<Record<string, string>>): string {
  const lines = Object.entries(variables).map(([name, value]) => {
    const escaped = value.replaceAll('$', '\\$');
    // Double quotes would turn a `\n` inside JSON strings into a line break.
    const quote = ["'", '`', '"'].find(
      (candidate) => !escaped.includes(candidate) && (candidate !== '"' || !escaped.includes('\\')),
    );
    if (quote === undefined) {
      throw new CliError(`${name} cannot be passed to wrangler dev: it holds ', \` and " at once`);
    }
    return `${name}=${quote}${escaped}${quote}`;
  });
  return `${lines.join('\n')}\n`;
}

/**
 * JSON text re-encoded for an env file: compact, with `'`, `` ` `` and `$` written as `\u`
 * escapes. Those characters only occur inside JSON strings, where the escapes mean the same,
 * so any configuration fits in single quotes and nothing in it is expanded.
 * @example jsonForEnvFile('{"reply": "it\'s $5"}'); // {"reply":"it\u0027s \u00245"}
 */
export function jsonForEnvFile(text: string): string {
  return JSON.stringify(JSON.parse(text)).replace(
    /['`$]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
