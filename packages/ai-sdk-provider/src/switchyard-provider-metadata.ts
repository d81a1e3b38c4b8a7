import type { JSONValue } from '@ai-sdk/provider';

/** One target the router tried, in order. */
export interface SwitchyardAttempt {
  /** `provider/model`, e.g. `mock/down`. */
  target: string;
  /** `ok`, or how the attempt failed, e.g. `error`. */
  outcome: string;
  /** The upstream HTTP status of a failed attempt. */
  status?: number;
  code?: string;
  durationMs?: number;
  [key: string]: JSONValue | undefined;
}

/** One guardrail rule's findings in one direction of the call (`shadow`: only recorded). */
export interface SwitchyardGuardrailAction {
  [key: string]: JSONValue;
  rule: string;
  direction: 'input' | 'output';
  action: 'block' | 'redact' | 'warn';
  mode: 'enforce' | 'shadow';
  /** Matches found. */
  count: number;
}

/**
 * What the router reports under `providerMetadata.switchyard` on results, stream `finish` parts
 * and embeddings; passed through unchanged. The same facts as the `x-switchyard-*` headers.
 * @example
 * const { providerMetadata } = await generateText({ model: gateway('chat'), prompt: 'Hi' });
 * const facts = providerMetadata?.switchyard as SwitchyardProviderMetadata | undefined;
 * console.log(facts?.provider, facts?.attempts, facts?.route);
 */
export interface SwitchyardProviderMetadata {
  /** Id of the configured provider that served the call, e.g. `anthropic`. */
  provider?: string | null;
  /** The model that served it, e.g. `claude-sonnet-4-5`. */
  model?: string | null;
  /** How many attempts were made, retries of the same target included. */
  attempts?: number;
  attemptLog?: SwitchyardAttempt[];
  /** The routing decision, as in `x-switchyard-route`. */
  route?: string | null;
  /** `HIT`, `MISS` or `BYPASS`. */
  cache?: string;
  requestId?: string;
  /** Cost in USD, when the router prices the call. */
  cost?: number | string | null;
  /** What the guardrails did, when any rule matched: never the matched text. */
  guardrails?: SwitchyardGuardrailAction[];
  [key: string]: JSONValue | undefined;
}
