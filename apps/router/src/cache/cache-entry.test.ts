import type {
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEntry,
  encodeEntry,
  entryFromParts,
  entryFromResult,
  isCacheable,
  type LanguageCacheEntry,
  partsFromEntry,
  resultFromEntry,
} from './cache-entry.ts';
import { canonicalJson } from './canonical-json.ts';

const target = { providerId: 'openai', modelId: 'gpt-4o' };
const createdAt = Date.parse('2026-11-21T10:05:00.000Z');

/** What a value looks like once stored: no undefined members, dates and bytes as text. */
const stored = (value: unknown) => JSON.parse(canonicalJson(value));

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};
const stop: LanguageModelV4FinishReason = { unified: 'stop', raw: 'stop' };

// Arbitraries -------------------------------------------------------------------------------

const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const metadata = fc.option(
  fc.dictionary(
    fc.constantFrom('anthropic', 'openai', 'google'),
    fc.dictionary(fc.constantFrom('signature', 'itemId', 'cached'), scalar, { minKeys: 1 }),
    { minKeys: 1 },
  ),
  { nil: undefined },
);
const urlSource = fc.record(
  {
    type: fc.constant('source' as const),
    sourceType: fc.constant('url' as const),
    id: fc.string({ minLength: 1 }),
    url: fc.webUrl(),
    title: fc.string(),
    providerMetadata: metadata,
  },
  { requiredKeys: ['type', 'sourceType', 'id', 'url'] },
);
const text = fc.record(
  {
    type: fc.constant('text' as const),
    text: fc.string(),
    providerMetadata: metadata,
    citations: fc.array(fc.record({ source: urlSource, citedText: fc.string() }), {
      minLength: 1,
      maxLength: 2,
    }),
  },
  { requiredKeys: ['type', 'text'] },
);
const reasoning = fc.record(
  { type: fc.constant('reasoning' as const), text: fc.string(), providerMetadata: metadata },
  { requiredKeys: ['type', 'text'] },
);
const toolCall = fc.record(
  {
    type: fc.constant('tool-call' as const),
    toolCallId: fc.uuid(),
    toolName: fc.constantFrom('get_weather', 'search'),
    input: fc.dictionary(fc.string(), scalar).map((input) => JSON.stringify(input)),
    providerExecuted: fc.boolean(),
    providerMetadata: metadata,
  },
  { requiredKeys: ['type', 'toolCallId', 'toolName', 'input'] },
);
const file = fc.record({
  type: fc.constant('file' as const),
  mediaType: fc.constant('image/png'),
  data: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ type: 'data' as const, data: bytes })),
});
const content: fc.Arbitrary<LanguageModelV4Content> = fc.oneof(
  text,
  reasoning,
  toolCall,
  file,
  urlSource,
);
const finishReason = fc.record({
  unified: fc.constantFrom('stop', 'length', 'tool-calls'),
  raw: fc.option(fc.string(), { nil: undefined }),
}) as fc.Arbitrary<LanguageModelV4FinishReason>;
const tokens = fc.option(fc.nat({ max: 100_000 }), { nil: undefined });
const usageArbitrary: fc.Arbitrary<LanguageModelV4Usage> = fc.record({
  inputTokens: fc.record({ total: tokens, noCache: tokens, cacheRead: tokens, cacheWrite: tokens }),
  outputTokens: fc.record({ total: tokens, text: tokens, reasoning: tokens }),
});
const generateResult: fc.Arbitrary<LanguageModelV4GenerateResult> = fc.record(
  {
    content: fc.array(content, { maxLength: 5 }),
    finishReason,
    usage: usageArbitrary,
    providerMetadata: metadata,
    warnings: fc.array(
      fc.record({ type: fc.constant('unsupported' as const), feature: fc.string() }),
      { maxLength: 2 },
    ),
    structuredOutputText: fc.string(),
    response: fc.record(
      {
        id: fc.string(),
        modelId: fc.string(),
        timestamp: fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['content', 'finishReason', 'usage', 'warnings'] },
);

/** A well-formed stream: start, metadata, text/reasoning/tool blocks with raw chunks between, finish. */
const recordedStream: fc.Arbitrary<LanguageModelV4StreamPart[]> = fc
  .record({
    blocks: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constantFrom('text' as const, 'reasoning' as const),
          deltas: fc.array(fc.string(), { maxLength: 4 }),
          providerMetadata: metadata,
        }),
        toolCall.map((call) => ({ kind: 'tool' as const, call })),
      ),
      { maxLength: 4 },
    ),
    raw: fc.boolean(),
    finishReason,
    usage: usageArbitrary,
  })
  .map(({ blocks, raw, finishReason, usage }) => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'resp-1', modelId: 'gpt-4o', timestamp: new Date(0) },
    ];
    blocks.forEach((block, index) => {
      const id = `b${index}`;
      if (raw) parts.push({ type: 'raw', rawValue: { index } });
      if (block.kind === 'tool') {
        const { call } = block;
        parts.push(
          { type: 'tool-input-start', id: call.toolCallId, toolName: call.toolName },
          { type: 'tool-input-delta', id: call.toolCallId, delta: call.input },
          { type: 'tool-input-end', id: call.toolCallId },
          call,
        );
        return;
      }
      const { kind, deltas, providerMetadata } = block;
      parts.push({ type: `${kind}-start`, id });
      for (const delta of deltas) parts.push({ type: `${kind}-delta`, id, delta });
      parts.push({ type: `${kind}-end`, id, providerMetadata });
    });
    parts.push({ type: 'finish', finishReason, usage });
    return parts;
  });

