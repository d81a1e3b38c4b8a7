import type { Detector } from './detector.ts';
import { type PatternSpec, patternDetector } from './pattern-detector.ts';
import {
  findCard,
  findIban,
  findPhone,
  isIpv4Address,
  isIpv6Address,
  isPersonalEmail,
  isSocialSecurityNumber,
} from './pii-validators.ts';

/**
 * Personal data: each row a broad, bounded candidate expression and a precise check in code
 * (checksums, country lengths, context words), so no expression needs nested repetition.
 */
const piiRows: PatternSpec[] = [
  {
    id: 'email',
    label: 'EMAIL',
    keywords: ['@'],
    pattern: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,100}\.[A-Za-z]{2,24}/,
    maxLength: 190,
    anchor: { text: '@', before: /[A-Za-z0-9._%+-]/, maxBefore: 64 },
    boundary: /[A-Za-z0-9_%+-]/,
    keepPlaceholders: true,
    validate: isPersonalEmail,
  },
  {
    id: 'phone',
    label: 'PHONE',
    pattern: /\+?\(?\d[\d ().-]{5,22}\d/,
    maxLength: 26,
    lookback: 40,
    boundary: /[A-Za-z0-9_+]/,
    keepPlaceholders: true,
    validate: findPhone,
  },
  {
    id: 'payment-card',
    label: 'CARD',
    pattern: /\d[\d -]{11,26}\d/,
    maxLength: 28,
    boundary: /[A-Za-z0-9_]/,
    keepPlaceholders: true,
    validate: findCard,
  },
  {
    id: 'iban',
    label: 'IBAN',
    pattern: /[A-Z]{2}\d{2}[A-Z0-9 ]{10,40}/,
    maxLength: 44,
    boundary: /[A-Za-z0-9]/,
    keepPlaceholders: true,
    validate: findIban,
  },
  {
    id: 'us-ssn',
    label: 'SSN',
    pattern: /\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9}/,
    maxLength: 11,
    lookback: 40,
    boundary: /[A-Za-z0-9_-]/,
    keepPlaceholders: true,
    validate: isSocialSecurityNumber,
  },
  {
    id: 'ipv4',
    label: 'IP',
    pattern: /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/,
    maxLength: 15,
    lookback: 16,
    boundary: /[A-Za-z0-9_]/,
    keepPlaceholders: true,
    validate: isIpv4Address,
  },
  {
    id: 'ipv6',
    label: 'IP',
    keywords: [':'],
    pattern: /[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]{2,38}/,
    maxLength: 43,
    anchor: { text: ':', before: /[0-9A-Fa-f]/, maxBefore: 4 },
    boundary: /[A-Za-z0-9_:]/,
    keepPlaceholders: true,
    validate: isIpv6Address,
  },
];

/** The PII family, one detector per row. */
export const piiDetectors: readonly Detector[] = piiRows.map((row) => patternDetector('pii', row));

export { piiRows };
