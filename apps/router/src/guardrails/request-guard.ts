import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import type { PipelineDeps, RouteRequest } from '../pipeline/route-request.ts';
import type { TargetFilter } from '../routing/resolve-targets.ts';
import { type ActionContext, applyRules } from './apply/apply-rules.ts';
import { guardGenerateResult } from './apply/guard-generate.ts';
import { guardStream } from './apply/guard-stream.ts';
import { mapPromptText } from './apply/map-prompt-text.ts';
import { createPlaceholderMap } from './apply/placeholder-map.ts';
import { dataPolicyFilter } from './policy/data-policy.ts';
import { planUnderDataPolicy, withDataPolicy } from './policy/data-policy-planning.ts';
import { hasStoredPolicies, policyFor } from './policy/guardrails.ts';
import { guardrailsOf } from './policy/guardrails-of.ts';

/** What the guardrails stage hands the rest of the pipeline for one request. */
export interface RequestGuard {
  /** The caller's allowlist filter with the data policy after it (resolution applies it). */
  filter(allow: TargetFilter | undefined): TargetFilter | undefined;
  /** Runs planning; labels the data policy's skips `data-policy`; nothing left is a 400. */
  plan<T>(planning: () => Promise<T>): Promise<T>;
  generate(result: LanguageModelV4GenerateResult): LanguageModelV4GenerateResult;
  stream(
    stream: ReadableStream<LanguageModelV4StreamPart>,
  ): ReadableStream<LanguageModelV4StreamPart>;
}

/** How the input stage reads and writes a call's texts. */
export interface CallTexts<Call> {
  read(call: Call): string[];
  write(call: Call, texts: readonly string[]): Call;
  /**
   * Which texts the operator wrote (system messages): injection heuristics skip them, since
   * hardened system prompts quote the very attacks they refuse.
   */
  operatorWritten?(call: Call): boolean[];
}

/** A language-model call's texts: every text of its prompt, in order. */
export const promptTexts: CallTexts<LanguageModelV4CallOptions> = {
  read(call) {
    const texts: string[] = [];
    mapPromptText(call.prompt, (text) => {
      texts.push(text);
      return text;
    });
    return texts;
  },
  write(call, texts) {
    let next = 0;
    return { ...call, prompt: mapPromptText(call.prompt, () => texts[next++] as string) };
  },
  operatorWritten(call) {
    const flags: boolean[] = [];
    mapPromptText(call.prompt, (text, role) => {
      flags.push(role === 'system');
      return text;
    });
    return flags;
  },
};

/**
 * The guardrails stage, after auth and before routing and the cache key: checks the call's
 * input (a block throws the 400 before any upstream call; redactions replace `request.call`)
 * and returns the data policy filter and the output checks for the answer.
 * @example
 * const guard = guardRequest(deps, request, promptTexts);
 * const plan = await guard.plan(() => planRoute(deps, request, guard.filter(allow)));
 */
export function guardRequest<Call>(
  deps: PipelineDeps,
  request: RouteRequest<Call>,
  texts: CallTexts<Call>,
): RequestGuard {
  const guardrails = guardrailsOf(deps);
  const { guardrails: requestRules, provider } = request.controls;
  const requestData =
    provider?.data_collection === undefined && provider?.zdr === undefined
      ? undefined
      : { data_collection: provider.data_collection, zdr: provider.zdr };
  if (
    !guardrails.configured &&
    requestRules === undefined &&
    requestData === undefined &&
    !hasStoredPolicies(request.principal)
  ) {
    return passThrough;
  }
  const policy = policyFor(guardrails, request.principal, {
    rules: requestRules,
    data: requestData,
  });
  const placeholders = createPlaceholderMap();
  const context = (direction: 'input' | 'output'): ActionContext => ({
    facts: request.facts,
    hashKey: guardrails.hashKey,
    direction,
    placeholders,
  });
  const { input, output } = policy;
  if (input.detectors.length > 0) {
    const before = texts.read(request.call);
    const after = applyRules(
      before,
      input,
      context('input'),
      texts.operatorWritten?.(request.call),
    );
    if (after.some((text, index) => text !== before[index])) {
      request.call = texts.write(request.call, after);
    }
  }
  const refusals = new Map<string, string>();
  return {
    filter: (allow) =>
      withDataPolicy(allow, policy.data && dataPolicyFilter(deps.config, policy.data, refusals)),
    plan: (planning) => planUnderDataPolicy(request, policy.data, refusals, planning),
    generate: (result) => guardGenerateResult(result, output.all, context('output')),
    stream: (stream) => guardStream(stream, output, context('output')),
  };
}

const passThrough: RequestGuard = {
  filter: (allow) => allow,
  plan: (planning) => planning(),
  generate: (result) => result,
  stream: (stream) => stream,
};
