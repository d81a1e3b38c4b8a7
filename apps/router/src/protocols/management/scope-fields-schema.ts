import { z } from 'zod';
import { scopeLimitsSchema } from '../../config/governance-schema.ts';
import { toNanos } from '../../governance/scope-record.ts';
import { scopePolicySchema } from '../../guardrails/policy/guardrails-schema.ts';

const maxMetadataBytes = 4_096;
const utf8 = new TextEncoder();
const { limit, limit_reset, rpm, tpm, max_parallel, models } = scopeLimitsSchema.shape;

/** ISO 8601 with a time zone, or epoch seconds; stored as epoch ms. */
const expiryFormat = 'must be an ISO 8601 date-time with a time zone, or epoch seconds';
const expiresAtSchema = z
  .union(
    [
      z.iso.datetime({ offset: true, message: expiryFormat }),
      z.number().int().positive().max(1e11, expiryFormat),
    ],
    { error: expiryFormat },
  )
  .transform((value) => (typeof value === 'number' ? value * 1_000 : Date.parse(value)));

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A team's or key's name: trimmed, 1 to 200 characters of well-formed Unicode (Redis keeps text as
 * UTF-8, so a lone surrogate would come back as U+FFFD there and unchanged in the in-process store).
 */
export const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => !loneSurrogate.test(name), 'must be well-formed Unicode (no lone surrogate)');

/** A free-form JSON object of bounded size, for the operator's own bookkeeping. */
const metadataSchema = z
  // A record would silently drop a `__proto__` field (nested ones stay: they are plain data).
  .custom(
    (value) => typeof value !== 'object' || value === null || !Object.hasOwn(value, '__proto__'),
    {
      message: "has a field named '__proto__', which it cannot keep",
    },
  )
  .pipe(z.record(z.string().max(128), z.unknown()))
  .refine((value) => utf8.encode(JSON.stringify(value)).byteLength <= maxMetadataBytes, {
    message: `is larger than ${maxMetadataBytes} bytes of JSON`,
  });

/**
 * The fields every team and key takes, as `POST` and `PATCH` accept them: null clears a field on
 * `PATCH` and means "none" on `POST`. Money arrives in US dollars and leaves as nanodollars.
 */
export const scopeFieldsShape = {
  limit: limit.unwrap().unwrap().transform(toNanos).nullish(),
  limit_reset,
  rpm,
  tpm,
  max_parallel,
  models,
  expires_at: expiresAtSchema.nullish(),
  disabled: z.boolean().optional(),
  on_store_unavailable: z.enum(['closed', 'open']).nullish(),
  metadata: metadataSchema.nullish(),
  /** Rules and a data policy added to the gateway's for this team or key; null clears them. */
  guardrails: scopePolicySchema.nullish(),
};

type ScopeFieldsInput = z.output<z.ZodObject<typeof scopeFieldsShape>>;

/** The parsed scope fields under the names of `ScopeSettings`, null kept (it clears). */
export function toScopePatch(body: ScopeFieldsInput) {
  return {
    limitNanos: body.limit,
    limitReset: body.limit_reset,
    rpm: body.rpm,
    tpm: body.tpm,
    maxParallel: body.max_parallel,
    models: body.models,
    expiresAt: body.expires_at,
    disabled: body.disabled,
    onStoreUnavailable: body.on_store_unavailable,
    metadata: body.metadata,
    guardrails: body.guardrails,
  };
}

/**
 * A patch without its nulls: the settings of something new.
 * @example withoutNulls({ rpm: null, tpm: 5 }) // { tpm: 5 }
 */
export function withoutNulls<Patch extends object>(
  patch: Patch,
): { [Field in keyof Patch]?: Exclude<Patch[Field], null> } {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== null && value !== undefined),
  ) as { [Field in keyof Patch]?: Exclude<Patch[Field], null> };
}
