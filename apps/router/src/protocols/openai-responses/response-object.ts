import type { ResponseUsage } from './convert-response-usage.ts';
import type { ResponsesRequest } from './responses-request.ts';

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: never[];
  logprobs: never[];
}

export interface SummaryText {
  type: 'summary_text';
  text: string;
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface MessageItem {
  type: 'message';
  id: string;
  status: ItemStatus;
  role: 'assistant';
  content: OutputText[];
}

export interface FunctionCallItem {
  type: 'function_call';
  id: string;
  status: ItemStatus;
  call_id: string;
  name: string;
  namespace?: string;
  arguments: string;
}

export interface ReasoningItem {
  type: 'reasoning';
  id: string;
  status: ItemStatus;
  summary: SummaryText[];
  encrypted_content?: string;
}

export type OutputItem = MessageItem | FunctionCallItem | ReasoningItem;

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponseError {
  code: string;
  message: string;
}

/** Who the response is: the same in every event of a stream. */
export interface ResponseIdentity {
  id: string;
  createdAt: number;
  /** The `provider/model` that served it. */
  model: string;
}

/** What the response object repeats of the request, computed once. */
export type RequestEcho = ReturnType<typeof echoOf>;

export function outputText(text: string): OutputText {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

/**
 * The request settings an OpenAI response object reports back; `stored` says whether this
 * response is kept for `previous_response_id`.
 */
export function echoOf(request: ResponsesRequest, stored = false) {
  return {
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: {
      effort: request.reasoning?.effort ?? null,
      summary: request.reasoning?.summary ?? request.reasoning?.generate_summary ?? null,
    },
    store: stored,
    temperature: request.temperature ?? 1,
    text: { format: request.text?.format ?? { type: 'text' as const } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: 'disabled' as const,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/**
 * The OpenAI `response` object, as the JSON answer and inside every lifecycle event.
 * @example
 * responseObject(identity, echo, { status: 'completed', output, usage });
 */
export function responseObject(
  identity: ResponseIdentity,
  echo: RequestEcho,
  state: {
    status: ResponseStatus;
    output: OutputItem[];
    usage?: ResponseUsage;
    error?: ResponseError;
    incompleteReason?: IncompleteReason;
  },
) {
  return {
    id: identity.id,
    object: 'response' as const,
    created_at: identity.createdAt,
    status: state.status,
    background: false,
    error: state.error ?? null,
    incomplete_details: state.incompleteReason ? { reason: state.incompleteReason } : null,
    model: identity.model,
    output: state.output,
    ...echo,
    usage: state.usage ?? null,
  };
}

export type IncompleteReason = 'max_output_tokens' | 'content_filter';
