import { describe, expect, it } from 'vitest';
import {
  apiCallErrorOf,
  createLanguageModel,
  eventData,
  partsOfType,
  postRaw,
  readStream,
  toolResultPrompt,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

const responsesUrl = () => `${upstream.baseURLs.openai}/responses`;

describe('OpenAI Responses mock', () => {
  it('streams named events whose sequence numbers count up', async () => {
    const { response, events } = await postRaw(responsesUrl(), {
      model: 'gpt-4o',
      input: 'one two three',
      stream: true,
    });

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const names = events.map((event) => event.event);
    expect(names).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array(4).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const data = eventData<{ type: string; sequence_number: number }>(events);
    expect(data.map((event) => event.type)).toEqual(names);
    expect(data.map((event) => event.sequence_number)).toEqual(names.map((_, index) => index));
  });

  it('returns a completed response object with output items and usage details', async () => {
    const { text } = await postRaw(responsesUrl(), {
      model: 'gpt-4o~reasoning=1',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'hello' }] }],
    });

    expect(JSON.parse(text)).toMatchObject({
      id: 'resp_mock000001',
      object: 'response',
      status: 'completed',
      model: 'gpt-4o',
      output: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking about: hello' }] },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Echo: hello', annotations: [] }],
        },
      ],
      usage: {
        input_tokens_details: { cached_tokens: expect.any(Number) },
        output_tokens_details: { reasoning_tokens: 6 },
      },
    });
  });

  it('streams function call arguments that the SDK assembles into one tool call', async () => {
    const model = createLanguageModel(upstream, 'openai-responses');
    const { stream } = await model.doStream({
      prompt: userPrompt('weather'),
      tools: [weatherTool],
    });
    const { parts } = await readStream(stream);

    expect(partsOfType(parts, 'tool-input-delta').length).toBeGreaterThanOrEqual(2);
    expect(partsOfType(parts, 'tool-call')).toEqual([
      expect.objectContaining({
        toolCallId: 'call_mock000001',
        toolName: 'get_weather',
        providerMetadata: { openai: expect.objectContaining({ itemId: 'fc_mock000001' }) },
      }),
    ]);
    const [finish] = partsOfType(parts, 'finish');
    expect(finish?.providerMetadata?.openai?.responseId).toBe('resp_mock000001');
  });

  it('reads the function_call_output the SDK sends for a tool result', async () => {
    const model = createLanguageModel(upstream, 'openai-responses');
    await model.doGenerate({ prompt: toolResultPrompt('cloudy'), tools: [weatherTool] });

    expect(upstream.requests[0]?.body.input).toEqual(
      expect.arrayContaining([
        { type: 'function_call_output', call_id: 'call_1', output: 'cloudy' },
      ]),
    );
  });

  it('answers with the OpenAI error envelope, which the SDK turns into its message', async () => {
    const model = createLanguageModel(upstream, 'openai-responses', 'gpt-4o~status=500');
    const error = await apiCallErrorOf(model.doGenerate({ prompt: userPrompt('x') }));

    expect(error).toMatchObject({
      statusCode: 500,
      isRetryable: true,
      message: 'The server had an error while processing your request. Sorry about that!',
    });
  });
});
