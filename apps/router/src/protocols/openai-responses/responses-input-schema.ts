import { z } from 'zod';

const inputText = z.object({ type: z.literal('input_text'), text: z.string() });
const inputImage = z.object({
  type: z.literal('input_image'),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['auto', 'low', 'high', 'original']).nullish(),
});
const inputFile = z.object({
  type: z.literal('input_file'),
  file_data: z.string().min(1).nullish(),
  file_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  filename: z.string().nullish(),
});
const inputAudio = z.object({
  type: z.literal('input_audio'),
  input_audio: z.object({ data: z.string().min(1), format: z.enum(['wav', 'mp3']) }),
});

/** A part of a user, system or developer message, or of a function call's output. */
export const inputContentPart = z.discriminatedUnion('type', [
  inputText,
  inputImage,
  inputFile,
  inputAudio,
]);

// Assistant turns sent back as history: what the API returned, or text a client wrote itself.
const assistantContentPart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('output_text'), text: z.string() }),
  z.object({ type: z.literal('input_text'), text: z.string() }),
  z.object({ type: z.literal('refusal'), refusal: z.string() }),
]);

const message = z.discriminatedUnion('role', [
  z.object({
    type: z.literal('message'),
    role: z.enum(['user', 'system', 'developer']),
    content: z.union([z.string(), z.array(inputContentPart)]),
  }),
  z.object({
    type: z.literal('message'),
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(assistantContentPart)]),
  }),
]);

const functionCall = z.object({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().nullish(),
  arguments: z.string(),
});

const functionCallOutput = z.object({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(inputContentPart)]),
});

const reasoning = z.object({
  type: z.literal('reasoning'),
  summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })).default([]),
  content: z.array(z.object({ type: z.literal('reasoning_text'), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

const itemReference = z.object({ type: z.literal('item_reference'), id: z.string().min(1) });

const knownItemTypes = new Set([
  'message',
  'function_call',
  'function_call_output',
  'reasoning',
  'item_reference',
]);

/**
 * Items of tools Switchyard cannot run (hosted search, shells, computers, MCP, custom tools,
 * and types newer than this router) are dropped with a warning, as their tools are.
 */
const droppedItem = z.object({ type: z.literal('dropped'), dropped: z.string() });

/** `{role, content}` without a `type` is OpenAI's "easy" message form. */
function normaliseItem(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  if (!('type' in value)) return 'role' in value ? { ...value, type: 'message' } : value;
  const { type } = value;
  if (typeof type !== 'string' || knownItemTypes.has(type)) return value;
  return { type: 'dropped', dropped: type.slice(0, 64) };
}

/** One item of `input`: a message, a function call or its output, reasoning, or a reference. */
export const inputItem = z.preprocess(
  normaliseItem,
  z.discriminatedUnion('type', [
    message,
    functionCall,
    functionCallOutput,
    reasoning,
    itemReference,
    droppedItem,
  ]),
);

export type ResponsesInputItem = z.infer<typeof inputItem>;
export type ResponsesContentPart = z.infer<typeof inputContentPart>;
