import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { formatWarnings } from '../facts/format-warnings.ts';
import { readParts, userPrompt } from '../providers/mock/test-support.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import type { FailoverContext } from './call-with-failover.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { generateWithFailover } from './generate-with-failover.ts';
import { findUnsupportedParameter } from './require-parameters.ts';
import { streamWithFailover } from './stream-with-failover.ts';
import { parseTarget, type Target } from './target.ts';

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

const ignoresTopK: SharedV4Warning[] = [{ type: 'unsupported', feature: 'topK' }];

/** Models that answer with their provider id and report the given warnings. */
function warningRegistry(warningsByProvider: Record<string, SharedV4Warning[]>) {
  const cancelled: string[] = [];
  const registry = {
    languageModel(target: Target): LanguageModelV4 {
      const warnings = warningsByProvider[target.providerId] ?? [];
      const text = `from ${target.providerId}`;
      return {
        specificationVersion: 'v4',
        provider: target.providerId,
        modelId: target.modelId,
        supportedUrls: {},
        doGenerate: async () => ({
          content: [{ type: 'text', text }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage,
          warnings,
        }),
        doStream: async () => ({
          stream: new ReadableStream<LanguageModelV4StreamPart>({
            start(controller) {
              controller.enqueue({ type: 'stream-start', warnings });
              controller.enqueue({ type: 'text-start', id: '0' });
              controller.enqueue({ type: 'text-delta', id: '0', delta: text });
            },
            pull(controller) {
              controller.enqueue({ type: 'text-end', id: '0' });
              controller.enqueue({
                type: 'finish',
                usage,
                finishReason: { unified: 'stop', raw: 'stop' },
              });
              controller.close();
            },
            cancel() {
              cancelled.push(target.providerId);
            },
          }),
        }),
      };
    },
  } as ProviderRegistry;
  return { registry, cancelled };
}

function failoverContext(registry: ProviderRegistry, requireParameters?: boolean) {
  const attempts: { target: string; code: string | undefined }[] = [];
  const reported: SharedV4Warning[][] = [];
  const context: FailoverContext = {
    registry,
    requireParameters,
    onWarnings: (warnings) => reported.push(warnings),
    onFailure: (target, error) =>
      attempts.push({ target: target.id, code: error.code ?? undefined }),
    policy: defaultRoutingPolicy,
  };
  return { context, attempts, reported };
}

const targets = (...ids: string[]) => ids.map((id) => parseTarget(id) as Target);
const withTopK: LanguageModelV4CallOptions = { prompt: userPrompt('hi'), topK: 40 };

describe('findUnsupportedParameter', () => {
  it('names a parameter the request set and the provider reported as unsupported', () => {
    expect(findUnsupportedParameter(ignoresTopK, withTopK)).toBe('topK');
  });

  it('ignores compatibility warnings, unset parameters and features that are no call option', () => {
    const warnings: SharedV4Warning[] = [
      { type: 'compatibility', feature: 'topK' },
      { type: 'unsupported', feature: 'seed' },
      { type: 'unsupported', feature: 'tool web_search' },
      { type: 'other', message: 'topK' },
    ];
    expect(findUnsupportedParameter(warnings, withTopK)).toBeUndefined();
  });
});

describe('formatWarnings', () => {
  it('writes type:feature pairs, safe for a header', () => {
    expect(
      formatWarnings([
        { type: 'unsupported', feature: 'topK' },
        { type: 'compatibility', feature: 'tool web search;x' },
        { type: 'deprecated', setting: 'maxTokens', message: 'use maxOutputTokens' },
        { type: 'other', message: 'anything\nat all' },
      ]),
    ).toBe('unsupported:topK;compatibility:tool_web_search_x;deprecated:maxTokens;other');
  });
});

describe('require_parameters in the attempt loop', () => {
  it('serves from a target that ignores a parameter when the request does not require it', async () => {
    const { registry } = warningRegistry({ a: ignoresTopK });
    const { context, reported } = failoverContext(registry);

    const served = await generateWithFailover(targets('a/m', 'b/m'), withTopK, context);

    expect(served.target.providerId).toBe('a');
    expect(reported).toEqual([ignoresTopK]);
  });

  it('fails over, without retrying, from a target that ignores a required parameter', async () => {
    const { registry } = warningRegistry({ a: ignoresTopK });
    const { context, attempts } = failoverContext(registry, true);

    const served = await generateWithFailover(targets('a/m', 'b/m'), withTopK, context);

    expect(served.target.providerId).toBe('b');
    // Failures only: the one try of `a`, none of `b`, which served.
    expect(attempts.map(({ target, code }) => [target, code])).toEqual([
      ['a/m', 'unsupported_parameter'],
    ]);
  });

  it('answers 400 unsupported_parameter naming the parameter when no target supports it', async () => {
    const { registry } = warningRegistry({ a: ignoresTopK, b: ignoresTopK });
    const { context } = failoverContext(registry, true);

    await expect(generateWithFailover(targets('a/m', 'b/m'), withTopK, context)).rejects.toThrow(
      expect.objectContaining({
        statusCode: 400,
        code: 'unsupported_parameter',
        param: 'topK',
        message: expect.stringContaining("'topK'"),
      }),
    );
  });

  it('fails a stream over on its stream-start warnings, before any content is sent', async () => {
    const { registry, cancelled } = warningRegistry({ a: ignoresTopK });
    const { context, reported } = failoverContext(registry, true);

    const served = await streamWithFailover(targets('a/m', 'b/m'), withTopK, context);
    const parts = await readParts(served.value);

    expect(served.target.providerId).toBe('b');
    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([
      expect.objectContaining({ delta: 'from b' }),
    ]);
    expect(cancelled).toEqual(['a']);
    expect(reported).toEqual([ignoresTopK, []]);
  });

  it('answers 400 for a stream when no target supports the parameter', async () => {
    const { registry } = warningRegistry({ a: ignoresTopK });
    const { context } = failoverContext(registry, true);

    await expect(streamWithFailover(targets('a/m'), withTopK, context)).rejects.toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', param: 'topK' }),
    );
  });
});
