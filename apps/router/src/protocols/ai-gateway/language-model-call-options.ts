import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { z } from 'zod';
import type { CacheRequest } from '../../cache/cache-decision.ts';
import type { RequestControls } from '../../routing/request-controls.ts';
import { parseRequest } from '../parse-request.ts';
import {
  languageModelPromptSchema,
  providerOptionsSchema,
} from './language-model-prompt-schema.ts';
import {
  providerOptionsWithSwitchyardSchema,
  splitSwitchyardOptions,
} from './switchyard-provider-options.ts';

const jsonSchema = z.record(z.string(), z.unknown());

const tool = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('function'),
    name: z.string().min(1),
    description: z.string().optional(),
    inputSchema: jsonSchema,
    inputExamples: z.array(z.object({ input: z.record(z.string(), z.json()) })).optional(),
    strict: z.boolean().optional(),
    providerOptions: providerOptionsSchema.optional(),
  }),
  z.object({
    type: z.literal('provider'),
    id: z
      .string()
      .regex(/^[^.]+\..+$/, 'must be written <provider>.<tool>')
      .transform((id) => id as `${string}.${string}`),
    name: z.string().min(1),
    args: z.record(z.string(), z.unknown()),
  }),
]);

const toolChoice = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['auto', 'none', 'required']) }),
  z.object({ type: z.literal('tool'), toolName: z.string().min(1) }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({
    type: z.literal('json'),
    schema: jsonSchema.optional(),
    name: z.string().optional(),
    description: z.string().optional(),
  }),
]);

/**
 * The body of `POST /v1/ai/language-model`: `LanguageModelV4CallOptions` as JSON. Unknown keys
 * are dropped, and so are `headers` and `includeRawChunks`: the client's headers are not the
 * upstream's, and raw upstream chunks never leave the gateway. Sampling numbers are finite and
 * in the ranges OpenAI documents (zod numbers reject JSON's 1e999, which parses to Infinity).
 */
export const languageModelCallOptionsSchema = z.object({
  prompt: languageModelPromptSchema,
  maxOutputTokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  stopSequences: z.array(z.string()).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().int().min(0).optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  responseFormat: responseFormat.optional(),
  seed: z.number().int().optional(),
  tools: z.array(tool).optional(),
  toolChoice: toolChoice.optional(),
  reasoning: z
    .enum(['provider-default', 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'])
    .optional(),
  providerOptions: providerOptionsWithSwitchyardSchema.optional(),
});

export interface LanguageModelCall {
  callOptions: LanguageModelV4CallOptions;
  controls: RequestControls;
  /** `providerOptions.switchyard.cache`, as the cache reads it. */
  cache: CacheRequest | undefined;
}

/** Validates the body (a 400 naming the field otherwise) and separates Switchyard's controls. */
export function parseLanguageModelCall(body: unknown): LanguageModelCall {
  const { providerOptions, ...options } = parseRequest(languageModelCallOptionsSchema, body);
  const split = splitSwitchyardOptions(providerOptions);
  const callOptions: LanguageModelV4CallOptions = options;
  if (split.providerOptions !== undefined) callOptions.providerOptions = split.providerOptions;
  return { callOptions, controls: split.controls, cache: split.cache };
}
