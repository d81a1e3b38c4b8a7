import { Agent, OpenAIResponsesModel, run, setTracingDisabled, tool } from '@openai/agents';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { adminKey, useRouter } from './fixtures.ts';

// Traces would go to OpenAI's servers; these tests talk to the router only.
setTracingDisabled(true);

/** A tool that records its calls, so a test sees the agent ran it with the model's arguments. */
function weatherTool(calls: string[]) {
  return tool({
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      calls.push(city);
      return `sunny in ${city}`;
    },
  });
}

describe.each(['node', 'workerd'] as const)('the OpenAI Agents SDK on %s', (runtime) => {
  const running = useRouter(runtime);
  let client: OpenAI;

  beforeAll(() => {
    client = new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
  });

  describe.each(['anthropic/claude-sonnet-4-5', 'openai/gpt-4o'])('with the model %s', (model) => {
    const agent = (calls: string[]) =>
      new Agent({
        name: 'Weather agent',
        instructions: 'Use the weather tool, then answer.',
        model: new OpenAIResponsesModel(client, model),
        tools: [weatherTool(calls)],
      });

    it('runs a tool-using agent to its final answer', async () => {
      const calls: string[] = [];
      const result = await run(agent(calls), 'What is the weather in Paris?');
      expect(calls).toEqual(['example']);
      expect(result.finalOutput).toBe('Tool result: sunny in example');
      const kinds = result.newItems.map((item) => item.type);
      expect(kinds).toEqual(['tool_call_item', 'tool_call_output_item', 'message_output_item']);
    });

    it('streams a tool-using agent run', async () => {
      const calls: string[] = [];
      const result = await run(agent(calls), 'Weather in Oslo, please.', { stream: true });
      let text = '';
      for await (const event of result.toTextStream()) text += event;
      await result.completed;
      expect(calls).toEqual(['example']);
      expect(text).toBe('Tool result: sunny in example');
      expect(result.finalOutput).toBe(text);
    });
  });
});
