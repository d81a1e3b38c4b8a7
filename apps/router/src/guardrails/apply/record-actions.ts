import type { GuardrailAction, RouteFacts } from '../../facts/route-facts.ts';
import { hmacSha256Hex } from '../../hashing/hex-digests.ts';
import type { Direction } from '../policy/rule-set.ts';
import type { RuleHit } from './rule-hits.ts';

/** Distinct hashes kept per action: enough to correlate, bounded per request. */
const maxHashes = 8;

/**
 * The keyed hash a match is recorded as: HMAC-SHA256 under the server's key, 16 hex digits.
 * @example matchHash(key, 'ada@lovelace.dev') // '3f1c…' (16 hex digits)
 */
export function matchHash(key: Uint8Array, value: string): string {
  return hmacSha256Hex(key, value).slice(0, 16);
}

/**
 * Adds hits to the request's guardrail facts, one entry per rule, direction, action and mode:
 * counts, detectors and keyed hashes, never the matched text.
 */
export function recordHits(
  facts: RouteFacts,
  hashKey: Uint8Array,
  direction: Direction,
  hits: readonly RuleHit[],
): void {
  if (hits.length === 0) return;
  facts.guardrails ??= [];
  for (const { rule, finding } of hits) {
    const entry = entryFor(facts.guardrails, {
      rule: rule.name,
      direction,
      action: rule.action,
      mode: rule.mode,
    });
    entry.count += 1;
    if (!entry.detectors.includes(finding.detector.id)) entry.detectors.push(finding.detector.id);
    if (entry.hashes.length < maxHashes) {
      const hash = matchHash(hashKey, finding.value);
      if (!entry.hashes.includes(hash)) entry.hashes.push(hash);
    }
  }
}

function entryFor(
  actions: GuardrailAction[],
  key: Pick<GuardrailAction, 'rule' | 'direction' | 'action' | 'mode'>,
): GuardrailAction {
  const found = actions.find(
    (action) =>
      action.rule === key.rule &&
      action.direction === key.direction &&
      action.action === key.action &&
      action.mode === key.mode,
  );
  if (found !== undefined) return found;
  const entry: GuardrailAction = { ...key, count: 0, detectors: [], hashes: [] };
  actions.push(entry);
  return entry;
}
