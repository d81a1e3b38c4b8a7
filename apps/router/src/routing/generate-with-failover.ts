import type { LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { callWithFailover, type FailoverContext, type Served } from './call-with-failover.ts';
import { checkWarnings } from './require-parameters.ts';
import type { Target } from './target.ts';

/** One whole answer, from the first target that gives one. */
export function generateWithFailover(
  targets: Target[],
  options: LanguageModelV4CallOptions,
  context: FailoverContext,
): Promise<Served<LanguageModelV4GenerateResult>> {
  return callWithFailover(targets, context, async (target, attempt) => {
    try {
      const result = await context.registry
        .languageModel(target)
        .doGenerate({ ...options, abortSignal: attempt.signal });
      checkWarnings(result.warnings, options, context, target);
      return result;
    } finally {
      attempt.clearDeadline();
    }
  });
}
