import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import {
  apiCallErrorOf,
  createLanguageModel,
  defaultModelIds,
  deltasOf,
  type ProviderName,
  partsOfType,
  providerNames,
  readStream,
  rejectionOf,
  timeTool,
  toolResultPrompt,
  useMockUpstream,
  userPrompt,
  weatherTool,
} from './test-helpers.ts';

const upstream = useMockUpstream();

/** Cohere's package drops `cached_tokens` and Perplexity has none; the others surface cache reads. */
const reportsCachedTokens = (provider: ProviderName) =>
  !['cohere', 'perplexity'].includes(provider);

/** Bedrock, Cohere and Mistral count reasoning in the output tokens without breaking it out. */
const reportsReasoningTokens = (provider: ProviderName) =>
  !['bedrock', 'cohere', 'mistral'].includes(provider);

/** The mock's usage rules, as each provider package surfaces them. */
function expectConsistentUsage(
  provider: ProviderName,
  usage: LanguageModelV4Usage,
  reasoningText = '',
) {
  const input = usage.inputTokens.total ?? 0;
  const cached = reportsCachedTokens(provider) ? Math.floor(input / 2) : undefined;
  expect(input).toBeGreaterThan(0);
  expect(usage.inputTokens.cacheRead).toBe(cached);
  expect(usage.inputTokens.noCache).toBe(input - (cached ?? 0));
  const reasoning = reasoningText === '' ? 0 : Math.ceil(reasoningText.length / 4);
  const reported = reportsReasoningTokens(provider) ? reasoning : 0;
  expect(usage.outputTokens.reasoning ?? 0).toBe(reported);
  expect(usage.outputTokens.total).toBeGreaterThan(reasoning);
}

/** OpenAI's Chat API (on Azure too) and Perplexity report reasoning tokens but no reasoning text. */
const parsesReasoningText = (provider: ProviderName) =>
  !['openai-chat', 'azure-deployments', 'perplexity'].includes(provider);

/** Perplexity answers with the URLs it cited, which its package reports as sources. */
const citesSources = (provider: ProviderName) => provider === 'perplexity';

/** Perplexity's API has no tools: its package drops them, without a warning. */
const supportsTools = (provider: ProviderName) => provider !== 'perplexity';

/** How a package reports a stream that ended without its finish reason. */
const truncatedFinishReason = (provider: ProviderName) => {
  if (['openai-compatible', 'togetherai', 'fireworks', 'cerebras'].includes(provider)) {
    return 'error';
  }
  const older = [
    'bedrock',
    'cohere',
    'azure',
    'azure-deployments',
    'xai',
    'deepseek',
    'perplexity',
  ];
  return older.includes(provider) ? 'other' : 'interrupted';
};

/** Bedrock decodes its binary stream without the SDK's wrapper, so a cut surfaces raw. */
const cutStreamError = (provider: ProviderName) =>
  provider === 'bedrock'
    ? expect.objectContaining({ name: 'TypeError', message: 'terminated' })
    : expect.objectContaining({ message: 'Failed to process successful response' });

