/** Prices in US dollars per million tokens. */
export interface ModelPricing {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  /** Only where reasoning tokens are billed apart from output. */
  reasoning?: number;
}

/** What the gateway knows about a model: from the bundled datasets, overridden by config. */
export interface ModelDescription {
  name?: string;
  description?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  modalities?: { input: string[]; output: string[] };
  toolCalls?: boolean;
  reasoning?: boolean;
  pricing?: ModelPricing;
}
