import type { LanguageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider';
import { InvalidRequestError } from '../errors/index.ts';
import type { Target } from './target.ts';

/** What the attempt loop does with the warnings a provider reports about the call. */
export interface WarningChecks {
  /** `provider.require_parameters`: a target that ignores a set parameter cannot serve. */
  requireParameters?: boolean;
  /** Receives the warnings of each attempt that got as far as a response. */
  onWarnings?: (warnings: SharedV4Warning[]) => void;
}

/** The target ignores a parameter the request set and requires (not retryable there). */
export class UnsupportedParameterError extends InvalidRequestError {
  constructor(parameter: string, target: Target) {
    super({
      message: `No provider can serve '${parameter}', which the request requires (require_parameters); '${target.providerId}' does not support it.`,
      param: parameter,
      code: 'unsupported_parameter',
    });
    this.name = 'UnsupportedParameterError';
  }
}

/**
 * The first parameter the request set that the provider reported as unsupported. Providers name
 * the call option in the warning's `feature` (`topK`, `seed`, `tools`, ...).
 */
export function findUnsupportedParameter(
  warnings: readonly SharedV4Warning[],
  options: LanguageModelV4CallOptions,
): string | undefined {
  const set = options as unknown as Record<string, unknown>;
  for (const warning of warnings) {
    if (warning.type !== 'unsupported') continue;
    if (Object.hasOwn(set, warning.feature) && set[warning.feature] !== undefined) {
      return warning.feature;
    }
  }
  return undefined;
}

/** Reports the warnings; throws when the request requires a parameter the target ignored. */
export function checkWarnings(
  warnings: readonly SharedV4Warning[],
  options: LanguageModelV4CallOptions,
  checks: WarningChecks,
  target: Target,
): void {
  checks.onWarnings?.([...warnings]);
  if (!checks.requireParameters) return;
  const parameter = findUnsupportedParameter(warnings, options);
  if (parameter !== undefined) throw new UnsupportedParameterError(parameter, target);
}
