import { createLru } from '../lru/create-lru.ts';
import type { Target } from '../routing/target.ts';

/** Which of a request's targets every scope's model allowlist lets it reach. */
export interface AllowedTargets {
  allowed: Target[];
  /** The caller answers 403 `permission_error` when nothing is allowed. */
  refused: Target[];
}

/** One allowlist, compiled: names matched exactly, `*` patterns as one expression. */
interface Allowlist {
  names: ReadonlySet<string>;
  pattern: RegExp | undefined;
}

const compiled = createLru<string, Allowlist>(256);

/**
 * Keeps the targets that fit every scope's allowlist (undefined = no list, everything fits). An
 * entry is an alias name, a `provider/model`, or a pattern where `*` stands for any text
 * (`openai/*`, `*\/gpt-4o*`, `*`). A list naming the alias the client asked for allows all of its
 * targets; otherwise each target (fallbacks included) must match the list on its own.
 *
 * @example
 * const { allowed } = allowedTargets('fast', route.targets, [key.limits.models, team?.limits.models]);
 * if (allowed.length === 0) throw new PermissionError({ message: 'model not allowed for this key' });
 */
export function allowedTargets(
  requested: string,
  targets: readonly Target[],
  allowlists: readonly (readonly string[] | undefined)[],
): AllowedTargets {
  const lists = allowlists.flatMap((list) => (list === undefined ? [] : [compile(list)]));
  const fitsEvery = (target: Target) =>
    lists.every((list) => matches(list, requested) || matches(list, target.id));
  return {
    allowed: targets.filter(fitsEvery),
    refused: targets.filter((target) => !fitsEvery(target)),
  };
}

/**
 * Whether a child's allowlist only narrows its parent's: each child entry must be matched, as
 * text, by some parent entry, a `*` in the child standing for itself. Conservative: it may refuse
 * a child that only two parent patterns together would cover. No child list means the parent's;
 * no parent list allows everything.
 *
 * @example
 * isWithin(['openai/gpt-*'], ['openai/*']); // true
 * isWithin(['*'], ['openai/*']); // false
 */
export function isWithin(
  childPatterns: readonly string[] | undefined,
  parentPatterns: readonly string[] | undefined,
): boolean {
  if (childPatterns === undefined || parentPatterns === undefined) return true;
  const parent = compile(parentPatterns);
  return childPatterns.every((pattern) => matches(parent, pattern));
}

function matches(list: Allowlist, name: string): boolean {
  return list.names.has(name) || (list.pattern?.test(name) ?? false);
}

function compile(list: readonly string[]): Allowlist {
  // Entries hold no whitespace (config schema), so a newline joins them unambiguously.
  const cacheKey = list.join('\n');
  const known = compiled.get(cacheKey);
  if (known) return known;
  const patterns = list.filter((entry) => entry.includes('*')).map(toExpression);
  const allowlist: Allowlist = {
    names: new Set(list.filter((entry) => !entry.includes('*'))),
    pattern: patterns.length > 0 ? new RegExp(`^(?:${patterns.join('|')})$`, 's') : undefined,
  };
  compiled.set(cacheKey, allowlist);
  return allowlist;
}

const toExpression = (pattern: string): string =>
  pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('.*');
