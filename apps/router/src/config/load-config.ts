import { z } from 'zod';
import { demoConfig } from './demo-config.ts';
import { configSchema, type RouterConfig } from './schema.ts';

/** The configuration could not be used; the message names every bad field by its path. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates a configuration given as JSON text or as a value.
 * @example parseConfig('{"providers":{"mock":{"type":"mock","models":{"echo":{}}}}}')
 */
export function parseConfig(source: string | unknown, origin = 'SWITCHYARD_CONFIG'): RouterConfig {
  let value: unknown = source;
  if (typeof source === 'string') {
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new ConfigError(`${origin} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `  - ${formatPath(issue.path)}: ${issue.message}`,
    );
    throw new ConfigError(`${origin} is invalid:\n${issues.join('\n')}`);
  }
  return result.data;
}

/** Where the configuration in use came from, for the start-up summary. */
export type ConfigOrigin =
  | { kind: 'file'; path: string; from: '--config' | 'SWITCHYARD_CONFIG_FILE' }
  | { kind: 'variable' }
  | { kind: 'demo' };

export interface LoadedConfig {
  config: RouterConfig;
  origin: ConfigOrigin;
}

/**
 * The configuration in the `SWITCHYARD_CONFIG` variable (JSON), else the demo config. What
 * Workers use, and Node when no file is given. A `SWITCHYARD_CONFIG_FILE` that arrives here
 * cannot be read (Workers have no files), so it is an error rather than a silent demo.
 * @example const { config, origin } = loadConfigFromVariables(env); // origin.kind: 'variable'
 */
export function loadConfigFromVariables(env: Readonly<Record<string, unknown>>): LoadedConfig {
  const inline = nonEmpty(env.SWITCHYARD_CONFIG);
  if (inline !== undefined)
    return { config: parseConfigVariable(inline), origin: { kind: 'variable' } };
  const file = nonEmpty(env.SWITCHYARD_CONFIG_FILE);
  if (file !== undefined) {
    throw new ConfigError(
      `SWITCHYARD_CONFIG_FILE is set (${file}), but Workers cannot read files: put the file's JSON in SWITCHYARD_CONFIG (\`npm run dev -- --config ${file}\` does that for wrangler dev; to deploy, \`npm run wrangler -- secret put SWITCHYARD_CONFIG < ${file}\`).`,
    );
  }
  return { config: parseConfig(demoConfig, 'the demo config'), origin: { kind: 'demo' } };
}

/**
 * Parses `SWITCHYARD_CONFIG`, which holds the configuration itself; a value shaped like a file
 * path gets an error that points to `SWITCHYARD_CONFIG_FILE` instead of a JSON syntax error.
 * @example parseConfigVariable('./switchyard.json'); // throws: ... use SWITCHYARD_CONFIG_FILE
 */
export function parseConfigVariable(text: string): RouterConfig {
  const value = text.trim();
  // The value is not echoed: a secret pasted here by mistake must not reach the log.
  if (/\.jsonc?$/i.test(value) || /^(\.{1,2}|~)?\//.test(value)) {
    throw new ConfigError(
      "SWITCHYARD_CONFIG holds the configuration's JSON, but its value looks like a file path: put the path in SWITCHYARD_CONFIG_FILE instead.",
    );
  }
  return parseConfig(text, 'SWITCHYARD_CONFIG');
}

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(root)' : z.core.toDotPath(path as PropertyKey[]);
}

/** Resolves a secret reference: `env:NAME` reads NAME from `env`, anything else is literal. */
export function resolveSecret(
  reference: string | undefined,
  env: Readonly<Record<string, unknown>>,
): string | undefined {
  if (reference === undefined || !reference.startsWith('env:')) return reference;
  const value = env[reference.slice(4)];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
