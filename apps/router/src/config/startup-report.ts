import { keySecretFrom } from '../governance/records/key-material.ts';
import { findMissingSecrets } from './check-secrets.ts';
import { type ConfigOrigin, resolveSecret } from './load-config.ts';
import type { RouterConfig } from './schema.ts';

/** The admin key the README and `.dev.vars.example` publish: fine for the demo only. */
export const publicAdminKey = 'sk-switchyard-local';

/** Something an operator should fix; `--strict` refuses to start on the fatal ones. */
export interface StartupWarning {
  message: string;
  fatal: boolean;
}

/** What the router runs with, printed once at start-up; never a secret's value. */
export interface StartupReport {
  config: string;
  providers: number;
  aliases: number;
  /** Which store holds the state, e.g. `Redis at redis://10.0.0.5:6379/0`. */
  store: string;
  adminKey: boolean;
  /** Keys from the config's `keys` whose variables are set. */
  staticKeys: number;
  /** Stored keys (`/api/v1/keys`) work only with a secret to hash them under. */
  storedKeys: string;
  warnings: StartupWarning[];
}

export interface StartupFacts {
  config: RouterConfig;
  origin: ConfigOrigin;
  env: Readonly<Record<string, unknown>>;
  adminKey: string | undefined;
}

/**
 * What an operator should fix before serving: unset secrets the config references, and the
 * public admin key guarding a configuration of one's own. Checked before the router listens.
 * @example
 * startupWarnings({ config, origin, env: process.env, adminKey: process.env.SWITCHYARD_ADMIN_KEY });
 * // [{ message: "Provider 'openai' has no API key: OPENAI_API_KEY is not set.", fatal: true }]
 */
export function startupWarnings(facts: StartupFacts): StartupWarning[] {
  const warnings: StartupWarning[] = findMissingSecrets(facts.config, facts.env);
  if (facts.adminKey?.trim() === publicAdminKey && facts.origin.kind !== 'demo') {
    warnings.unshift({
      message: `The admin key is ${publicAdminKey}, the public one from the README: anyone who can reach this router can call your providers and manage its keys. Set SWITCHYARD_ADMIN_KEY to a long random value (openssl rand -hex 32).`,
      fatal: true,
    });
  }
  return warnings;
}

/**
 * The start-up summary and warnings, the same on Node and Workers.
 * @example
 * const report = startupReport({ config, origin, env, adminKey, store: 'the in-process store' });
 * report.staticKeys; // 2
 */
export function startupReport(facts: StartupFacts & { store: string }): StartupReport {
  const { config, origin, env } = facts;
  const adminKey = facts.adminKey?.trim() || undefined;
  return {
    config: describeOrigin(origin),
    providers: Object.keys(config.providers).length,
    aliases: Object.keys(config.models).length,
    store: facts.store,
    adminKey: adminKey !== undefined,
    staticKeys: config.keys.filter(({ key }) => resolveSecret(key, env) !== undefined).length,
    storedKeys: storedKeys(env, adminKey),
    warnings: startupWarnings(facts),
  };
}

function describeOrigin(origin: ConfigOrigin): string {
  if (origin.kind === 'file') return `${origin.path} (${origin.from})`;
  if (origin.kind === 'variable') return 'the SWITCHYARD_CONFIG variable';
  return 'the demo config (every model served by the built-in mock provider)';
}

function storedKeys(env: Readonly<Record<string, unknown>>, adminKey: string | undefined): string {
  if (keySecretFrom(env, adminKey) === undefined) {
    return 'off (set SWITCHYARD_KEY_SECRET or SWITCHYARD_ADMIN_KEY)';
  }
  const secret = env.SWITCHYARD_KEY_SECRET;
  return typeof secret === 'string' && secret !== ''
    ? 'on (hashed under SWITCHYARD_KEY_SECRET)'
    : 'on (hashed under a secret derived from the admin key)';
}
