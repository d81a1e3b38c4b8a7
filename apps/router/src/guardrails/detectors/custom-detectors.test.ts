import { describe, expect, it } from 'vitest';
import { scanText } from '../scan/scan-text.ts';
import {
  checkCustomPattern,
  literalPrefix,
  optionalGroupsAsAlternatives,
  regexDetector,
  termDetector,
} from './custom-detectors.ts';

describe('termDetector', () => {
  const codenames = termDetector('codenames', ['Project Nightjar', 'bluebird'], false, 'CODENAME');

  it('matches whole words, case-insensitively', () => {
    const findings = scanText('Status of project NIGHTJAR and Bluebird; not bluebirds.', [
      codenames,
    ]);
    expect(findings.map((finding) => finding.value)).toEqual(['project NIGHTJAR', 'Bluebird']);
  });

  it('matches case-sensitively when told', () => {
    const exact = termDetector('exact', ['ACME'], true, 'ACME');
    expect(scanText('acme and ACME', [exact]).map((finding) => finding.start)).toEqual([9]);
  });

  it('treats terms as literals, not expressions', () => {
    const literal = termDetector('literal', ['a.b*c'], false, 'X');
    expect(scanText('aXbbc a.b*c', [literal]).map((finding) => finding.value)).toEqual(['a.b*c']);
  });
});

describe('checkCustomPattern', () => {
  it('accepts a bounded expression', () => {
    expect(checkCustomPattern('TICKET-[0-9]{4,8}', 'i')).toBeUndefined();
  });

  it('accepts an optional group around a bounded repetition, and still refuses a nested one', () => {
    expect(checkCustomPattern('T-[0-9]{4}(?:-[A-Z]{2})?', '')).toBeUndefined();
    expect(checkCustomPattern('(?:x[a-z]{1,3}){0,1}y', '')).toBeUndefined();
    expect(checkCustomPattern('(?:(?:a{1,9})?b){1,9}', '')).toMatch(/backtrack/);
    expect(optionalGroupsAsAlternatives('[)?](a)?\\)?')).toBe('[)?](a|)\\)?');
  });

  it.each([
    ['(a+)+b', /backtrack catastrophically/],
    ['(?<=x)y', /lookbehind/],
    ['secret-\\w+', /unbounded length/],
    ['[a-z]{1,2000}', /up to 2000 characters/],
    ['(unclosed', /does not compile/],
  ])('refuses %s', (source, reason) => {
    expect(checkCustomPattern(source, '')).toMatch(reason);
  });
});

describe('literalPrefix', () => {
  it.each([
    ['TICKET-[0-9]{4,8}', 'TICKET-'],
    ['ACCT\\-\\d{6}', 'ACCT-'],
    ['abc?d', 'ab'],
    ['(?:x|y)z', ''],
    ['foo|bar', ''],
    ['[a-z]{2}', ''],
  ])('%s starts with %j', (source, prefix) => {
    expect(literalPrefix(source)).toBe(prefix);
  });
});

describe('regexDetector', () => {
  it('finds matches of the expression with its flags', () => {
    const tickets = regexDetector('tickets', 'TICKET-[0-9]{4,8}', 'i', 'TICKET');
    const findings = scanText('see ticket-12345 and TICKET-9', [tickets]);
    expect(findings.map((finding) => [finding.detector.id, finding.value])).toEqual([
      ['custom.tickets', 'ticket-12345'],
    ]);
    expect(tickets.maxLength).toBe(15);
  });
});
