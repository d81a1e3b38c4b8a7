import { encodeAwsEvent } from './aws-event-stream.ts';
import type { JsonRecord } from './json-values.ts';
import { arrayOf, recordOf, stringOf, textOf } from './json-values.ts';
import type { MockReply, MockUsage, ToolChoice, ToolDefinition } from './mock-reply.ts';
import { splitIntoParts, splitIntoWords } from './mock-reply.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';
import { uuidFor } from './wire-format.ts';

const conversePath = /\/model\/([^/]+)\/(converse|converse-stream)$/;

/**
 * Amazon Bedrock Converse: `POST {base}/model/{modelId}/converse`, and `/converse-stream`, which
 * answers in AWS event-stream binary frames. Any SigV4 signature or Bearer key is accepted.
 */
export const bedrockConverse: WireFormat = {
  name: 'bedrock-converse',
  lineEnding: '\n',
  matches: (pathname) => conversePath.test(pathname),
  parseRequest(body, url) {
    const request = recordOf(body);
    const [, encodedModel = '', operation] = conversePath.exec(url.pathname) ?? [];
    const messages = arrayOf(request.messages).map(recordOf);
    const lastUser = messages.findLast(
      (message) => message.role === 'user' && textOf(message.content) !== '',
    );
    const lastBlocks = arrayOf(messages.at(-1)?.content).map(recordOf);
    const toolResult = lastBlocks.findLast((block) => block.toolResult !== undefined);
    const toolConfig = recordOf(request.toolConfig);
    return {
      model: decodeModelId(encodedModel),
      stream: operation === 'converse-stream',
      includeStreamUsage: true,
      lastUserText: textOf(lastUser?.content),
      toolResult: toolResult && toolResultText(recordOf(toolResult.toolResult).content),
      tools: arrayOf(toolConfig.tools).flatMap(toolSpec),
      toolChoice: parseBedrockToolChoice(toolConfig.toolChoice),
      inputCharacters: JSON.stringify([request.system ?? [], request.messages ?? []]).length,
    };
  },
  renderResponse: (reply) => ({
    metrics: { latencyMs: latencyOf(reply) },
    output: { message: { content: replyBlocks(reply), role: 'assistant' } },
    stopReason: stopReasonOf(reply),
    usage: renderBedrockUsage(reply.usage),
  }),
  renderStream(reply) {
    const events: StreamEvent[] = [];
    const emit = (type: string, payload: JsonRecord, flags: Omit<StreamEvent, 'data'> = {}) => {
      const frame = (data: string) => encodeAwsEvent(type, data);
      events.push({ event: type, data: withPadding(payload), frame, ...flags });
    };
    emit('messageStart', { role: 'assistant' });
    // Like Bedrock, text and reasoning blocks open with their first delta; only toolUse has a start.
    let index = 0;
    const delta = (content: object, flags: Omit<StreamEvent, 'data'> = { content: true }) =>
      emit('contentBlockDelta', { contentBlockIndex: index, delta: content }, flags);
    const stop = () => emit('contentBlockStop', { contentBlockIndex: index++ });
    if (reply.reasoning !== undefined) {
      for (const text of splitIntoWords(reply.reasoning)) delta({ reasoningContent: { text } });
      delta({ reasoningContent: { signature: signatureFor(reply) } }, {});
      stop();
    }
    if (reply.text !== undefined) {
      for (const text of splitIntoWords(reply.text)) delta({ text });
      stop();
    }
    if (reply.toolCall) {
      const toolUse = { name: reply.toolCall.name, toolUseId: toolUseIdFor(reply) };
      emit('contentBlockStart', { contentBlockIndex: index, start: { toolUse } });
      for (const input of splitIntoParts(reply.toolCall.arguments)) delta({ toolUse: { input } });
      stop();
    }
    emit('messageStop', { stopReason: stopReasonOf(reply) }, { final: true });
    const metadata = {
      metrics: { latencyMs: latencyOf(reply) },
      usage: renderBedrockUsage(reply.usage),
    };
    emit('metadata', metadata, { final: true });
    return events;
  },
  renderError: (status, message) => ({
    message:
      message ??
      bedrockErrorMessages[status] ??
      bedrockErrorMessages[status >= 500 ? 500 : 400] ??
      'Mock upstream error',
  }),
  responseHeaders: (replyId) => ({ 'x-amzn-requestid': uuidFor(replyId) }),
};

