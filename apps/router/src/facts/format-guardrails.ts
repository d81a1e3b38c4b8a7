import type { GuardrailAction } from './route-facts.ts';

/**
 * `x-switchyard-guardrails`: each rule's action, direction and count; shadow entries say so.
 * @example formatGuardrails(actions) // 'no-secrets=block(input,1), pii=redact(input,2,shadow)'
 */
export function formatGuardrails(actions: readonly GuardrailAction[]): string {
  return actions
    .map((entry) => {
      const details = [entry.direction, String(entry.count)];
      if (entry.mode === 'shadow') details.push('shadow');
      return `${entry.rule}=${entry.action}(${details.join(',')})`;
    })
    .join(', ');
}
