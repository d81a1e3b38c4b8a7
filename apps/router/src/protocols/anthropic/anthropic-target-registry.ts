import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
} from '@ai-sdk/provider';
import { describeTarget } from '../../catalog/describe-target.ts';
import type { RouterConfig } from '../../config/index.ts';
import type { ProviderRegistry } from '../../providers/provider-registry.ts';
import type { Target } from '../../routing/target.ts';
import { reasoningForTarget } from './thinking-parts.ts';

type AssistantContent = Extract<LanguageModelV4Prompt[number], { role: 'assistant' }>['content'];

export interface AnthropicPassThrough {
  /** The client's `anthropic-version` header, sent unchanged to Anthropic targets only. */
  version?: string;
}

/**
 * The request's providers as an Anthropic Messages request needs them: each target gets the one
 * canonical call tailored to it, at the moment it is tried (failover may reach any target).
 * Anthropic targets get `anthropic-version` and Anthropic's own thinking settings; replayed
 * thinking goes only to the provider that made it; `max_tokens` is lowered to the target's
 * output limit when the catalog knows it (Claude Code asks for up to 128,000, which most other
 * models refuse with a 400 rather than answer shorter).
 * @example request.registry = anthropicTargetRegistry(request.registry, config, { version });
 */
export function anthropicTargetRegistry(
  registry: ProviderRegistry,
  config: RouterConfig,
  passThrough: AnthropicPassThrough,
): ProviderRegistry {
  return {
    ...registry,
    languageModel(target) {
      const model = registry.languageModel(target);
      const tailor = (options: LanguageModelV4CallOptions) =>
        withinOutputLimit(
          callForTarget(options, target, isAnthropic(config, target), passThrough),
          describeTarget(config, target.id).maxOutputTokens,
        );
      const tailored: LanguageModelV4 = {
        specificationVersion: model.specificationVersion,
        provider: model.provider,
        modelId: model.modelId,
        get supportedUrls() {
          return model.supportedUrls;
        },
        doGenerate: (options) => model.doGenerate(tailor(options)),
        doStream: (options) => model.doStream(tailor(options)),
      };
      return tailored;
    },
  };
}

/**
 * The call one target receives. For Anthropic targets the portable `reasoning` is dropped: the
 * request's own `thinking` (in `providerOptions.anthropic`) says exactly what the client asked,
 * and the package would otherwise add an effort of its choosing.
 */
export function callForTarget(
  call: LanguageModelV4CallOptions,
  target: Target,
  anthropic: boolean,
  passThrough: AnthropicPassThrough,
): LanguageModelV4CallOptions {
  const where = { providerId: target.providerId, isAnthropic: anthropic };
  const prompt: LanguageModelV4Prompt = [];
  for (const message of call.prompt) {
    if (message.role !== 'assistant') {
      prompt.push(message);
      continue;
    }
    const content = message.content.flatMap(
      (part): AssistantContent =>
        part.type === 'reasoning' ? reasoningForTarget(part, where) : [part],
    );
    // A turn that was only thinking says nothing to a provider that cannot read it.
    if (content.length > 0) prompt.push({ ...message, content });
  }
  if (!anthropic) return { ...call, prompt };
  const { reasoning: _portable, ...rest } = call;
  const headers =
    passThrough.version === undefined
      ? call.headers
      : { ...call.headers, 'anthropic-version': passThrough.version };
  return { ...rest, prompt, ...(headers !== undefined && { headers }) };
}

function withinOutputLimit(
  call: LanguageModelV4CallOptions,
  limit: number | undefined,
): LanguageModelV4CallOptions {
  if (limit === undefined || call.maxOutputTokens === undefined) return call;
  return call.maxOutputTokens <= limit ? call : { ...call, maxOutputTokens: limit };
}

function isAnthropic(config: Pick<RouterConfig, 'providers'>, target: Target): boolean {
  const provider = Object.hasOwn(config.providers, target.providerId)
    ? config.providers[target.providerId]
    : undefined;
  return provider?.type === 'anthropic';
}
