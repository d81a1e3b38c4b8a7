import {
  type ConfigOrigin,
  type LoadedConfig,
  loadConfigFromVariables,
  parseConfig,
} from '../config/load-config.ts';
import type { Environment } from './env-files.ts';
import { readText } from './read-text.ts';

export interface NodeConfig extends LoadedConfig {
  /** The configuration as the user wrote it (JSON text), to hand on to wrangler dev. */
  text?: string;
  /** A source that was set too but lost to a stronger one: worth a warning, never silent. */
  ignored: string[];
}

/**
 * The configuration on Node: `--config <file>`, else the file in `SWITCHYARD_CONFIG_FILE`, else
 * the JSON in `SWITCHYARD_CONFIG`, else the demo. Files are read relative to the working directory.
 * @example const { config, origin } = loadNodeConfig('switchyard.json', process.env);
 */
export function loadNodeConfig(flag: string | undefined, env: Environment): NodeConfig {
  const fromVariable = nonEmpty(env.SWITCHYARD_CONFIG_FILE);
  const origin: ConfigOrigin | undefined =
    flag !== undefined
      ? { kind: 'file', path: flag, from: '--config' }
      : fromVariable !== undefined
        ? { kind: 'file', path: fromVariable, from: 'SWITCHYARD_CONFIG_FILE' }
        : undefined;
  if (origin?.kind !== 'file') return { ...loadConfigFromVariables(env), ignored: [] };
  const text = readText(origin.path, 'the config file');
  const ignored = [
    ...(origin.from === '--config' && fromVariable !== undefined ? ['SWITCHYARD_CONFIG_FILE'] : []),
    ...(nonEmpty(env.SWITCHYARD_CONFIG) !== undefined ? ['SWITCHYARD_CONFIG'] : []),
  ];
  return { config: parseConfig(text, origin.path), origin, text, ignored };
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;
