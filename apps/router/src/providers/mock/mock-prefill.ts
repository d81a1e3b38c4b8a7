import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** A prompt split into the conversation and the assistant text it ends with, if any. */
export interface PrefilledPrompt {
  conversation: LanguageModelV4Prompt;
  /** The text of a trailing assistant message: the start of the answer to continue. */
  prefill: string | undefined;
}

/** Separates a trailing assistant message of text (a prefill) from the conversation before it. */
export function splitPrefill(prompt: LanguageModelV4Prompt): PrefilledPrompt {
  const last = prompt.at(-1);
  if (last?.role !== 'assistant') return { conversation: prompt, prefill: undefined };
  const prefill = last.content
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join('');
  const callsTools = last.content.some((part) => part.type === 'tool-call');
  // Blank text continues nothing: Anthropic's package would trim it to an empty block.
  if (prefill.trim() === '' || callsTools) return { conversation: prompt, prefill: undefined };
  return { conversation: prompt.slice(0, -1), prefill };
}

/**
 * What is left of `answer` after `prefill`, or `undefined` when the answer does not start with it.
 * The prefill's trailing whitespace is ignored, as Anthropic (whose package trims it) does:
 * `Echo: hello world` after `Echo: ` continues with ` hello world`.
 */
export function continuationOf(answer: string, prefill: string): string | undefined {
  const start = prefill.trimEnd();
  return answer.startsWith(start) ? answer.slice(start.length) : undefined;
}
