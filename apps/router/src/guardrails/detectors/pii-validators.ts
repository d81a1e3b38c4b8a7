import { ibanLengths, passesIbanChecksum, passesLuhn } from './checksums.ts';
import type { Candidate } from './pattern-detector.ts';

/** Reserved for documentation (RFC 2606, 6761) or for machines: not a person's address. */
const reservedDomain =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local)$/i;
/** `icon@2x.png`, `pkg@next.js`: asset names and package tags, not addresses. */
const fileExtension =
  /\.(?:png|jpe?g|gif|svg|webp|ico|css|s[ac]ss|m?js|cjs|tsx?|jsx|json|html?|md|txt|ya?ml|lock|map|woff2?|wasm|zip|gz|tgz)$/i;
/** Machine and role mailboxes: an organisation's address, not a person's. */
const machineUsers = new Set([
  'git',
  'noreply',
  'no-reply',
  'donotreply',
  'mailer-daemon',
  'postmaster',
  'webmaster',
  'abuse',
  'support',
  'help',
  'info',
  'sales',
  'contact',
  'hello',
  'security',
  'privacy',
  'billing',
  'press',
  'careers',
  'jobs',
  'team',
  'admin',
]);

/** The address is well formed and could be a person's (not an example, asset or machine user). */
export function isPersonalEmail({ value }: Candidate): boolean {
  const at = value.indexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  if (domain.includes('..') || /(?:^|\.)-|-(?:\.|$)/.test(domain)) return false;
  if (reservedDomain.test(domain) || fileExtension.test(domain)) return false;
  return !machineUsers.has(local.toLowerCase());
}

const phoneKeyword =
  /(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|contact|dial|sms|text me|reach me|number|nummer|numéro|tél)[^0-9\n]{0,24}$/i;
const northAmerican = /^(?:\+1[ .-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ .-]?[2-9]\d{2}[ .-]\d{4}$/;
const dateShape = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
const dottedQuad = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A phone number: international (`+44 20 7946 0958`), North American (`(415) 555-0134`), or any
 * 7 to 15 digits with a phone word just before it. Narrows a run of several numbers to the first.
 */
export function findPhone(candidate: Candidate): boolean | { start: number; end: number } {
  const { text, start } = candidate;
  if (candidate.value.replace(/\D/g, '').length < 7) return false;
  const keyword = phoneKeyword.test(text.slice(Math.max(0, start - 40), start));
  for (const end of groupEnds(candidate.value)) {
    const number = candidate.value.slice(0, end);
    if (isPhone(number, keyword)) return { start, end: start + end };
  }
  return false;
}

/** North American numbers 555-0100 to 555-0199 are reserved for fiction. */
const fictional = /555[ .-]?01\d\d$/;

function isPhone(number: string, keyword: boolean): boolean {
  if (fictional.test(number)) return false;
  const digits = number.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15 || /[ .()-]{2}/.test(number.replace(/\) |\(/g, ''))) return false;
  if (dateShape.test(number) || dottedQuad.test(number)) return false;
  if (number.startsWith('+')) return digits >= 8;
  return northAmerican.test(number) || (keyword && !/^\d+\.\d+$/.test(number));
}

/** Ends of the whole value and of each shorter run of digit groups, longest first. */
function groupEnds(value: string): number[] {
  const ends = [value.length];
  for (let index = value.length - 1; index > 0; index -= 1) {
    if (/[ .-]/.test(value.charAt(index)) && /\d/.test(value.charAt(index - 1))) ends.push(index);
  }
  return ends;
}

/** Issuer prefixes: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay. */
const issuer = /^(?:4|5[1-5]|2[2-7]|3[47]|6011|65|64[4-9]|35|3[068]|62)/;

/** The card networks' and processors' published test numbers: in docs and code, nobody's card. */
const testCards = new Set([
  '4242424242424242',
  '4000056655665556',
  '4111111111111111',
  '4012888888881881',
  '5555555555554444',
  '5105105105105100',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '38520000023237',
]);