/** Bodies of Bedrock's errors; the real service names the exception in `x-amzn-errortype`. */
const bedrockErrorMessages: Record<number, string> = {
  400: 'Malformed input request, please reformat your input and try again.',
  403: "You don't have access to the model with the specified model ID.",
  404: 'The provided model identifier is invalid.',
  408: 'Model has timed out in processing the request. Try your request again.',
  424: 'The model encountered an error while processing the request. Try your request again.',
  429: 'Too many requests, please wait before trying again.',
  500: 'The server encountered an internal error while processing the request.',
  503: 'Bedrock is unable to process your request.',
};

/** The SDK percent-encodes the model id (ARNs carry slashes, scenarios commas). */
export function decodeModelId(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

function toolSpec(tool: unknown): ToolDefinition[] {
  const { name, inputSchema } = recordOf(recordOf(tool).toolSpec);
  return typeof name === 'string' ? [{ name, inputSchema: recordOf(inputSchema).json }] : [];
}

function toolResultText(content: unknown): string {
  return arrayOf(content)
    .map((block) => {
      const { text, json } = recordOf(block);
      return stringOf(text) ?? JSON.stringify(json ?? null);
    })
    .join('');
}

function parseBedrockToolChoice(choice: unknown): ToolChoice {
  const { any, tool } = recordOf(choice);
  if (any !== undefined) return { type: 'required' };
  const name = stringOf(recordOf(tool).name);
  return name === undefined ? { type: 'auto' } : { type: 'tool', name };
}

function replyBlocks(reply: MockReply): object[] {
  return [
    ...(reply.reasoning === undefined
      ? []
      : [
          {
            reasoningContent: {
              reasoningText: { signature: signatureFor(reply), text: reply.reasoning },
            },
          },
        ]),
    ...(reply.text === undefined ? [] : [{ text: reply.text }]),
    ...(reply.toolCall
      ? [
          {
            toolUse: {
              toolUseId: toolUseIdFor(reply),
              name: reply.toolCall.name,
              input: JSON.parse(reply.toolCall.arguments),
            },
          },
        ]
      : []),
  ];
}

function stopReasonOf(reply: MockReply): string {
  return reply.toolCall ? 'tool_use' : 'end_turn';
}

function toolUseIdFor(reply: MockReply): string {
  return `tooluse_${reply.id}`;
}

function signatureFor(reply: MockReply): string {
  return btoa(`mock-signature-${reply.id}`);
}

/** Plausible and deterministic: longer answers take longer. */
function latencyOf(reply: MockReply): number {
  return 100 + 10 * reply.usage.outputTokens;
}

const paddingAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Bedrock pads each event with a `p` field of varying length and sorts the payload's keys. */
function withPadding(payload: JsonRecord): string {
  const padding = paddingAlphabet.slice(0, 1 + (JSON.stringify(payload).length % 60));
  const entries = Object.entries({ ...payload, p: padding });
  return JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** Bedrock counts `inputTokens` without the cached part, and reports cache reads apart. */
function renderBedrockUsage(usage: MockUsage) {
  return {
    cacheReadInputTokenCount: usage.cachedInputTokens,
    cacheReadInputTokens: usage.cachedInputTokens,
    cacheWriteInputTokenCount: 0,
    cacheWriteInputTokens: 0,
    inputTokens: usage.inputTokens - usage.cachedInputTokens,
    outputTokens: usage.outputTokens,
    serverToolUsage: {},
    totalTokens: usage.inputTokens + usage.outputTokens,
  };
}
