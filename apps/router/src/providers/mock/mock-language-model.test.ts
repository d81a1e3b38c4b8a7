import { APICallError } from '@ai-sdk/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockModel, userPrompt } from './test-support.ts';

const prompt = userPrompt('What is the capital of France?');

describe('createMockLanguageModel doGenerate', () => {
  it('echoes the last user message with deterministic usage and metadata', async () => {
    const model = mockModel();
    expect(model).toMatchObject({
      specificationVersion: 'v4',
      provider: 'mock.chat',
      modelId: 'test-model',
      supportedUrls: {},
    });
    const result = await model.doGenerate({ prompt });
    expect(result.content).toEqual([
      { type: 'text', text: 'Echo: What is the capital of France?' },
    ]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage).toEqual({
      inputTokens: { total: 8, noCache: 8, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 9, text: 9, reasoning: 0 },
    });
    expect(result.response).toMatchObject({
      id: 'mock-1',
      modelId: 'test-model',
      timestamp: new Date('2025-01-01T00:00:00Z'),
    });
    expect(result.warnings).toEqual([]);
  });

  it('puts configured reasoning before the text and counts its tokens', async () => {
    const result = await mockModel({
      reply: 'Paris.',
      reasoning: 'France has one capital.',
    }).doGenerate({ prompt });
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'France has one capital.' },
      { type: 'text', text: 'Paris.' },
    ]);
    expect(result.usage.outputTokens).toEqual({ total: 8, text: 2, reasoning: 6 });
  });

  it('returns a tool call with finish reason tool-calls', async () => {
    const result = await mockModel().doGenerate({
      prompt,
      tools: [
        {
          type: 'function',
          name: 'lookup',
          inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
        },
      ],
    });
    expect(result.content).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_mock_1',
        toolName: 'lookup',
        input: '{"q":"example"}',
      },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
  });

  it('warns that provider tools are not supported', async () => {
    const result = await mockModel().doGenerate({
      prompt,
      tools: [{ type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} }],
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'provider tool openai.web_search' }),
    ]);
  });
});

describe('createMockLanguageModel faults', () => {
  it('fails every other request with the configured status at errorRate 0.5', async () => {
    const model = mockModel({ errorStatus: 503, errorRate: 0.5 });
    const outcomes: Array<number | 'ok'> = [];
    for (let request = 0; request < 4; request++) {
      outcomes.push(
        await model.doGenerate({ prompt }).then(
          () => 'ok' as const,
          (error: unknown) => (APICallError.isInstance(error) ? (error.statusCode ?? 0) : -1),
        ),
      );
    }
    expect(outcomes).toEqual(['ok', 503, 'ok', 503]);
  });

  it('counts requests across instances that share nextRequestNumber', async () => {
    let requests = 0;
    const nextRequestNumber = () => ++requests;
    const settings = { errorStatus: 500, errorRate: 0.5 };
    await expect(
      mockModel(settings, { nextRequestNumber }).doGenerate({ prompt }),
    ).resolves.toBeDefined();
    await expect(mockModel(settings, { nextRequestNumber }).doGenerate({ prompt })).rejects.toThrow(
      APICallError,
    );
  });

  it('throws a retryable 429 with retry-after on every request at the default rate', async () => {
    const model = mockModel({ errorStatus: 429 });
    for (let request = 0; request < 2; request++) {
      await expect(model.doGenerate({ prompt })).rejects.toMatchObject({
        statusCode: 429,
        isRetryable: true,
        responseHeaders: { 'retry-after': '1' },
      });
    }
  });

  it('rejects prompts larger than the context window with a non-retryable 400', async () => {
    const model = mockModel({ contextWindow: 5 });
    const error = await model.doGenerate({ prompt }).then(undefined, (caught: unknown) => caught);
    expect(APICallError.isInstance(error) && error.statusCode).toBe(400);
    expect(error).toMatchObject({
      isRetryable: false,
      data: { error: { code: 'context_length_exceeded' } },
    });
    await expect(mockModel({ contextWindow: 8 }).doGenerate({ prompt })).resolves.toBeDefined();
  });
});

describe('createMockLanguageModel delays and abort', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits latencyMs before answering', async () => {
    const answered = vi.fn();
    void mockModel({ latencyMs: 100 }).doGenerate({ prompt }).then(answered);
    await vi.advanceTimersByTimeAsync(99);
    expect(answered).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toHaveBeenCalledOnce();
  });

  it('rejects with the abort reason when aborted during latency and clears its timer', async () => {
    const controller = new AbortController();
    const result = mockModel({ latencyMs: 60_000 }).doGenerate({
      prompt,
      abortSignal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error('client went away');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hangs until aborted, then rejects with the abort reason without leaving timers', async () => {
    const controller = new AbortController();
    const settled = vi.fn();
    const result = mockModel({ hang: true }).doStream({ prompt, abortSignal: controller.signal });
    result.then(settled, settled);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(settled).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('already gone');
    const abortSignal = AbortSignal.abort(reason);
    await expect(mockModel({ hang: true }).doGenerate({ prompt, abortSignal })).rejects.toBe(
      reason,
    );
    await expect(mockModel({ latencyMs: 5 }).doGenerate({ prompt, abortSignal })).rejects.toBe(
      reason,
    );
  });
});
