import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  SharedV4Warning,
} from '@ai-sdk/provider';
import type { MockModelConfig } from '../../config/schema.ts';
import type { Sleep } from '../../timing/abortable-delay.ts';
import { sleep as realSleep, waitForAbort } from '../../timing/abortable-delay.ts';
import {
  connectionDroppedError,
  contextLengthError,
  failsRequest,
  injectedError,
} from './mock-faults.ts';
import type { MockReply } from './mock-reply.ts';
import { finishReasonOf, planReply } from './mock-reply.ts';
import { cutAfterChunks, planStreamParts, streamTimedParts } from './mock-stream.ts';
import { estimateTokens, mockUsage, promptText } from './mock-usage.ts';

export interface MockLanguageModelOptions {
  /** The configured provider id, e.g. `mock`; the model reports itself as `<providerId>.chat`. */
  providerId: string;
  modelId: string;
  settings: MockModelConfig;
  /** Clock for response timestamps. */
  now?: () => Date;
  /** Delay primitive; must reject with the abort reason when the signal aborts. */
  sleep?: Sleep;
  /**
   * Numbers requests for `errorRate` spreading. Defaults to a counter owned by this model, so
   * create the model once per configuration (or pass a shared counter) for rates below 1.
   */
  nextRequestNumber?: () => number;
}

/**
 * A deterministic language model for local development and failover drills: echoes or replies
 * with fixed text, calls offered tools, follows JSON schemas, and injects latency and faults.
 *
 * @example
 * const model = createMockLanguageModel({
 *   providerId: 'mock',
 *   modelId: 'flaky',
 *   settings: { latencyMs: 50, firstTokenMs: 0, chunkDelayMs: 10, errorStatus: 503, errorRate: 0.5, hang: false },
 * });
 */
export function createMockLanguageModel(options: MockLanguageModelOptions): LanguageModelV4 {
  const { providerId, modelId, settings } = options;
  const origin = { providerId, modelId };
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  let requests = 0;
  const nextRequestNumber = options.nextRequestNumber ?? (() => ++requests);

  /** Everything before the first byte: latency, hang, and the failures a real API returns up front. */
  async function respond(call: LanguageModelV4CallOptions) {
    const requestNumber = nextRequestNumber();
    await sleep(settings.latencyMs, call.abortSignal);
    if (settings.hang) await waitForAbort(call.abortSignal);
    const inputTokens = estimateTokens(promptText(call.prompt));
    if (settings.contextWindow !== undefined && inputTokens > settings.contextWindow) {
      throw contextLengthError(origin, inputTokens, settings.contextWindow);
    }
    if (settings.errorStatus !== undefined && failsRequest(requestNumber, settings.errorRate)) {
      throw injectedError(origin, settings.errorStatus);
    }
    const reply = planReply(call, settings);
    return {
      reply,
      usage: mockUsage(inputTokens, reply),
      metadata: { id: `mock-${requestNumber}`, timestamp: now(), modelId },
      warnings: unsupportedToolWarnings(call),
    };
  }

  return {
    specificationVersion: 'v4',
    provider: `${providerId}.chat`,
    modelId,
    supportedUrls: {},

    async doGenerate(call) {
      const { reply, usage, metadata, warnings } = await respond(call);
      return {
        content: replyContent(reply),
        finishReason: finishReasonOf(reply),
        usage,
        warnings,
        response: { ...metadata, headers: { 'content-type': 'application/json' } },
      };
    },

    async doStream(call) {
      const response = await respond(call);
      const parts = planStreamParts({
        ...response,
        firstTokenMs: settings.firstTokenMs,
        chunkDelayMs: settings.chunkDelayMs,
      });
      const { cutAfterChunks: chunks } = settings;
      const cut =
        chunks === undefined
          ? parts
          : cutAfterChunks(parts, chunks, () => connectionDroppedError(origin, chunks));
      return {
        stream: streamTimedParts(cut, sleep, call.abortSignal),
        response: { headers: { 'content-type': 'text/event-stream' } },
      };
    },
  };
}

function replyContent({ reasoning, answer }: MockReply): LanguageModelV4Content[] {
  const content: LanguageModelV4Content[] = reasoning
    ? [{ type: 'reasoning', text: reasoning }]
    : [];
  if (answer.type === 'text') content.push({ type: 'text', text: answer.text });
  else {
    const { toolCallId, toolName, input } = answer;
    content.push({ type: 'tool-call', toolCallId, toolName, input });
  }
  return content;
}

function unsupportedToolWarnings(call: LanguageModelV4CallOptions): SharedV4Warning[] {
  return (call.tools ?? []).flatMap((tool) =>
    tool.type === 'provider'
      ? [
          {
            type: 'unsupported' as const,
            feature: `provider tool ${tool.id}`,
            details: 'the mock model only calls function tools',
          },
        ]
      : [],
  );
}
