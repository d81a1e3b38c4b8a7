import type {
  LanguageModelV4CallOptions,
  SharedV4ProviderOptions,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { omitUndefined } from '../openai/convert-to-call-options.ts';
import { convertResponsesInput } from './convert-responses-input.ts';
import { convertResponsesTools } from './convert-responses-tools.ts';
import type { ResponsesRequest, ResponsesTextFormat } from './responses-request.ts';
import type { ToolNames } from './tool-names.ts';

export interface ResponsesCall {
  call: LanguageModelV4CallOptions;
  /** How the model's function names map back to the client's (namespaces). */
  names: ToolNames;
  /** What was dropped on the way in (tools and items Switchyard cannot run). */
  warnings: SharedV4Warning[];
}

/**
 * Maps a Responses request to AI SDK call options. OpenAI-only settings (reasoning summaries,
 * verbosity, prompt cache key, `store: false`, encrypted reasoning) travel in
 * `providerOptions.openai`; other providers ignore them.
 */
export function convertResponsesCallOptions(request: ResponsesRequest): ResponsesCall {
  const tools = convertResponsesTools(request);
  const input = convertResponsesInput(request);
  const call: LanguageModelV4CallOptions = omitUndefined({
    prompt: input.prompt,
    maxOutputTokens: request.max_output_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    reasoning: request.reasoning?.effort ?? undefined,
    responseFormat: convertTextFormat(request.text?.format ?? undefined),
    tools: tools.tools,
    toolChoice: tools.toolChoice,
    providerOptions: providerOptionsFor(request, tools.tools !== undefined),
  });
  return { call, names: tools.names, warnings: [...tools.warnings, ...input.warnings] };
}

function convertTextFormat(
  format: ResponsesTextFormat | undefined,
): LanguageModelV4CallOptions['responseFormat'] {
  switch (format?.type) {
    case undefined:
      return undefined;
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return omitUndefined({
        type: 'json' as const,
        name: format.name,
        description: format.description ?? undefined,
        schema: format.schema,
      });
  }
}

function providerOptionsFor(
  request: ResponsesRequest,
  hasTools: boolean,
): SharedV4ProviderOptions | undefined {
  const summary = request.reasoning?.summary ?? request.reasoning?.generate_summary ?? undefined;
  // OpenAI refuses parallel_tool_calls without tools, and every tool may have been dropped.
  const parallel = hasTools ? (request.parallel_tool_calls ?? undefined) : undefined;
  const openai = omitUndefined({
    parallelToolCalls: parallel,
    user: request.user ?? undefined,
    reasoningSummary: summary,
    textVerbosity: request.text?.verbosity ?? undefined,
    promptCacheKey: request.prompt_cache_key ?? undefined,
    safetyIdentifier: request.safety_identifier ?? undefined,
    // The client asked that nothing be kept: an OpenAI target is told the same.
    store: request.store === false ? false : undefined,
    include: request.include?.includes('reasoning.encrypted_content')
      ? ['reasoning.encrypted_content']
      : undefined,
  });
  const options: SharedV4ProviderOptions = {};
  if (Object.keys(openai).length > 0) options.openai = openai;
  if (parallel !== undefined) options.anthropic = { disableParallelToolUse: !parallel };
  return Object.keys(options).length === 0 ? undefined : options;
}
