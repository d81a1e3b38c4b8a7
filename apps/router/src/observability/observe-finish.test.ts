import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { startFacts } from '../facts/route-facts.ts';
import { observeFinish } from './observe-finish.ts';

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};

async function drain(parts: LanguageModelV4StreamPart[]) {
  const facts = startFacts('chat');
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const seen: LanguageModelV4StreamPart[] = [];
  for await (const part of observeFinish(stream, facts)) seen.push(part);
  return { facts, seen };
}

describe('observeFinish', () => {
  it('passes every part through and notes the finish reason', async () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'text-delta', id: '0', delta: 'hi' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' }, usage },
    ];
    const { facts, seen } = await drain(parts);
    expect(seen).toEqual(parts);
    expect(facts.finishReason).toBe('length');
  });

  it('notes a stream that ended with an error part as finished by error', async () => {
    const { facts } = await drain([
      { type: 'text-delta', id: '0', delta: 'hi' },
      { type: 'error', error: new Error('cut') },
    ]);
    expect(facts.finishReason).toBe('error');
  });
});
