import type { JsonRecord } from './json-values.ts';
import { arrayOf, recordOf, stringOf, textOf } from './json-values.ts';
import type {
  MockReply,
  MockRequest,
  MockUsage,
  ToolChoice,
  ToolDefinition,
} from './mock-reply.ts';
import { splitIntoWords } from './mock-reply.ts';
import type { StreamEvent, WireFormat } from './wire-format.ts';

const geminiPath = /\/([^/]+):(generateContent|streamGenerateContent)$/;

/** Gemini: `POST {base}/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`. */
export const gemini: WireFormat = {
  name: 'gemini',
  lineEnding: '\r\n',
  matches: (pathname) => geminiPath.test(pathname),
  parseRequest(body, url) {
    const request = recordOf(body);
    // The path stays percent-encoded so a scenario's encoded commas survive until parseScenario.
    const [, model = '', method] = geminiPath.exec(url.pathname) ?? [];
    const contents = arrayOf(request.contents).map(recordOf);
    const lastUser = contents.findLast(
      (content) => content.role === 'user' && textOf(content.parts) !== '',
    );
    const lastParts = arrayOf(contents.at(-1)?.parts).map(recordOf);
    const functionResponse = lastParts.findLast((part) => part.functionResponse !== undefined);
    return {
      model,
      stream: method === 'streamGenerateContent',
      includeStreamUsage: true,
      lastUserText: textOf(lastUser?.parts),
      toolResult:
        functionResponse && functionResponseText(recordOf(functionResponse.functionResponse)),
      tools: arrayOf(request.tools).flatMap((tool) =>
        arrayOf(recordOf(tool).functionDeclarations).flatMap(functionDeclaration),
      ),
      toolChoice: parseGeminiToolChoice(recordOf(request.toolConfig).functionCallingConfig),
      inputCharacters: JSON.stringify([request.systemInstruction ?? '', request.contents ?? []])
        .length,
    };
  },
  renderResponse: (reply, request) =>
    candidateResponse(reply, request, replyParts(reply), renderGeminiUsage(reply.usage)),
  renderStream(reply, request) {
    const promptUsage = { promptTokenCount: reply.usage.inputTokens };
    const event = (part: object): StreamEvent => ({
      data: JSON.stringify(candidateResponse(reply, request, [part], promptUsage, null)),
      content: true,
    });
    const events = [
      ...splitIntoWords(reply.reasoning ?? '').map((text) => event({ text, thought: true })),
      ...splitIntoWords(reply.text ?? '').map((text) => event({ text })),
      ...replyParts(reply)
        .filter((part) => 'functionCall' in part)
        .map(event),
    ];
    const finish = candidateResponse(
      reply,
      request,
      [{ text: '' }],
      renderGeminiUsage(reply.usage),
    );
    events.push({ data: JSON.stringify(finish), final: true });
    return events;
  },
  renderError: (status, message) => ({
    error: {
      code: status,
      message: message ?? geminiErrorMessages[status] ?? 'Internal error encountered.',
      status: geminiErrorStatuses[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT'),
    },
  }),
  responseHeaders: () => ({ 'x-gemini-service-tier': 'standard' }),
};

const geminiErrorStatuses: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const geminiErrorMessages: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  403: 'Method doesn\u2019t allow unregistered callers.',
  429: 'Resource has been exhausted (e.g. check quota).',
  503: 'The model is overloaded. Please try again later.',
};

function functionDeclaration(declaration: unknown): ToolDefinition[] {
  const { name, parameters, parametersJsonSchema } = recordOf(declaration);
  return typeof name === 'string'
    ? [{ name, inputSchema: parametersJsonSchema ?? parameters }]
    : [];
}

function functionResponseText(functionResponse: JsonRecord): string {
  const response = recordOf(functionResponse.response);
  const result = response.content ?? response.error ?? response;
  return stringOf(result) ?? JSON.stringify(result);
}

function parseGeminiToolChoice(config: unknown): ToolChoice {
  const { mode, allowedFunctionNames } = recordOf(config);
  if (mode === 'NONE') return { type: 'none' };
  if (mode !== 'ANY') return { type: 'auto' };
  const name = stringOf(arrayOf(allowedFunctionNames)[0]);
  return name === undefined ? { type: 'required' } : { type: 'tool', name };
}

function replyParts(reply: MockReply): object[] {
  return [
    ...(reply.reasoning === undefined ? [] : [{ text: reply.reasoning, thought: true }]),
    ...(reply.text === undefined ? [] : [{ text: reply.text }]),
    ...(reply.toolCall
      ? [
          {
            functionCall: { name: reply.toolCall.name, args: JSON.parse(reply.toolCall.arguments) },
          },
        ]
      : []),
  ];
}

function candidateResponse(
  reply: MockReply,
  request: MockRequest,
  parts: object[],
  usageMetadata: object,
  finishReason: string | null = 'STOP',
) {
  return {
    candidates: [
      {
        content: { parts, role: 'model' },
        ...(finishReason !== null && { finishReason }),
        index: 0,
      },
    ],
    usageMetadata,
    modelVersion: request.model,
    responseId: reply.id,
  };
}

/** Gemini counts thoughts apart from candidates and reports cached tokens only when there are some. */
function renderGeminiUsage(usage: MockUsage) {
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens - usage.reasoningTokens,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(usage.cachedInputTokens > 0 && { cachedContentTokenCount: usage.cachedInputTokens }),
    ...(usage.reasoningTokens > 0 && { thoughtsTokenCount: usage.reasoningTokens }),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
  };
}
