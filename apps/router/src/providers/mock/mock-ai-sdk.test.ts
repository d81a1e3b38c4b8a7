import { APICallError } from '@ai-sdk/provider';
import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mockModel } from './test-support.ts';

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
  execute: async ({ city, unit }) => ({ city, unit, temperature: 21 }),
});

describe('mock model through the AI SDK', () => {
  it('answers generateText with the echo, reasoning and usage', async () => {
    const result = await generateText({
      model: mockModel({ reasoning: 'The user said hi.' }),
      prompt: 'hi there',
    });
    expect(result.text).toBe('Echo: hi there');
    expect(result.reasoningText).toBe('The user said hi.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({
      inputTokens: 2,
      outputTokens: 9,
      outputTokenDetails: { textTokens: 4, reasoningTokens: 5 },
    });
  });

  it('completes a tool round trip in streamText with stopWhen stepCountIs(3)', async () => {
    const result = streamText({
      model: mockModel({ chunkDelayMs: 1 }),
      prompt: 'Weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
    });
    expect(await result.text).toBe(
      'Tool result: {"city":"example","unit":"celsius","temperature":21}',
    );
    const steps = await result.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]?.toolCalls).toMatchObject([
      {
        toolCallId: 'call_mock_1',
        toolName: 'weather',
        input: { city: 'example', unit: 'celsius' },
      },
    ]);
    expect(steps[0]?.finishReason).toBe('tool-calls');
    expect(await result.finishReason).toBe('stop');
  });

  it('produces structured output that validates against the requested schema', async () => {
    const schema = z.object({
      title: z.string(),
      rating: z.number().int().min(1).max(5),
      tags: z.array(z.string()),
      genre: z.enum(['drama', 'comedy']),
    });
    const result = await generateText({
      model: mockModel(),
      prompt: 'Review a film',
      output: Output.object({ schema }),
    });
    expect(result.output).toEqual({ title: 'example', rating: 1, tags: [], genre: 'drama' });
  });

  it('surfaces injected failures as APICallError without retrying non-retryable ones', async () => {
    let requests = 0;
    const model = mockModel({ errorStatus: 400 }, { nextRequestNumber: () => ++requests });
    const error = await generateText({ model, prompt: 'hi' }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error) && error.statusCode).toBe(400);
    expect(requests).toBe(1);
  });
});
