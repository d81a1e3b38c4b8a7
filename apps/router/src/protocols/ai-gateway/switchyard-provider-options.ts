import { z } from 'zod';
import type { RequestControls } from '../../routing/request-controls.ts';
import { requestControlsSchema } from '../../routing/request-controls.ts';
import { requestMetadataSchema } from '../routing-headers.ts';
import { providerOptionsSchema } from './language-model-prompt-schema.ts';

const controls = requestControlsSchema.shape;
const provider = controls.provider.unwrap().shape;

/**
 * `providerOptions.switchyard`: the gateway's own controls, the OpenAI body's request controls
 * in AI SDK spelling. Strict, so a misspelt key is a 400 rather than an ignored control.
 */
export const switchyardOptionsSchema = z.strictObject({
  /** Fallback models after the requested one. */
  models: controls.models,
  /** Provider ids to try first, in this order. */
  order: provider.order,
  /** Only these provider ids may serve. */
  only: provider.only,
  /** These provider ids may not serve. */
  ignore: provider.ignore,
  sort: provider.sort,
  /** Skip targets whose list price (US dollars per million tokens) is higher. */
  maxPrice: z
    .strictObject({ input: z.number().min(0).optional(), output: z.number().min(0).optional() })
    .optional(),
  /** `false` serves from the first target only. */
  allowFallbacks: provider.allow_fallbacks,
  /** Only targets that support every call option set may serve; else 400 `unsupported_parameter`. */
  requireParameters: provider.require_parameters,
  /** `deny`: only providers that do not train on prompts (their `data.training` is false). */
  dataCollection: provider.data_collection,
  /** Only providers that retain nothing (`data.retention: "none"`). */
  zdr: provider.zdr,
  /** Rules of this request: added to the gateway's, team's and key's, never loosening. */
  guardrails: controls.guardrails,
  cache: z
    .strictObject({
      /** Seconds a cached response stays fresh. */
      ttl: z.number().int().min(10).max(31_536_000).optional(),
      noCache: z.boolean().optional(),
      noStore: z.boolean().optional(),
    })
    .optional(),
  user: controls.user,
  tags: controls.tags,
  metadata: requestMetadataSchema.optional(),
});

export type SwitchyardOptions = z.infer<typeof switchyardOptionsSchema>;

/** Every provider's options pass through untouched; `switchyard` is validated. */
export const providerOptionsWithSwitchyardSchema = z
  .object({ switchyard: switchyardOptionsSchema.optional() })
  .catchall(providerOptionsSchema.valueType);

export type ProviderOptionsWithSwitchyard = z.infer<typeof providerOptionsWithSwitchyardSchema>;

/**
 * Takes `switchyard` out of the provider options, so no provider ever receives it, and turns
 * it into the routing controls every protocol shares.
 */
export function splitSwitchyardOptions(providerOptions: ProviderOptionsWithSwitchyard | undefined) {
  if (providerOptions === undefined) return { providerOptions, controls: {}, cache: undefined };
  const { switchyard, ...forProviders } = providerOptions;
  const cache = switchyard?.cache;
  return {
    providerOptions: Object.keys(forProviders).length === 0 ? undefined : forProviders,
    controls: toRequestControls(switchyard),
    cache: cache && { ttlSeconds: cache.ttl, noCache: cache.noCache, noStore: cache.noStore },
  };
}

/** `providerOptions.switchyard` in the OpenRouter shape `resolveWithControls` reads. */
export function toRequestControls(options: SwitchyardOptions | undefined): RequestControls {
  if (options === undefined) return {};
  const { models, order, only, ignore, allowFallbacks, requireParameters, sort, maxPrice } =
    options;
  const { dataCollection, zdr } = options;
  const provider = {
    order,
    only,
    ignore,
    allow_fallbacks: allowFallbacks,
    require_parameters: requireParameters,
    sort,
    max_price: maxPrice && { prompt: maxPrice.input, completion: maxPrice.output },
    data_collection: dataCollection,
    zdr,
  };
  const narrowed = Object.values(provider).some((value) => value !== undefined);
  return {
    models,
    provider: narrowed ? provider : undefined,
    metadata: options.metadata,
    user: options.user,
    tags: options.tags,
    guardrails: options.guardrails,
  };
}
