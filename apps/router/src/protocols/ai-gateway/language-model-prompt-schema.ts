import { z } from 'zod';

/** `providerOptions` of a message, part or tool: per provider, a JSON object passed through. */
export const providerOptionsSchema = z.record(z.string(), z.record(z.string(), z.json()));
const withProviderOptions = { providerOptions: providerOptionsSchema.optional() };

// JSON carries bytes as base64 text (the official client encodes them); it stays a string.
const inlineData = z.object({ type: z.literal('data'), data: z.string() });

const base64DataUrl = /^data:[^,]*;base64,(.*)$/is;

/**
 * JSON turned a `URL` into its string; the providers expect the object back. Only http(s) URLs
 * pass on (the router never fetches them, the upstream may); a base64 data URL becomes bytes.
 */
const urlData = z
  .object({ type: z.literal('url'), url: z.string(), originalUrl: z.string().optional() })
  .transform((value, context) => {
    const url = URL.canParse(value.url) ? new URL(value.url) : undefined;
    if (url?.protocol === 'http:' || url?.protocol === 'https:') return { ...value, url };
    const inline = url?.protocol === 'data:' ? base64DataUrl.exec(value.url) : null;
    if (inline !== null) return { type: 'data' as const, data: inline[1] ?? '' };
    const message =
      url?.protocol === 'data:'
        ? 'data URLs must be base64-encoded'
        : 'must be an absolute http(s) URL or a base64 data URL';
    context.addIssue({ code: 'custom', message, path: ['url'], input: value.url });
    return z.NEVER;
  });
const fileData = z.discriminatedUnion('type', [
  inlineData,
  urlData,
  z.object({ type: z.literal('reference'), reference: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal('text'), text: z.string() }),
]);

const mediaType = z.string().min(1);
const namespacedKind = z
  .string()
  .regex(/^[^.]+\..+$/, 'must be written <provider>.<kind>')
  .transform((kind) => kind as `${string}.${string}`);

const textPart = z.object({ type: z.literal('text'), text: z.string(), ...withProviderOptions });
const filePart = z.object({
  type: z.literal('file'),
  filename: z.string().optional(),
  data: fileData,
  mediaType,
  ...withProviderOptions,
});
const reasoningPart = z.object({
  type: z.literal('reasoning'),
  text: z.string(),
  ...withProviderOptions,
});
const reasoningFilePart = z.object({
  type: z.literal('reasoning-file'),
  data: z.discriminatedUnion('type', [inlineData, urlData]),
  mediaType,
  ...withProviderOptions,
});
const customPart = z.object({
  type: z.literal('custom'),
  kind: namespacedKind,
  ...withProviderOptions,
});
const toolCallPart = z.object({
  type: z.literal('tool-call'),
  toolCallId: z.string().min(1),
  toolName: z.string().min(1),
  input: z.unknown(),
  providerExecuted: z.boolean().optional(),
  ...withProviderOptions,
});

const toolOutputContent = z.discriminatedUnion('type', [
  textPart,
  z.object({
    type: z.literal('file'),
    data: fileData,
    mediaType,
    filename: z.string().optional(),
    ...withProviderOptions,
  }),
  z.object({ type: z.literal('custom'), ...withProviderOptions }),
]);
const toolResultOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), value: z.string(), ...withProviderOptions }),
  z.object({ type: z.literal('json'), value: z.json(), ...withProviderOptions }),
  z.object({
    type: z.literal('execution-denied'),
    reason: z.string().optional(),
    ...withProviderOptions,
  }),
  z.object({ type: z.literal('error-text'), value: z.string(), ...withProviderOptions }),
  z.object({ type: z.literal('error-json'), value: z.json(), ...withProviderOptions }),
  z.object({ type: z.literal('content'), value: z.array(toolOutputContent) }),
]);
const toolResultPart = z.object({
  type: z.literal('tool-result'),
  toolCallId: z.string().min(1),
  toolName: z.string().min(1),
  output: toolResultOutput,
  ...withProviderOptions,
});
const toolApprovalResponsePart = z.object({
  type: z.literal('tool-approval-response'),
  approvalId: z.string().min(1),
  approved: z.boolean(),
  reason: z.string().optional(),
  ...withProviderOptions,
});

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string(), ...withProviderOptions }),
  z.object({
    role: z.literal('user'),
    content: z.array(z.discriminatedUnion('type', [textPart, filePart])),
    ...withProviderOptions,
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.array(
      z.discriminatedUnion('type', [
        textPart,
        filePart,
        customPart,
        reasoningPart,
        reasoningFilePart,
        toolCallPart,
        toolResultPart,
      ]),
    ),
    ...withProviderOptions,
  }),
  z.object({
    role: z.literal('tool'),
    content: z.array(z.discriminatedUnion('type', [toolResultPart, toolApprovalResponsePart])),
    ...withProviderOptions,
  }),
]);

/** `LanguageModelV4Prompt` as JSON: strict on roles and part shapes, open on provider options. */
export const languageModelPromptSchema = z
  .array(message)
  .min(1, 'must contain at least one message');
