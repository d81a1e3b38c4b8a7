import type {
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4FunctionTool,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
} from '@ai-sdk/provider';
import { exampleFromSchema } from './example-from-schema.ts';
import { continuationOf, splitPrefill } from './mock-prefill.ts';

export interface MockToolCall {
  toolCallId: string;
  toolName: string;
  /** JSON-encoded input. */
  input: string;
}

/** What the mock answers: optional reasoning, then either text or one tool call. */
export interface MockReply {
  reasoning: string | undefined;
  answer: { type: 'text'; text: string } | ({ type: 'tool-call' } & MockToolCall);
}

const fallbackText = 'Hello from the Switchyard mock model.';

type ReplyOptions = Pick<
  LanguageModelV4CallOptions,
  'prompt' | 'tools' | 'toolChoice' | 'responseFormat'
>;
type ReplySettings = { reply?: string | undefined; reasoning?: string | undefined };

/**
 * Decides the reply for a call: a tool call when tools are offered and no tool result is pending,
 * JSON built from the schema for structured output, else the configured reply or an echo. A
 * prompt ending in assistant text (a prefill) gets the rest of that answer when it starts with it.
 */
export function planReply(options: ReplyOptions, settings: ReplySettings): MockReply {
  const { conversation, prefill } = splitPrefill(options.prompt);
  const reply = planFreshReply({ ...options, prompt: conversation }, settings);
  if (prefill === undefined || reply.answer.type !== 'text') return reply;
  const rest = continuationOf(reply.answer.text, prefill);
  // Continuing mid-answer: the reasoning that preceded the text is not produced again.
  return rest === undefined
    ? reply
    : { reasoning: undefined, answer: { type: 'text', text: rest } };
}

function planFreshReply(options: ReplyOptions, settings: ReplySettings): MockReply {
  const reasoning = settings.reasoning || undefined;
  const tool = pickTool(options);
  if (tool) {
    const toolCallId = `call_mock_${countToolCalls(options.prompt) + 1}`;
    const input = JSON.stringify(exampleFromSchema(tool.inputSchema));
    return { reasoning, answer: { type: 'tool-call', toolCallId, toolName: tool.name, input } };
  }
  return { reasoning, answer: { type: 'text', text: replyText(options, settings.reply) } };
}

export function finishReasonOf({ answer }: MockReply): LanguageModelV4FinishReason {
  return answer.type === 'text'
    ? { unified: 'stop', raw: 'stop' }
    : { unified: 'tool-calls', raw: 'tool_calls' };
}

function replyText(
  options: Pick<LanguageModelV4CallOptions, 'prompt' | 'responseFormat'>,
  reply: string | undefined,
): string {
  const format = options.responseFormat;
  if (format?.type === 'json' && format.schema !== undefined) {
    return JSON.stringify(exampleFromSchema(format.schema));
  }
  const toolResults = lastToolResultsText(options.prompt);
  const text =
    reply ?? (toolResults !== undefined ? `Tool result: ${toolResults}` : echo(options.prompt));
  // JSON mode without a schema still has to parse: wrap plain text in an object.
  return format?.type === 'json' && !isJSON(text) ? JSON.stringify({ text }) : text;
}

function pickTool(
  options: Pick<LanguageModelV4CallOptions, 'prompt' | 'tools' | 'toolChoice'>,
): LanguageModelV4FunctionTool | undefined {
  const choice = options.toolChoice;
  if (choice?.type === 'none' || options.prompt.at(-1)?.role === 'tool') return undefined;
  const tools = (options.tools ?? []).filter((tool) => tool.type === 'function');
  const named =
    choice?.type === 'tool' ? tools.find((tool) => tool.name === choice.toolName) : undefined;
  return named ?? tools[0];
}

function echo(prompt: LanguageModelV4Prompt): string {
  const lastUser = prompt.findLast((message) => message.role === 'user');
  const text = (lastUser?.content ?? [])
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join(' ')
    .trim();
  return text ? `Echo: ${text}` : fallbackText;
}

function lastToolResultsText(prompt: LanguageModelV4Prompt): string | undefined {
  const last = prompt.at(-1);
  if (last?.role !== 'tool') return undefined;
  const results = last.content.flatMap((part) =>
    part.type === 'tool-result' ? [toolOutputText(part.output)] : [],
  );
  return results.length > 0 ? results.join('; ') : undefined;
}

/** The text a tool result contributes: strings as they are, JSON values serialized. */
export function toolOutputText(output: LanguageModelV4ToolResultOutput): string {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return `execution denied${output.reason ? `: ${output.reason}` : ''}`;
    case 'content':
      return output.value.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join(' ');
  }
}

function countToolCalls(prompt: LanguageModelV4Prompt): number {
  return prompt
    .flatMap((message) => (message.role === 'assistant' ? message.content : []))
    .filter((part) => part.type === 'tool-call').length;
}

function isJSON(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
