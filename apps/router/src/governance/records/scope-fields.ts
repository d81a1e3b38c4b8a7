import { type ScopePolicy, scopePolicySchema } from '../../guardrails/policy/guardrails-schema.ts';
import type { ScopeFields, ScopeLimits } from '../scope-record.ts';

const resets = ['daily', 'weekly', 'monthly'] as const;
const storeModes = ['closed', 'open'] as const;

/** Hash fields of a scope; `version`, `disabled` and `expires_at` are read by the admission script. */
export function encodeScopeFields(scope: ScopeFields): Record<string, string> {
  const { limits } = scope;
  return {
    name: scope.name,
    limit: optionalNumber(limits.limitNanos),
    limit_reset: limits.limitReset ?? '',
    rpm: optionalNumber(limits.rpm),
    tpm: optionalNumber(limits.tpm),
    max_parallel: optionalNumber(limits.maxParallel),
    models: limits.models === undefined ? '' : JSON.stringify(limits.models),
    disabled: scope.disabled ? '1' : '0',
    expires_at: optionalNumber(scope.expiresAt),
    on_store_unavailable: scope.onStoreUnavailable ?? '',
    metadata: JSON.stringify(scope.metadata),
    guardrails: scope.guardrails === undefined ? '' : JSON.stringify(scope.guardrails),
    created_at: String(scope.createdAt),
    updated_at: String(scope.updatedAt),
    version: scope.version,
  };
}

/** The scope part of stored fields, or undefined when any field is missing or malformed. */
export function decodeScopeFields(
  fields: Readonly<Record<string, string>>,
): ScopeFields | undefined {
  return readRecord(() => {
    const limits: ScopeLimits = {};
    setIfDefined(limits, 'limitNanos', readOptionalInteger(fields.limit));
    setIfDefined(limits, 'limitReset', readOptionalChoice(fields.limit_reset, resets));
    setIfDefined(limits, 'rpm', readOptionalInteger(fields.rpm));
    setIfDefined(limits, 'tpm', readOptionalInteger(fields.tpm));
    setIfDefined(limits, 'maxParallel', readOptionalInteger(fields.max_parallel));
    setIfDefined(limits, 'models', readModels(fields.models));
    const scope: ScopeFields = {
      name: readString(fields.name),
      limits,
      disabled: readFlag(fields.disabled),
      metadata: readMetadata(fields.metadata),
      createdAt: readInteger(fields.created_at),
      updatedAt: readInteger(fields.updated_at),
      version: readString(fields.version),
    };
    setIfDefined(scope, 'expiresAt', readOptionalInteger(fields.expires_at));
    setIfDefined(
      scope,
      'onStoreUnavailable',
      readOptionalChoice(fields.on_store_unavailable, storeModes),
    );
    setIfDefined(scope, 'guardrails', readGuardrails(fields.guardrails));
    return scope;
  });
}

/**
 * Runs a decoder built from the `read*` helpers: undefined when any field it read was missing
 * or malformed, so one bad field makes the whole record unreadable.
 */
export function readRecord<Decoded>(decode: () => Decoded): Decoded | undefined {
  try {
    return decode();
  } catch (error) {
    if (error instanceof MalformedField) return undefined;
    throw error;
  }
}

/** Thrown by the `read*` helpers and caught by `readRecord` only. */
class MalformedField extends Error {}

const optionalNumber = (value: number | undefined): string =>
  value === undefined ? '' : String(value);

function setIfDefined<Target, Field extends keyof Target>(
  target: Target,
  field: Field,
  value: Target[Field] | undefined,
): void {
  if (value !== undefined) target[field] = value;
}

export function readString(value: string | undefined): string {
  if (value === undefined) throw new MalformedField();
  return value;
}

export function readChoice<Choice extends string>(
  value: string | undefined,
  choices: readonly Choice[],
): Choice {
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) throw new MalformedField();
  return choice;
}

const readOptionalChoice = <Choice extends string>(
  value: string | undefined,
  choices: readonly Choice[],
): Choice | undefined =>
  value === undefined || value === '' ? undefined : readChoice(value, choices);

function readInteger(value: string | undefined): number {
  if (value === undefined || !/^-?\d{1,16}$/.test(value)) throw new MalformedField();
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new MalformedField();
  return number;
}

const readOptionalInteger = (value: string | undefined): number | undefined =>
  value === undefined || value === '' ? undefined : readInteger(value);

function readFlag(value: string | undefined): boolean {
  if (value !== '0' && value !== '1') throw new MalformedField();
  return value === '1';
}

function readModels(value: string | undefined): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = parseJson(value);
  if (!Array.isArray(parsed) || !parsed.every((model) => typeof model === 'string')) {
    throw new MalformedField();
  }
  return parsed;
}

function readMetadata(value: string | undefined): Record<string, unknown> {
  const parsed = parseJson(readString(value));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new MalformedField();
  return parsed as Record<string, unknown>;
}

/**
 * A scope's stored guardrails, vetted again as the API vets them; a malformed value reads as no
 * rules rather than making the whole record (and so the key) unreadable.
 */
function readGuardrails(value: string | undefined): ScopePolicy | undefined {
  if (value === undefined || value === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const policy = scopePolicySchema.safeParse(parsed);
  return policy.success ? policy.data : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedField();
  }
}
