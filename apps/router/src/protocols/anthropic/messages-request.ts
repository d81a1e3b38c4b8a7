import { z } from 'zod';
import { requestControlsSchema } from '../../routing/request-controls.ts';
import {
  assistantBlockSchema,
  cacheControlSchema,
  textBlockSchema,
  userBlockSchema,
} from './message-content-schema.ts';

const systemContent = z.union([z.string(), z.array(textBlockSchema)]);

/** A `system` turn inside `messages` is how Claude Code adds context mid-conversation. */
const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(userBlockSchema)]) }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(assistantBlockSchema)]),
  }),
  z.object({ role: z.literal('system'), content: systemContent }),
]);

/**
 * A tool the client runs (`custom`, the default). Anthropic's server tools (web search, code
 * execution, ...) run inside Anthropic and have no counterpart at other providers: refused.
 */
const tool = z
  .object({
    type: z.string().optional(),
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'must be 1-128 letters, digits, _ or -'),
    description: z.string().optional(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
    cache_control: cacheControlSchema,
  })
  .superRefine((value, context) => {
    if (value.type !== undefined && value.type !== 'custom') {
      context.addIssue({
        code: 'custom',
        path: ['type'],
        message: `server tools ('${value.type}') are not supported: only tools the client runs`,
      });
    } else if (value.input_schema === undefined) {
      context.addIssue({ code: 'custom', path: ['input_schema'], message: 'is required' });
    }
  });

const parallel = { disable_parallel_tool_use: z.boolean().optional() };
const toolChoice = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), ...parallel }),
  z.object({ type: z.literal('any'), ...parallel }),
  z.object({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
  z.object({ type: z.literal('none') }),
]);

const thinking = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().positive() }),
  z.object({ type: z.literal('disabled') }),
  z.object({
    type: z.literal('adaptive'),
    display: z.enum(['omitted', 'summarized', 'updates']).optional(),
  }),
]);

const jsonSchemaFormat = z.object({
  type: z.literal('json_schema'),
  schema: z.record(z.string(), z.unknown()),
});

/**
 * The Anthropic `POST /v1/messages` body. Fields Anthropic accepts that cannot change the routed
 * call (`service_tier`, `container`, ...) are tolerated and ignored; numbers are range-checked
 * as Anthropic documents them. Switchyard's routing controls (`models`, `provider`) may ride
 * along, as in the OpenAI body.
 */
export const messagesRequestSchema = requestControlsSchema
  .omit({ metadata: true, user: true, tags: true })
  .extend({
    model: z.string().min(1),
    max_tokens: z.number().int().positive(),
    messages: z.array(message).min(1, 'must contain at least one message'),
    system: systemContent.optional(),
    stream: z.boolean().optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().min(0).optional(),
    stop_sequences: z.array(z.string()).optional(),
    tools: z.array(tool).optional(),
    tool_choice: toolChoice.optional(),
    thinking: thinking.optional(),
    metadata: z.object({ user_id: z.string().nullish() }).optional(),
    output_format: jsonSchemaFormat.nullish(),
    output_config: z
      .object({
        effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional(),
        format: jsonSchemaFormat.nullish(),
      })
      .optional(),
  });

/** `POST /v1/messages/count_tokens`: the same body, without `max_tokens` or `stream`. */
export const countTokensRequestSchema = messagesRequestSchema
  .omit({ stream: true })
  .extend({ max_tokens: z.number().int().positive().optional() });

export type MessagesRequest = z.infer<typeof countTokensRequestSchema> & { stream?: boolean };
export type AnthropicMessage = MessagesRequest['messages'][number];
export type AnthropicTool = NonNullable<MessagesRequest['tools']>[number];
