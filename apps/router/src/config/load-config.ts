import { z } from 'zod';
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
