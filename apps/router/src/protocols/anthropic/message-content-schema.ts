import { z } from 'zod';

/** `cache_control` on a block or tool: a prompt-caching breakpoint for Anthropic targets. */
export const cacheControlSchema = z
  .object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();

export const textBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema,
});

const base64Source = z.object({
  type: z.literal('base64'),
  media_type: z.string().min(1),
  data: z.string().min(1),
});
const urlSource = z.object({ type: z.literal('url'), url: z.string().min(1) });
const plainTextSource = z.object({
  type: z.literal('text'),
  media_type: z.literal('text/plain').optional(),
  data: z.string(),
});

export const imageBlockSchema = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64Source, urlSource]),
  cache_control: cacheControlSchema,
});

export const documentBlockSchema = z.object({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, plainTextSource]),
  title: z.string().nullish(),
  cache_control: cacheControlSchema,
});

const toolResultBlock = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z
    .union([
      z.string(),
      z.array(
        z.discriminatedUnion('type', [textBlockSchema, imageBlockSchema, documentBlockSchema]),
      ),
    ])
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControlSchema,
});

const toolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
  cache_control: cacheControlSchema,
});

const thinkingBlock = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});

const redactedThinkingBlock = z.object({ type: z.literal('redacted_thinking'), data: z.string() });

export const userBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlockSchema,
  documentBlockSchema,
  toolResultBlock,
]);

export const assistantBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  toolUseBlock,
  thinkingBlock,
  redactedThinkingBlock,
]);

export type TextBlock = z.infer<typeof textBlockSchema>;
export type UserBlock = z.infer<typeof userBlockSchema>;
export type AssistantBlock = z.infer<typeof assistantBlockSchema>;
export type ToolResultBlock = z.infer<typeof toolResultBlock>;
export type CacheControl = z.infer<typeof cacheControlSchema>;
