import safeRegex from 'safe-regex2';
import { describe, expect, it } from 'vitest';
import { createRandom, piiValues } from '../__fixtures__/synthetic-values.ts';
import { scanText } from '../scan/scan-text.ts';
import { piiDetectors, piiRows } from './pii-detectors.ts';

const find = (text: string) =>
  scanText(text, piiDetectors).map((finding) => [finding.detector.id, finding.value]);

describe('PII detectors', () => {
  it('finds a hundred generated values of each kind in a sentence', () => {
    const random = createRandom(11);
    for (const row of piiRows) {
      for (let index = 0; index < 100; index += 1) {
        const value = piiValues[row.id]?.(random) ?? '';
        expect(find(`Contact details: ${value}. Thanks!`), `${row.id} ${value}`).toContainEqual([
          `pii.${row.id}`,
          value,
        ]);
      }
    }
  });

  it('writes every expression without nested repetition, so each passes safe-regex2', () => {
    for (const row of piiRows) expect(safeRegex(row.pattern), row.id).toBe(true);
  });

  it.each([
    ['a card number failing Luhn', 'card 4539 1488 0343 6468'],
    ["a card network's published test number", 'use 4242 4242 4242 4242 in test mode'],
    ['a number reserved for fiction', 'call (415) 555-0134'],
    ['the advertising example SSN', 'SSN 123-45-6789'],
    [
      'private and documentation addresses',
      'hosts 10.0.0.12, 192.168.1.20, 172.20.3.4, 203.0.113.9',
    ],
    ['a unique local IPv6 address', 'fd12:3456:789a:1::1'],
    ['an IBAN failing mod 97', 'IBAN GB82 WEST 1234 5698 7654 33'],
    ['an example address', 'write to jane@example.com'],
    ['an asset name', 'logo@2x.png and icon@3x.webp'],
    ['a package tag', 'npm i react@18.3.1'],
    ['an ISO date', 'released 2024-03-15 at 10:30'],
    ['a version number', 'Chrome/120.0.6099.109 and version 10.2.0.1'],
    ['loopback and unspecified addresses', 'bind 0.0.0.0 or 127.0.0.1'],
    ['a bare number without a phone word', 'order 48213377 shipped'],
    ['a time of day', 'at 12:30:45 UTC'],
    ['an SSN of area 000', 'id 000-12-3456'],
    ['a C++ scope', 'std::vector<int> and Foo::Bar::baz'],
    ['a MAC address', '00:1a:2b:3c:4d:5e'],
  ])('ignores %s', (_, text) => {
    expect(find(text)).toEqual([]);
  });

  it('finds a bare number when a phone word comes just before it', () => {
    expect(find('my mobile: 0151 23456789')).toContainEqual(['pii.phone', '0151 23456789']);
  });

  it('finds the card inside a longer run of digit groups', () => {
    expect(find('card 4539 1488 0343 6467 2031')).toContainEqual([
      'pii.payment-card',
      '4539 1488 0343 6467',
    ]);
  });

  it('finds an undashed SSN only after a keyword', () => {
    expect(find('ref 219098765')).toEqual([]);
    expect(find('SSN: 219098765')).toContainEqual(['pii.us-ssn', '219098765']);
  });
});
