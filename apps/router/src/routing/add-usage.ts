import type { LanguageModelV4Usage } from '@ai-sdk/provider';

const sum = (left: number | undefined, right: number | undefined) =>
  left === undefined && right === undefined ? undefined : (left ?? 0) + (right ?? 0);

/** Usage of several segments of one answer, added field by field. */
export function addUsage(
  total: LanguageModelV4Usage | undefined,
  usage: LanguageModelV4Usage,
): LanguageModelV4Usage {
  if (total === undefined) return usage;
  return {
    inputTokens: {
      total: sum(total.inputTokens.total, usage.inputTokens.total),
      noCache: sum(total.inputTokens.noCache, usage.inputTokens.noCache),
      cacheRead: sum(total.inputTokens.cacheRead, usage.inputTokens.cacheRead),
      cacheWrite: sum(total.inputTokens.cacheWrite, usage.inputTokens.cacheWrite),
    },
    outputTokens: {
      total: sum(total.outputTokens.total, usage.outputTokens.total),
      text: sum(total.outputTokens.text, usage.outputTokens.text),
      reasoning: sum(total.outputTokens.reasoning, usage.outputTokens.reasoning),
    },
  };
}

/**
 * What a segment that broke off before reporting usage was likely billed: about four characters
 * a token, the usual rule of thumb, for the prompt it was sent and the text it produced.
 */
export function estimateUsage(promptChars: number, producedChars: number): LanguageModelV4Usage {
  const input = Math.ceil(promptChars / 4);
  const output = Math.ceil(producedChars / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}
