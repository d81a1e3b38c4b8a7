import type { Context } from 'hono';
import { InvalidRequestError } from '../../errors/index.ts';

export interface AnthropicHeaders {
  /** `anthropic-version`, e.g. `2023-06-01`. */
  version?: string;
  /** `anthropic-beta`, split at commas, e.g. `['interleaved-thinking-2025-05-14']`. */
  betas: string[];
}

const versionPattern = /^\d{4}-\d{2}-\d{2}$/;
const betaPattern = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const maxBetas = 32;

/**
 * The Anthropic headers a client sent, checked before they may reach an upstream request: a
 * date-shaped version, and at most 32 beta names of letters, digits, `.`, `_` and `-`.
 * @example const { version, betas } = readAnthropicHeaders(c);
 */
export function readAnthropicHeaders(c: Context): AnthropicHeaders {
  const version = c.req.header('anthropic-version')?.trim() || undefined;
  if (version !== undefined && !versionPattern.test(version)) {
    throw invalid('anthropic-version', 'anthropic-version must be a date such as 2023-06-01.');
  }
  const betas = (c.req.header('anthropic-beta') ?? '')
    .split(',')
    .map((beta) => beta.trim())
    .filter(Boolean);
  if (betas.length > maxBetas || betas.some((beta) => !betaPattern.test(beta))) {
    throw invalid(
      'anthropic-beta',
      `anthropic-beta must be at most ${maxBetas} comma-separated names of letters, digits, ., _ and -.`,
    );
  }
  return { ...(version !== undefined && { version }), betas: [...new Set(betas)] };
}

function invalid(param: string, message: string) {
  return new InvalidRequestError({ message, param });
}
