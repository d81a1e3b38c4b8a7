import { arrayOf, isRecord, recordOf } from './json-values.ts';
import type { Scenario } from './scenario.ts';

export interface ToolDefinition {
  name: string;
  inputSchema: unknown;
}

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

/** What each wire format's request parser extracts; the reply is planned from this alone. */
export interface MockRequest {
  model: string;
  stream: boolean;
  /** OpenAI Chat `stream_options.include_usage`; the other formats always stream usage. */
  includeStreamUsage: boolean;
  lastUserText: string;
  /** Set when the last message is a tool result. */
  toolResult: string | undefined;
  /** Text of a trailing assistant message, for formats whose provider continues one (Anthropic). */
  assistantPrefill?: string | undefined;
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  /** Size of everything the model would read, for deterministic input token counts. */
  inputCharacters: number;
  /** Embedding requests only: the texts to embed and the requested vector length. */
  embedding?: { inputs: string[]; dimensions: number | undefined };
  /** Image generation requests only: the prompt, how many images and in which form. */
  image?: { prompt: string; n: number; responseFormat: string | undefined };
}

export interface MockUsage {
  /** All input tokens, cached ones included. */
  inputTokens: number;
  cachedInputTokens: number;
  /** All output tokens, reasoning ones included. */
  outputTokens: number;
  reasoningTokens: number;
}

export interface MockToolCall {
  name: string;
  /** JSON text of the arguments. */
  arguments: string;
}

export interface MockReply {
  /** Deterministic id suffix shared by the response, message and tool call ids. */
  id: string;
  text: string | undefined;
  toolCall: MockToolCall | undefined;
  reasoning: string | undefined;
  usage: MockUsage;
}

/**
 * Decides what the mock model answers: a tool call, an echo of the tool result, or an echo. After
 * an assistant prefill that its answer starts with, only the rest of that answer, without reasoning.
 */
export function planReply(request: MockRequest, scenario: Scenario, sequence: number): MockReply {
  const tool = chooseTool(request);
  const toolCall = tool && {
    name: tool.name,
    arguments: JSON.stringify(exampleFromSchema(tool.inputSchema)),
  };
  const fullText = toolCall
    ? undefined
    : (scenario.reply ??
      (request.toolResult === undefined
        ? `Echo: ${request.lastUserText}`
        : `Tool result: ${request.toolResult}`));
  const continuation = continuationOf(fullText, request.assistantPrefill);
  const text = continuation ?? fullText;
  const reasoning =
    scenario.reasoning && continuation === undefined
      ? `Thinking about: ${request.lastUserText}`
      : undefined;
  const inputTokens = tokensFor(request.inputCharacters);
  const reasoningTokens = reasoning === undefined ? 0 : tokensFor(reasoning.length);
  const answerTokens = tokensFor((text ?? toolCall?.arguments ?? '').length);
  return {
    id: `mock${String(sequence).padStart(6, '0')}`,
    text,
    toolCall,
    reasoning,
    usage: {
      inputTokens,
      cachedInputTokens: Math.floor(inputTokens / 2),
      outputTokens: answerTokens + reasoningTokens,
      reasoningTokens,
    },
  };
}

/**
 * The rest of `answer` after `prefill`, ignoring the prefill's trailing whitespace as Anthropic
 * does; `undefined` when there is no prefill or the answer does not start with it.
 */
export function continuationOf(
  answer: string | undefined,
  prefill: string | undefined,
): string | undefined {
  if (answer === undefined || prefill === undefined) return undefined;
  const start = prefill.trimEnd();
  return answer.startsWith(start) ? answer.slice(start.length) : undefined;
}

function chooseTool(request: MockRequest): ToolDefinition | undefined {
  if (request.toolChoice.type === 'none' || request.toolResult !== undefined) return undefined;
  const { toolChoice } = request;
  const forced =
    toolChoice.type === 'tool'
      ? request.tools.find((tool) => tool.name === toolChoice.name)
      : undefined;
  return forced ?? request.tools[0];
}

function tokensFor(characters: number): number {
  return Math.max(1, Math.ceil(characters / 4));
}

/** A value that satisfies a JSON schema's shape: strings "example", numbers 1, booleans true. */
export function exampleFromSchema(schema: unknown): unknown {
  const definition = recordOf(schema);
  if ('const' in definition) return definition.const;
  const choices = arrayOf(definition.enum);
  if (choices.length > 0) return choices[0];
  const variants = arrayOf(definition.anyOf ?? definition.oneOf);
  if (variants.length > 0) return exampleFromSchema(variants[0]);
  const types = Array.isArray(definition.type) ? definition.type : [definition.type];
  const type = types.find((candidate) => candidate !== 'null') ?? types[0];
  switch (type) {
    case 'string':
      return 'example';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return isRecord(definition.items) ? [exampleFromSchema(definition.items)] : [];
    default:
      return Object.fromEntries(
        Object.entries(recordOf(definition.properties)).map(([name, property]) => [
          name,
          exampleFromSchema(property),
        ]),
      );
  }
}

/** Splits text at word starts, keeping every character: "a b c" -> ["a ", "b ", "c"]. */
export function splitIntoWords(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\s)(?=\S)/);
}

/** Splits text into `count` pieces of nearly equal length (fewer for short text). */
export function splitIntoParts(text: string, count = 3): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size)
    parts.push(text.slice(start, start + size));
  return parts;
}
