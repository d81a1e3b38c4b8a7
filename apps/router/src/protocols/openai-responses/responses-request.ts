import { z } from 'zod';
import { requestControlsSchema } from '../../routing/request-controls.ts';
import { requestMetadataSchema } from '../routing-headers.ts';
import { inputItem } from './responses-input-schema.ts';

const functionName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');

const functionTool = z.object({
  type: z.literal('function'),
  name: functionName,
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

/** Codex groups related functions under a namespace; the model sees them as plain functions. */
const namespaceTool = z.object({
  type: z.literal('namespace'),
  name: functionName,
  description: z.string().nullish(),
  tools: z.array(
    z.preprocess((value) => asDroppedUnlessFunction(value), z.union([functionTool, droppedTool()])),
  ),
});

function droppedTool() {
  return z.object({ type: z.literal('dropped'), dropped: z.string() });
}

/** Any tool other than a function runs on OpenAI's servers: it is dropped with a warning. */
function asDroppedUnlessFunction(value: unknown, keep: readonly string[] = ['function']): unknown {
  if (typeof value !== 'object' || value === null || !('type' in value)) return value;
  const { type } = value;
  if (typeof type !== 'string' || keep.includes(type)) return value;
  return { type: 'dropped', dropped: type.slice(0, 64) };
}

const tool = z.preprocess(
  (value) => asDroppedUnlessFunction(value, ['function', 'namespace']),
  z.discriminatedUnion('type', [functionTool, namespaceTool, droppedTool()]),
);

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), name: z.string().min(1) }),
  z.object({
    type: z.literal('allowed_tools'),
    mode: z.enum(['auto', 'required']),
    tools: z.array(z.object({ type: z.string(), name: z.string().optional() })),
  }),
  // A hosted tool forced by type (`{type: "web_search"}`): refused, its tool is dropped.
  z.object({ type: z.string() }),
]);

const textFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    description: z.string().nullish(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
  }),
]);

/**
 * The OpenAI `POST /v1/responses` body. Served statelessly: `store` is accepted and nothing is
 * kept, so `previous_response_id`, `conversation` and `background` are refused where the route
 * reads them. Fields that cannot change the routed call (`include`, `truncation`,
 * `service_tier`, `stream_options`, ...) are tolerated and ignored.
 */
export const responsesRequestSchema = requestControlsSchema.extend({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(inputItem)]),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.string().nullish(),
  conversation: z.unknown().optional(),
  background: z.boolean().nullish(),
  prompt: z.unknown().optional(),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z
    .object({
      format: textFormat.nullish(),
      verbosity: z.enum(['low', 'medium', 'high']).nullish(),
    })
    .nullish(),
  reasoning: z
    .object({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
      summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
      generate_summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
    })
    .nullish(),
  include: z.array(z.string()).nullish(),
  // zod numbers are finite: JSON's 1e999 (Infinity) is rejected like any out-of-range value.
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  metadata: requestMetadataSchema.nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().max(128).nullish(),
  prompt_cache_key: z.string().max(256).nullish(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
export type ResponsesTool = NonNullable<ResponsesRequest['tools']>[number];
export type ResponsesToolChoice = NonNullable<ResponsesRequest['tool_choice']>;
export type ResponsesTextFormat = NonNullable<NonNullable<ResponsesRequest['text']>['format']>;
