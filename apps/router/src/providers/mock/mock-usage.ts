import type { LanguageModelV4Prompt, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { MockReply } from './mock-reply.ts';
import { toolOutputText } from './mock-reply.ts';

/** Deterministic token estimate: one token per four characters, rounded up. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** The prompt's text as a model would read it (files are not counted). */
export function promptText(prompt: LanguageModelV4Prompt): string {
  return prompt
    .flatMap((message) => {
      if (message.role === 'system') return [message.content];
      return message.content.flatMap((part) => {
        switch (part.type) {
          case 'text':
          case 'reasoning':
            return [part.text];
          case 'tool-call':
            return [part.toolName, JSON.stringify(part.input ?? null)];
          case 'tool-result':
            return [toolOutputText(part.output)];
          default:
            return [];
        }
      });
    })
    .join('\n');
}

export function mockUsage(inputTokens: number, reply: MockReply): LanguageModelV4Usage {
  const { answer } = reply;
  const text = estimateTokens(answer.type === 'text' ? answer.text : answer.input);
  const reasoning = estimateTokens(reply.reasoning ?? '');
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: text + reasoning, text, reasoning },
  };
}
