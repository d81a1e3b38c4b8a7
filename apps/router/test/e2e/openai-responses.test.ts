import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminKey, useRouter } from './fixtures.ts';

type StreamEvent = OpenAI.Responses.ResponseStreamEvent;

/** Translation both ways: the Responses API in front of a Responses upstream and of others. */
const targets = [
  { format: 'OpenAI Responses', model: 'openai/gpt-4o' },
  { format: 'Anthropic Messages', model: 'anthropic/claude-sonnet-4-5' },
  { format: 'Gemini generateContent', model: 'google/gemini-2.5-flash' },
  { format: 'OpenAI chat completions', model: 'openai-chat/gpt-4o-mini' },
] as const;

const weatherTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe.each(['node', 'workerd'] as const)('the Responses API on %s', (runtime) => {
  const running = useRouter(runtime);
  let client: OpenAI;

  beforeAll(() => {
    client = new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
  });

  describe.each(targets)('in front of the $format upstream', ({ model }) => {
    it('answers responses.create with the output text and usage details', async () => {
      const { data: response, response: http } = await client.responses
        .create({ model, instructions: 'Answer briefly.', input: 'hello there gateway' })
        .withResponse();

      expect(response).toMatchObject({ object: 'response', status: 'completed', model });
      expect(response.id).toMatch(/^resp_/);
      expect(response.output_text).toBe('Echo: hello there gateway');
      expect(response.output).toEqual([
        expect.objectContaining({ type: 'message', role: 'assistant', status: 'completed' }),
      ]);
      const usage = response.usage;
      expect(usage?.input_tokens).toBeGreaterThan(0);
      expect(usage?.total_tokens).toBe((usage?.input_tokens ?? 0) + (usage?.output_tokens ?? 0));
      expect(usage?.input_tokens_details.cached_tokens).toEqual(expect.any(Number));
      expect(usage?.output_tokens_details.reasoning_tokens).toEqual(expect.any(Number));
      expect(http.headers.get('x-switchyard-provider')).toBe(model.split('/')[0]);
    });

    it('streams every event in order, numbered, ending in response.completed', async () => {
      const events = await collect(
        await client.responses.create({ model, input: 'stream these four words', stream: true }),
      );
      expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
      const types = events.map((event) => event.type);
      expect(types.slice(0, 5)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
      ]);
      expect(types.slice(-4)).toEqual([
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
      const deltas = events.flatMap((event) =>
        event.type === 'response.output_text.delta' ? [event.delta] : [],
      );
      expect(deltas.join('')).toBe('Echo: stream these four words');
      const completed = events.at(-1);
      if (completed?.type !== 'response.completed') throw new Error('no response.completed');
      expect(completed.response.status).toBe('completed');
      expect(completed.response.output).toEqual([
        expect.objectContaining({
          type: 'message',
          content: [expect.objectContaining({ text: 'Echo: stream these four words' })],
        }),
      ]);
      expect(completed.response.usage?.output_tokens).toBeGreaterThan(0);
    });

    it('streams through responses.stream into the final response', async () => {
      const stream = client.responses.stream({ model, input: 'via the helper' });
      let text = '';
      stream.on('response.output_text.delta', (event) => {
        text += event.delta;
      });
      const final = await stream.finalResponse();
      expect(text).toBe('Echo: via the helper');
      expect(final.output_text).toBe('Echo: via the helper');
      expect(final.status).toBe('completed');
    });

    it('completes a function-calling round trip', async () => {
      const input: OpenAI.Responses.ResponseInput = [
        { role: 'user', content: 'What is the weather in Paris?' },
      ];
      const first = await client.responses.create({ model, input, tools: [weatherTool] });
      const call = first.output.find((item) => item.type === 'function_call');
      if (call?.type !== 'function_call') throw new Error('expected a function call');
      expect(call.name).toBe('get_weather');
      expect(JSON.parse(call.arguments)).toEqual({ city: 'example' });

      input.push(...(first.output as OpenAI.Responses.ResponseInputItem[]), {
        type: 'function_call_output',
        call_id: call.call_id,
        output: 'sunny, 21 C',
      });
      const second = await client.responses.create({ model, input, tools: [weatherTool] });
      expect(second.status).toBe('completed');
      expect(second.output_text).toContain('sunny, 21 C');
    });

    it('streams function call arguments that add up to the finished call', async () => {
      const events = await collect(
        await client.responses.create({
          model,
          input: 'weather in Oslo?',
          tools: [weatherTool],
          tool_choice: { type: 'function', name: 'get_weather' },
          stream: true,
        }),
      );
      const deltas = events.flatMap((event) =>
        event.type === 'response.function_call_arguments.delta' ? [event.delta] : [],
      );
      const done = events.find((event) => event.type === 'response.function_call_arguments.done');
      const itemDone = events.find(
        (event) =>
          event.type === 'response.output_item.done' && event.item.type === 'function_call',
      );
      if (done?.type !== 'response.function_call_arguments.done') throw new Error('no .done');
      expect(deltas.join('')).toBe(done.arguments);
      expect(JSON.parse(done.arguments)).toEqual({ city: 'example' });
      expect(itemDone).toMatchObject({
        item: { type: 'function_call', name: 'get_weather', status: 'completed' },
      });
      expect(events.at(-1)?.type).toBe('response.completed');
    });
  });

  it('streams reasoning summaries and hands the Anthropic thinking signature back next turn', async () => {
    const model = 'anthropic/claude-sonnet-4-5~reasoning=1';
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'think first' }];
    const stream = client.responses.stream({
      model,
      input,
      reasoning: { effort: 'low', summary: 'auto' },
      max_output_tokens: 4000,
    });
    const events = await collect(stream);
    const final = await stream.finalResponse();
    const summary = events
      .flatMap((event) =>
        event.type === 'response.reasoning_summary_text.delta' ? [event.delta] : [],
      )
      .join('');
    expect(summary).toBe('Thinking about: think first');
    const reasoning = final.output[0];
    if (reasoning?.type !== 'reasoning') throw new Error('expected a reasoning item first');
    expect(reasoning.summary).toEqual([{ type: 'summary_text', text: summary }]);
    expect(reasoning.encrypted_content).toEqual(expect.any(String));
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);

    running.upstream.reset();
    input.push(...(final.output as OpenAI.Responses.ResponseInputItem[]), {
      role: 'user',
      content: 'and again?',
    });
    await client.responses.create({ model, input, reasoning: { effort: 'low' } });
    const sent = running.upstream.requests.at(-1)?.body as {
      messages: { role: string; content: { type: string; signature?: string }[] }[];
    };
    const thinking = sent.messages[1]?.content[0];
    expect(thinking).toEqual({
      type: 'thinking',
      thinking: summary,
      signature: expect.any(String),
    });
    // The mock signs each reply as base64 of `mock-signature-<reply id>`.
    expect(atob(thinking?.signature ?? '')).toMatch(/^mock-signature-mock\d{6}$/);
  });

  it.each([
    [
      'anthropic/claude-sonnet-4-5',
      (body: Record<string, unknown>) => (body.output_config as { format: unknown }).format,
    ],
    ['openai/gpt-4o', (body: Record<string, unknown>) => (body.text as { format: unknown }).format],
  ])('sends a JSON schema text.format on to %s and returns its JSON', async (model, formatOf) => {
    const reply = Buffer.from('{"name":"Oslo"}').toString('base64url');
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
      additionalProperties: false,
    };
    const response = await client.responses.create({
      model: `${model}~replyB64=${reply}`,
      input: 'Name a city.',
      text: { format: { type: 'json_schema', name: 'city', schema, strict: true } },
    });
    expect(JSON.parse(response.output_text)).toEqual({ name: 'Oslo' });
    const sent = running.upstream.requests.at(-1)?.body ?? {};
    expect(formatOf(sent)).toMatchObject({ type: 'json_schema', schema });
  });

  it('ends a stream that breaks after it started with response.failed, never a bare close', async () => {
    const events = await collect(
      await client.responses.create({
        model: 'openai/gpt-4o~cutAfter=2',
        input: 'one two three four five six',
        stream: true,
      }),
    );
    expect(events.filter((event) => event.type === 'response.output_text.delta').length).toBe(2);
    const failed = events.at(-1);
    if (failed?.type !== 'response.failed') throw new Error(`ended with ${failed?.type}`);
    expect(failed.response.status).toBe('failed');
    expect(failed.response.error?.code).toBe('server_error');
    expect(events.some((event) => event.type === 'response.completed')).toBe(false);
  });

  it('surfaces an upstream failure before the stream starts as a typed HTTP error', async () => {
    const error = await client.responses
      .create({ model: 'anthropic/claude-sonnet-4-5~status=500', input: 'x', stream: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_500');
  });
});