// Tests -------------------------------------------------------------------------------------

describe('isCacheable', () => {
  it.each([
    ['stop', true],
    ['length', true],
    ['tool-calls', true],
    ['content-filter', false],
    ['error', false],
    ['interrupted', false],
    ['other', false],
  ] as const)('finish reason %s: %s', (unified, cacheable) => {
    expect(isCacheable({ unified, raw: undefined })).toBe(cacheable);
  });
});

describe('a generate result as an entry', () => {
  it('comes back as the same result after storage', () => {
    fc.assert(
      fc.property(generateResult, (result) => {
        const entry = decodeEntry(encodeEntry(entryFromResult(result, target, createdAt)));
        if (entry === undefined) throw new Error('the entry did not decode');
        const back = resultFromEntry(entry);
        expect(stored(back)).toEqual(stored(result));
        if (result.response?.timestamp !== undefined) {
          expect(back.response?.timestamp).toEqual(result.response.timestamp);
        }
      }),
    );
  });

  it('leaves out request and response bodies and headers', () => {
    const entry = entryFromResult(
      {
        content: [{ type: 'text', text: 'hi' }],
        finishReason: stop,
        usage,
        warnings: [],
        request: { body: { secret: 'prompt' } },
        response: { id: 'r1', headers: { 'set-cookie': 'a' }, body: { raw: true } },
      },
      target,
      createdAt,
    );
    expect(encodeEntry(entry)).not.toMatch(/secret|set-cookie|"body"|"headers"/);
    expect(entry.result.response).toEqual({ id: 'r1', modelId: undefined, timestamp: undefined });
  });

  it('streams as parts that assemble back into the same content', () => {
    fc.assert(
      fc.property(generateResult, (result) => {
        const entry = entryFromResult(result, target, createdAt);
        const parts = partsFromEntry(decodeEntry(encodeEntry(entry)) as LanguageCacheEntry);
        const again = entryFromParts(parts, target, createdAt);
        expect(again).toBeDefined();
        expect(stored(again?.result.content)).toEqual(stored(result.content));
        expect(again?.result.finishReason).toEqual(stored(result.finishReason));
        expect(stored(again?.result.usage)).toEqual(stored(result.usage));
      }),
    );
  });

  it('synthesizes start, delta and end parts around each block, then a finish', () => {
    const entry = entryFromResult(
      {
        content: [
          { type: 'reasoning', text: 'think' },
          { type: 'text', text: 'Hello' },
          { type: 'tool-call', toolCallId: 'call-1', toolName: 'f', input: '{"a":1}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage,
        warnings: [{ type: 'unsupported', feature: 'topK' }],
        response: { id: 'r1', modelId: 'gpt-4o', timestamp: new Date(createdAt) },
      },
      target,
      createdAt,
    );
    expect(partsFromEntry(entry).map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'finish',
    ]);
    const [start, metadataPart] = partsFromEntry(entry);
    expect(start).toEqual({
      type: 'stream-start',
      warnings: [{ type: 'unsupported', feature: 'topK' }],
    });
    expect(metadataPart).toEqual({
      type: 'response-metadata',
      id: 'r1',
      modelId: 'gpt-4o',
      timestamp: new Date(createdAt),
    });
  });

  it('marks a provider-executed tool call as such from its first part', () => {
    const entry = entryFromResult(
      {
        content: [
          {
            type: 'tool-call',
            toolCallId: 'ws-1',
            toolName: 'web_search',
            input: '{}',
            providerExecuted: true,
          },
        ],
        finishReason: stop,
        usage,
        warnings: [],
      },
      target,
      createdAt,
    );
    const inputStart = partsFromEntry(entry).find((part) => part.type === 'tool-input-start');
    expect(inputStart).toMatchObject({
      id: 'ws-1',
      toolName: 'web_search',
      providerExecuted: true,
    });
  });
});

describe('a recorded stream as an entry', () => {
  it('keeps every part but raw chunks, and replays them after storage', () => {
    fc.assert(
      fc.property(recordedStream, (parts) => {
        const entry = entryFromParts(parts, target, createdAt);
        if (entry === undefined) throw new Error('a finished stream makes an entry');
        const kept = parts.filter((part) => part.type !== 'raw');
        expect(entry.parts).toEqual(kept);
        const replayed = partsFromEntry(decodeEntry(encodeEntry(entry)) as LanguageCacheEntry);
        expect(stored(replayed)).toEqual(stored(kept));
        expect(replayed.find((part) => part.type === 'response-metadata')).toMatchObject({
          timestamp: new Date(0),
        });
      }),
    );
  });

  it('assembles the result non-streaming requests are served from', () => {
    fc.assert(
      fc.property(recordedStream, (parts) => {
        const entry = entryFromParts(parts, target, createdAt);
        const expected: unknown[] = [];
        const open = new Map<string, { type: string; text: string; providerMetadata?: unknown }>();
        for (const part of parts) {
          if (part.type === 'text-start' || part.type === 'reasoning-start') {
            const block = { type: part.type.replace('-start', ''), text: '' };
            open.set(part.id, block);
            expected.push(block);
          } else if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
            const block = open.get(part.id);
            if (block) block.text += part.delta;
          } else if (part.type === 'text-end' || part.type === 'reasoning-end') {
            const block = open.get(part.id);
            if (block && part.providerMetadata) block.providerMetadata = part.providerMetadata;
          } else if (part.type === 'tool-call') expected.push(part);
        }
        const finish = parts.at(-1);
        expect(stored(entry?.result.content)).toEqual(stored(expected));
        expect(entry?.result.finishReason).toEqual(
          finish?.type === 'finish' && finish.finishReason,
        );
        expect(entry?.result.response).toEqual({
          id: 'resp-1',
          modelId: 'gpt-4o',
          timestamp: '1970-01-01T00:00:00.000Z',
        });
      }),
    );
  });

  it('is never made from a stream without a finish part', () => {
    fc.assert(
      fc.property(recordedStream, fc.nat(), (parts, cut) => {
        const withoutFinish = parts.slice(0, cut % parts.length);
        expect(entryFromParts(withoutFinish, target, createdAt)).toBeUndefined();
      }),
    );
  });

  it('is never made from a stream with an error part, wherever it is', () => {
    fc.assert(
      fc.property(recordedStream, fc.nat(), (parts, at) => {
        const withError = [...parts];
        withError.splice(at % (parts.length + 1), 0, { type: 'error', error: new Error('cut') });
        expect(entryFromParts(withError, target, createdAt)).toBeUndefined();
      }),
    );
  });

  it('keeps the citations a text block ended with', () => {
    const source = {
      type: 'source',
      sourceType: 'url',
      id: 's1',
      url: 'https://a.example/',
    } as const;
    const entry = entryFromParts(
      [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Paris' },
        { type: 'text-end', id: 't', citations: [{ source, citedText: 'Paris' }] },
        { type: 'finish', finishReason: stop, usage },
      ],
      target,
      createdAt,
    );
    expect(entry?.result.content).toEqual([
      { type: 'text', text: 'Paris', citations: [{ source, citedText: 'Paris' }] },
    ]);
  });
});

describe('decodeEntry', () => {
  it('rejects text that is not a language entry', () => {
    expect(decodeEntry('not json')).toBeUndefined();
    expect(decodeEntry('null')).toBeUndefined();
    expect(decodeEntry('{"kind":"embedding","result":{"content":[]}}')).toBeUndefined();
    expect(decodeEntry('{"kind":"language","result":{}}')).toBeUndefined();
  });

  it('writes entries canonically: the same entry always gives the same text', () => {
    fc.assert(
      fc.property(generateResult, (result) => {
        const entry = entryFromResult(result, target, createdAt);
        const text = encodeEntry(entry);
        expect(encodeEntry(decodeEntry(text) as LanguageCacheEntry)).toBe(text);
      }),
    );
  });
});
