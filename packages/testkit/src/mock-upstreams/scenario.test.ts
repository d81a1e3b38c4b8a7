import { createOpenAI } from '@ai-sdk/openai';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioSyntaxError, splitModelScenario } from './scenario.ts';
import {
  apiCallErrorOf,
  createLanguageModel,
  postRaw,
  useMockUpstream,
  userPrompt,
} from './test-helpers.ts';

const upstream = useMockUpstream();

const chat = (model: string) => createLanguageModel(upstream, 'openai-chat', model);
const prompt = userPrompt('a b c');

describe('parseScenario', () => {
  it('reads every key, decoding values and letting later sources win', () => {
    expect(
      parseScenario(
        'status=500,reply=Hi%2C%20there',
        'status=503,retryAfter=2,latency=10,ttft=20,chunkDelay=5,cutAfter=0,failFirst=1,hang=1,malformed=1,truncate=1,reasoning=1',
      ),
    ).toEqual({
      key: 'status=500,reply=Hi%2C%20there,status=503,retryAfter=2,latency=10,ttft=20,chunkDelay=5,cutAfter=0,failFirst=1,hang=1,malformed=1,truncate=1,reasoning=1',
      status: 503,
      retryAfterSeconds: 2,
      latencyMs: 10,
      timeToFirstTokenMs: 20,
      chunkDelayMs: 5,
      cutAfterChunks: 0,
      failFirst: 1,
      hang: true,
      malformed: true,
      truncate: true,
      reasoning: true,
      reply: 'Hi, there',
    });
  });

  it('rejects unknown keys and bad numbers instead of ignoring them', () => {
    expect(() => parseScenario('statsu=503')).toThrow(ScenarioSyntaxError);
    expect(() => parseScenario('latency=soon')).toThrow('non-negative number');
  });

  it('splits the scenario off the model name', () => {
    expect(splitModelScenario('gpt-4o~status=503')).toEqual({
      model: 'gpt-4o',
      scenario: 'status=503',
    });
    expect(splitModelScenario('gpt-4o')).toEqual({ model: 'gpt-4o', scenario: '' });
  });
});

describe('fault injection', () => {
  it('reads the scenario from the x-mock-scenario header, merged with the model suffix', async () => {
    const provider = createOpenAI({
      baseURL: upstream.baseURLs.openai,
      apiKey: 'test',
      headers: { 'x-mock-scenario': 'reply=From%20the%20header' },
    });
    const result = await provider.chat('gpt-4o~reasoning=1').doGenerate({ prompt });

    expect(result.content).toEqual([{ type: 'text', text: 'From the header' }]);
    expect(result.usage.outputTokens.reasoning).toBeGreaterThan(0);
    expect(upstream.requests[0]?.scenario).toBe('reply=From%20the%20header,reasoning=1');
  });

  it('fails only the first n requests of a failFirst scenario, counted per scenario text', async () => {
    const statuses = [];
    for (const model of [
      'm~failFirst=2',
      'm~failFirst=2',
      'm~failFirst=2,reply=x',
      'm~failFirst=2',
    ]) {
      const { response } = await postRaw(`${upstream.baseURLs.openai}/chat/completions`, { model });
      statuses.push(response.status);
    }

    expect(statuses).toEqual([503, 503, 503, 200]);
    upstream.reset();
    const { response } = await postRaw(`${upstream.baseURLs.openai}/chat/completions`, {
      model: 'm~failFirst=2',
    });
    expect(response.status).toBe(503);
  });

  it('delays the response headers by latency', async () => {
    const started = performance.now();
    await chat('gpt-4o~latency=120').doGenerate({ prompt });

    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('delays the first stream chunk by ttft and spaces chunks by chunkDelay', async () => {
    const started = performance.now();
    const { stream } = await chat('gpt-4o~ttft=120,chunkDelay=30').doStream({ prompt });
    const reader = stream.getReader();
    let firstText: number | undefined;
    for (let result = await reader.read(); !result.done; result = await reader.read()) {
      if (result.value.type === 'text-delta' && result.value.delta !== '') {
        firstText ??= performance.now();
      }
    }

    expect((firstText ?? 0) - started).toBeGreaterThanOrEqual(115);
    // Four text chunks, finish, usage and [DONE] follow the opening chunk, 30 ms apart.
    expect(performance.now() - started).toBeGreaterThanOrEqual(115 + 6 * 30);
  });

  it('answers an unknown scenario key with a 400 naming it', async () => {
    const error = await apiCallErrorOf(chat('gpt-4o~statsu=503').doGenerate({ prompt }));

    expect(error).toMatchObject({ statusCode: 400, message: 'Unknown mock scenario key "statsu"' });
  });

  it('answers paths it does not serve with a 404 and still records them', async () => {
    const { response } = await postRaw(`${upstream.url}/v1/audio/speech`, { prompt: 'x' });

    expect(response.status).toBe(404);
    expect(upstream.requestCounts).toEqual({ '/v1/audio/speech': 1 });
  });
});
