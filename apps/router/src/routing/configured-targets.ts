import type { RouterConfig } from '../config/index.ts';

/**
 * Every `provider/model` the config names: the targets of aliases and their rules, and the
 * models providers list. Sorted, without duplicates.
 * @example configuredTargetIds(config) // ['mock/down', 'mock/echo', 'openai/gpt-4o']
 */
export function configuredTargetIds(config: RouterConfig): string[] {
  const ids = new Set<string>();
  for (const { targets, rules } of Object.values(config.models)) {
    for (const { target } of [...targets, ...rules.flatMap((rule) => rule.targets)])
      ids.add(target);
  }
  for (const [id, provider] of Object.entries(config.providers)) {
    const models =
      provider.type === 'mock' ? Object.keys(provider.models) : (provider.models ?? []);
    for (const model of models) ids.add(`${id}/${model}`);
  }
  return [...ids].sort();
}
