/**
 * The first of a child's model patterns that its parent's do not cover, or undefined when every
 * one is covered. Either side undefined means "no list of its own": a child without one is
 * restricted to its parent's at request time. A `*` in a parent pattern matches any text, so
 * `openai/gpt-*` lies within `openai/*`, and `*` only within `*`.
 * @example modelOutside(['openai/gpt-4o', 'anthropic/*'], ['openai/*']) // 'anthropic/*'
 */
export function modelOutside(
  child: readonly string[] | undefined,
  parent: readonly string[] | undefined,
): string | undefined {
  if (child === undefined || parent === undefined) return undefined;
  const covers = parent.map(patternToRegExp);
  return child.find((pattern) => !covers.some((cover) => cover.test(pattern)));
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