/** A payment card number: 13 to 19 digits, one kind of separator, a known issuer, Luhn. */
export function findCard(candidate: Candidate): boolean | { start: number; end: number } {
  const { value, start } = candidate;
  const separators = new Set(value.replace(/\d/g, ''));
  if (separators.size > 1) return false;
  for (const end of groupEnds(value)) {
    const digits = value.slice(0, end).replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19) continue;
    if (testCards.has(digits)) return false;
    if (issuer.test(digits) && passesLuhn(digits)) return { start, end: start + end };
  }
  return false;
}

/** An IBAN of its country's length, in groups of four or none, passing mod 97. */
export function findIban(candidate: Candidate): boolean | { start: number; end: number } {
  const { value, start, text } = candidate;
  const length = ibanLengths[value.slice(0, 2)];
  if (length === undefined) return false;
  let compact = '';
  let index = 0;
  for (; index < value.length && compact.length < length; index += 1) {
    const character = value.charAt(index);
    if (character !== ' ') compact += character;
    else if (compact.length % 4 !== 0) return false;
  }
  const end = start + index;
  if (compact.length !== length || /[A-Za-z0-9]/.test(text.charAt(end))) return false;
  return passesIbanChecksum(compact) && { start, end };
}

const ssnKeyword = /(?:ssn|social security|soc\. sec\.|sozialversicherung)[^0-9\n]{0,24}$/i;

/** A US social security number: a valid area, group and serial; undashed only after a keyword. */
export function isSocialSecurityNumber({ value, text, start }: Candidate): boolean {
  const digits = value.replace(/\D/g, '');
  // Published examples: the advertising number and the Woolworth wallet card.
  if (digits === '123456789' || digits === '078051120') return false;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  return value.includes('-') || ssnKeyword.test(text.slice(Math.max(0, start - 40), start));
}

/** Public DNS resolvers: everyone's, so nobody's. */
const publicResolvers = new Set([
  '1.1.1.1',
  '1.0.0.1',
  '8.8.8.8',
  '8.8.4.4',
  '9.9.9.9',
  '149.112.112.112',
  '208.67.222.222',
  '208.67.220.220',
  '2001:4860:4860::8888',
  '2001:4860:4860::8844',
  '2606:4700:4700::1111',
  '2606:4700:4700::1001',
  '2620:fe::fe',
]);

const versionContext = /(?:version|release|build|ver\.?|v)\s{0,2}$/i;

/** A public IPv4 address: octets up to 255 without leading zeros, not a version number. */
export function isIpv4Address({ value, text, start, end }: Candidate): boolean {
  if (
    /\.\d/.test(text.slice(end, end + 2)) ||
    /\d\.$/.test(text.slice(Math.max(0, start - 2), start))
  ) {
    return false;
  }
  const octets = value.split('.');
  if (octets.some((octet) => Number(octet) > 255 || (octet.length > 1 && octet.startsWith('0')))) {
    return false;
  }
  if (!isPublicIpv4(octets.map(Number)) || publicResolvers.has(value)) return false;
  return !versionContext.test(text.slice(Math.max(0, start - 16), start));
}

/**
 * Addresses that can point at a person's connection: not private (RFC 1918, CGNAT), loopback,
 * link-local, documentation, multicast or reserved ranges.
 */
function isPublicIpv4([first = 0, second = 0, third = 0]: number[]): boolean {
  if (first === 0 || first === 10 || first === 127 || first >= 224) return false;
  if (first === 100 && second >= 64 && second < 128) return false;
  if (first === 169 && second === 254) return false;
  if (first === 172 && second >= 16 && second < 32) return false;
  if (first === 192 && second === 168) return false;
  if (first === 192 && second === 0 && third === 2) return false;
  if (first === 198 && (second === 18 || second === 19)) return false;
  if (first === 198 && second === 51 && third === 100) return false;
  return !(first === 203 && second === 0 && third === 113);
}

/** A global IPv6 address with at least three groups (not `::1`, link-local, ULA or documentation). */
export function isIpv6Address({ value }: Candidate): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (groups.length < 3 || groups.some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  if (halves.length === 1 ? groups.length !== 8 : groups.length > 7) return false;
  const lower = value.toLowerCase();
  if (publicResolvers.has(lower)) return false;
  return !/^(?:fe[89ab][0-9a-f]:|f[cd][0-9a-f]{2}:|2001:0?db8:|::)/.test(lower);
}
