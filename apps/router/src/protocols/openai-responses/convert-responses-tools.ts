import type {
  LanguageModelV4FunctionTool,
  LanguageModelV4ToolChoice,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { InvalidRequestError } from '../../errors/index.ts';
import type { ResponsesRequest, ResponsesToolChoice } from './responses-request.ts';
import { type FunctionName, ToolNames } from './tool-names.ts';

type RequestTool = NonNullable<ResponsesRequest['tools']>[number];
type FunctionTool = Extract<RequestTool, { type: 'function' }>;

export interface ConvertedTools {
  tools: LanguageModelV4FunctionTool[] | undefined;
  toolChoice: LanguageModelV4ToolChoice | undefined;
  names: ToolNames;
  warnings: SharedV4Warning[];
}

/**
 * Function tools become canonical function tools (namespaced ones flattened, see `ToolNames`);
 * every other tool type runs on OpenAI's servers, so it is dropped with a warning.
 * `allowed_tools` narrows the tools, and forcing a dropped tool is a 400.
 */
export function convertResponsesTools(request: ResponsesRequest): ConvertedTools {
  const names = new ToolNames();
  const warnings: SharedV4Warning[] = [];
  const functions: { tool: FunctionTool; name: FunctionName }[] = [];
  const add = (tool: FunctionTool, namespace: string | undefined, param: string) => {
    const name = names.add({ name: tool.name, namespace }, param);
    functions.push({ tool, name });
  };
  (request.tools ?? []).forEach((tool, index) => {
    if (tool.type === 'function') add(tool, undefined, `tools[${index}].name`);
    else if (tool.type === 'namespace') {
      tool.tools.forEach((inner, innerIndex) => {
        if (inner.type === 'function') {
          add(inner, tool.name, `tools[${index}].tools[${innerIndex}].name`);
        } else warnings.push(droppedToolWarning(inner.dropped));
      });
    } else warnings.push(droppedToolWarning(tool.dropped));
  });

  const choice = request.tool_choice ?? undefined;
  const allowed = allowedNames(choice, names);
  const tools = functions
    .filter(({ name }) => allowed === undefined || allowed.has(name.canonical))
    .map(({ tool, name }) => convertFunctionTool(tool, name.canonical));
  return {
    tools: tools.length === 0 ? undefined : tools,
    toolChoice: convertToolChoice(choice, names, tools.length),
    names,
    warnings,
  };
}

function droppedToolWarning(type: string): SharedV4Warning {
  return {
    type: 'unsupported',
    feature: `tools.${type}`,
    details: `Switchyard cannot run '${type}' tools; the tool was dropped.`,
  };
}

function convertFunctionTool(tool: FunctionTool, name: string): LanguageModelV4FunctionTool {
  const converted: LanguageModelV4FunctionTool = {
    type: 'function',
    name,
    inputSchema: tool.parameters ?? { type: 'object', properties: {} },
  };
  if (tool.description != null) converted.description = tool.description;
  if (tool.strict != null) converted.strict = tool.strict;
  return converted;
}

function allowedNames(
  choice: ResponsesToolChoice | undefined,
  names: ToolNames,
): Set<string> | undefined {
  if (typeof choice !== 'object' || !('tools' in choice)) return undefined;
  const allowed = new Set<string>();
  for (const entry of choice.tools) {
    // Only functions can be allowed: the other tool types were dropped.
    if (entry.type === 'function' && entry.name !== undefined) {
      const known = names.canonicalOf({ name: entry.name });
      if (known !== undefined) allowed.add(known);
    }
  }
  return allowed;
}

function convertToolChoice(
  choice: ResponsesToolChoice | undefined,
  names: ToolNames,
  toolCount: number,
): LanguageModelV4ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return modeChoice(choice, toolCount);
  if ('mode' in choice) return modeChoice(choice.mode, toolCount);
  if (choice.type === 'function' && 'name' in choice) {
    const toolName = names.canonicalOf({ name: choice.name });
    if (toolName === undefined) {
      throw new InvalidRequestError({
        message: `tool_choice names the function '${choice.name}', which is not in tools.`,
        param: 'tool_choice.name',
      });
    }
    return { type: 'tool', toolName };
  }
  throw new InvalidRequestError({
    message: `tool_choice forces a '${choice.type}' tool, which Switchyard cannot run.`,
    param: 'tool_choice',
  });
}

function modeChoice(
  mode: 'none' | 'auto' | 'required',
  toolCount: number,
): LanguageModelV4ToolChoice | undefined {
  if (mode === 'required' && toolCount === 0) {
    throw new InvalidRequestError({
      message:
        'tool_choice requires a tool call, but no function tool is left (tools Switchyard cannot run are dropped).',
      param: 'tool_choice',
    });
  }
  return toolCount === 0 ? undefined : { type: mode };
}
