import { piiRows } from '../../apps/router/src/guardrails/detectors/pii-detectors.ts';
import { secretRows } from '../../apps/router/src/guardrails/detectors/secret-detectors.ts';

const codenames = [
  'Nightjar',
  'Bluebird',
  'Kestrel',
  'Osprey',
  'Heron',
  'Falcon',
  'Magpie',
  'Starling',
  'Wren',
  'Plover',
  'Curlew',
  'Dunlin',
  'Merlin',
  'Shrike',
  'Tern',
  'Avocet',
];
const customers = [
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Wonka',
];

/**
 * About 150 rules, as a large deployment might run: one per secret and PII detector, the
 * injection heuristic, 60 term rules (codenames, customers) and 50 vetted expressions.
 */
export function benchRules() {
  const rules: Record<string, Record<string, unknown>> = {};
  for (const row of secretRows)
    rules[`secret-${row.id}`] = { detectors: [`secrets.${row.id}`], action: 'redact' };
  for (const row of piiRows)
    rules[`pii-${row.id}`] = { detectors: [`pii.${row.id}`], action: 'redact', restore: true };
  rules.injection = { detectors: ['injection'] };
  for (let index = 0; index < 60; index += 1) {
    const terms = Array.from({ length: 5 }, (_, term) => {
      const name = codenames[(index + term * 7) % codenames.length];
      const customer = customers[(index * 3 + term) % customers.length];
      return term % 2 === 0 ? `Project ${name} ${index}` : `${customer} account ${index}-${term}`;
    });
    rules[`terms-${index}`] = { terms, action: index % 3 === 0 ? 'block' : 'redact' };
  }
  for (let index = 0; index < 50; index += 1) {
    const prefix = `T${String.fromCharCode(65 + (index % 26))}${String.fromCharCode(65 + ((index * 7) % 26))}`;
    rules[`pattern-${index}`] = {
      pattern: `${prefix}-[0-9]{4,8}(?:-[A-Z]{2})?`,
      flags: index % 2 === 0 ? 'i' : '',
      action: 'redact',
      direction: index % 4 === 0 ? 'input' : 'both',
    };
  }
  return rules;
}
