import { keyVariables, resolveCredentials } from '../providers/provider-credentials.ts';
import { resolveSecret } from './load-config.ts';
import type { HttpProviderConfig, RouterConfig } from './schema.ts';

/** A secret the configuration references that resolves to nothing. Names variables, never values. */
export interface MissingSecret {
  /** One line for the start-up log: what breaks and which variable to set. */
  message: string;
  /** False when the gap is expected to be filled per request (`allowRequestKeys`). */
  fatal: boolean;
}

/** The variable an `env:NAME` reference reads; undefined for a literal. */
const variableOf = (reference: string | undefined): string | undefined =>
  reference?.startsWith('env:') ? reference.slice(4) : undefined;

/**
 * Every provider key, static API key and alert secret the configuration references whose
 * variable is unset or empty, so a missing key is reported once at start-up instead of as a
 * retried 500 on every request. Uses the same resolution as requests do.
 * @example
 * for (const { message } of findMissingSecrets(config, process.env)) console.warn(message);
 * // Provider 'openai' has no API key: OPENAI_API_KEY is not set.
 */
export function findMissingSecrets(
  config: RouterConfig,
  env: Readonly<Record<string, unknown>>,
): MissingSecret[] {
  const missing: MissingSecret[] = [];
  for (const [providerId, provider] of Object.entries(config.providers)) {
    if (provider.type === 'mock') continue;
    const message = missingProviderKey(providerId, provider, env);
    if (message === undefined) continue;
    const byRequest = provider.allowRequestKeys
      ? ' Only requests that bring their own key (x-switchyard-provider-keys) can use it.'
      : '';
    missing.push({ message: message + byRequest, fatal: !provider.allowRequestKeys });
  }
  for (const { key, tenant } of config.keys) {
    const variable = variableOf(key);
    if (variable === undefined || resolveSecret(key, env) !== undefined) continue;
    missing.push({
      message: `The API key for tenant '${tenant}' is off: ${variable} is not set.`,
      fatal: true,
    });
  }
  const alerts = config.governance.alerts;
  const alertVariable = variableOf(alerts.secret);
  if (alerts.url !== undefined && alertVariable !== undefined) {
    if (resolveSecret(alerts.secret, env) === undefined) {
      missing.push({
        message: `Budget alerts are off: their signing secret ${alertVariable} is not set.`,
        fatal: true,
      });
    }
  }
  return missing;
}

function missingProviderKey(
  providerId: string,
  provider: HttpProviderConfig,
  env: Readonly<Record<string, unknown>>,
): string | undefined {
  const explicit = variableOf(provider.apiKey);
  // A keyless OpenAI-compatible server (Ollama) is fine, unless the config names a variable.
  const unresolved =
    resolveCredentials(provider, env) === undefined ||
    (provider.type === 'openai-compatible' &&
      explicit !== undefined &&
      resolveSecret(provider.apiKey, env) === undefined);
  if (!unresolved) return undefined;
  const variable = explicit ?? keyVariables[provider.type];
  if (provider.type === 'amazon-bedrock' && explicit === undefined) {
    const accessKey = variableOf(provider.accessKeyId ?? 'env:AWS_ACCESS_KEY_ID') ?? 'accessKeyId';
    const secretKey =
      variableOf(provider.secretAccessKey ?? 'env:AWS_SECRET_ACCESS_KEY') ?? 'secretAccessKey';
    return `Provider '${providerId}' has no credentials: ${variable} is not set, nor are both ${accessKey} and ${secretKey}.`;
  }
  return `Provider '${providerId}' has no API key: ${variable} is not set.`;
}