describe.each(providerNames)('%s against the mock upstream', (provider) => {
  const model = (suffix = '') =>
    createLanguageModel(upstream, provider, `${defaultModelIds[provider]}${suffix}`);

  it('echoes the last user message with usage including cached tokens', async () => {
    const result = await model().doGenerate({ prompt: userPrompt('Hello there, mock model') });

    expect(model().specificationVersion).toBe('v4');
    expect(result.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Echo: Hello there, mock model' }),
      ...(citesSources(provider) ? [expect.objectContaining({ type: 'source' })] : []),
    ]);
    expect(result.finishReason.unified).toBe('stop');
    expectConsistentUsage(provider, result.usage);
    expect(upstream.requests).toHaveLength(1);
  });

  it('streams the echo in one delta per word and finishes with usage', async () => {
    const { stream } = await model().doStream({ prompt: userPrompt('one two three four') });
    const { parts, error } = await readStream(stream);

    expect(error).toBeUndefined();
    expect(deltasOf(parts, 'text-delta')).toEqual(['Echo: ', 'one ', 'two ', 'three ', 'four']);
    const [finish] = partsOfType(parts, 'finish');
    expect(finish?.finishReason.unified).toBe('stop');
    expectConsistentUsage(provider, finish?.usage ?? expect.fail('no finish part'));
  });

  // Tests that apply only to some providers are declared only for them, never reported as skipped.
  const withTools: (name: string, test: () => unknown) => void = supportsTools(provider)
    ? it
    : () => {};
  const withoutTools: (name: string, test: () => unknown) => void = supportsTools(provider)
    ? () => {}
    : it;

  withTools('calls the forced tool with arguments built from its schema', async () => {
    const result = await model().doGenerate({
      prompt: userPrompt('What time is it?'),
      tools: [weatherTool, timeTool],
      toolChoice: { type: 'tool', toolName: 'get_time' },
    });

    const calls = result.content.filter((part) => part.type === 'tool-call');
    expect(calls).toEqual([expect.objectContaining({ toolName: 'get_time' })]);
    expect(JSON.parse(calls[0]?.input ?? '')).toEqual({ zone: 'UTC' });
    expect(result.finishReason.unified).toBe('tool-calls');
  });

  withTools('streams a call of the first tool when the choice is automatic', async () => {
    const { stream } = await model().doStream({
      prompt: userPrompt('Weather please'),
      tools: [weatherTool, timeTool],
    });
    const { parts } = await readStream(stream);

    const [call] = partsOfType(parts, 'tool-call');
    expect(call?.toolName).toBe('get_weather');
    expect(JSON.parse(call?.input ?? '')).toEqual({ city: 'example', days: 1, metric: true });
    expect(partsOfType(parts, 'finish')[0]?.finishReason.unified).toBe('tool-calls');
  });

  withTools('answers without tools when the tool choice is none', async () => {
    const result = await model().doGenerate({
      prompt: userPrompt('No tools'),
      tools: [weatherTool],
      toolChoice: { type: 'none' },
    });

    expect(result.content).toEqual([expect.objectContaining({ text: 'Echo: No tools' })]);
  });

  withTools('replies with the tool result when the last message is one', async () => {
    const result = await model().doGenerate({
      prompt: toolResultPrompt('sunny, 21 degrees'),
      tools: [weatherTool],
    });

    expect(result.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Tool result: sunny, 21 degrees' }),
    ]);
    expect(result.finishReason.unified).toBe('stop');
  });

  withoutTools('answers without tools, which its API does not have', async () => {
    const result = await model().doGenerate({
      prompt: userPrompt('Weather please'),
      tools: [weatherTool],
    });

    expect(result.content.filter((part) => part.type !== 'source')).toEqual([
      expect.objectContaining({ type: 'text', text: 'Echo: Weather please' }),
    ]);
    expect(upstream.requests[0]?.body.tools).toBeUndefined();
  });

  it('emits reasoning and counts reasoning tokens when the scenario asks for it', async () => {
    const reasoning = 'Thinking about: Why is the sky blue?';
    const generated = await model('~reasoning=1').doGenerate({
      prompt: userPrompt('Why is the sky blue?'),
    });
    const { stream } = await model('~reasoning=1').doStream({
      prompt: userPrompt('Why is the sky blue?'),
    });
    const { parts } = await readStream(stream);

    const reasoningParts = generated.content.filter((part) => part.type === 'reasoning');
    const expectedText = parsesReasoningText(provider) ? reasoning : '';
    expect(reasoningParts.map((part) => part.text).join('')).toBe(expectedText);
    expect(deltasOf(parts, 'reasoning-delta').join('')).toBe(expectedText);
    expectConsistentUsage(provider, generated.usage, reasoning);
    expectConsistentUsage(
      provider,
      partsOfType(parts, 'finish')[0]?.usage ?? expect.fail(),
      reasoning,
    );
  });

  it('rejects with a retryable APICallError carrying the status of the scenario', async () => {
    const error = await apiCallErrorOf(
      model('~status=503,retryAfter=7').doGenerate({ prompt: userPrompt('fail') }),
    );

    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(error).toMatchObject({
      responseHeaders: expect.objectContaining({ 'retry-after': '7' }),
    });
  });

  it('reports a non-retryable 400 as such', async () => {
    const error = await apiCallErrorOf(
      model('~status=400').doStream({ prompt: userPrompt('bad') }),
    );

    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
  });

  it('reports a truncated stream as interrupted instead of a clean finish', async () => {
    const { stream } = await model('~truncate=1').doStream({ prompt: userPrompt('a b c d') });
    const { parts } = await readStream(stream);

    expect(deltasOf(parts, 'text-delta').join('')).toBe('Echo: a b c d');
    const [finish] = partsOfType(parts, 'finish');
    expect(finish?.finishReason.unified).toBe(truncatedFinishReason(provider));
  });

  it('makes reading a stream throw when its socket is cut after two chunks', async () => {
    const { stream } = await model('~cutAfter=2').doStream({ prompt: userPrompt('a b c d e f') });
    const { parts, error } = await readStream(stream);

    expect(deltasOf(parts, 'text-delta')).toEqual(['Echo: ', 'a ']);
    expect(APICallError.isInstance(error)).toBe(provider !== 'bedrock');
    expect(error).toEqual(cutStreamError(provider));
    expect(partsOfType(parts, 'finish')).toEqual([]);
    expect(upstream.aborted).toBe(0);
  });

  it('surfaces a garbage event as an error part and keeps streaming', async () => {
    const { stream } = await model('~malformed=1').doStream({ prompt: userPrompt('x y z') });
    const { parts } = await readStream(stream);

    expect(partsOfType(parts, 'error')).toHaveLength(1);
    expect(deltasOf(parts, 'text-delta').join('')).toBe('Echo: x y z');
  });

  it('fails a malformed JSON body with an APICallError', async () => {
    const error = await apiCallErrorOf(
      model('~malformed=1').doGenerate({ prompt: userPrompt('x') }),
    );

    expect(error).toMatchObject({ statusCode: 200, message: 'Invalid JSON response' });
  });

  it('gives up on a hanging upstream when the caller aborts', async () => {
    const error = await rejectionOf(
      model('~hang=1').doStream({
        prompt: userPrompt('anyone there?'),
        abortSignal: AbortSignal.timeout(50),
      }),
    );

    expect(error).toBeInstanceOf(DOMException);
    await vi.waitFor(() => expect(upstream.aborted).toBe(1));
  });
});
