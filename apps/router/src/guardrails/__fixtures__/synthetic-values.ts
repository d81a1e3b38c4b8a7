/**
 * Synthetic sensitive values for tests, the corpus and the benchmark: every one is made up from
 * a seeded generator in the published format of its kind (so checksums pass where there are
 * any), and none was ever a real credential or a real person's data.
 */
export interface Random {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  token(alphabet: string, length: number): string;
}

export const alphabets = {
  base62: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  hex: '0123456789abcdef',
  upperBase32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  upperAlphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  digits: '0123456789',
} as const;

/** mulberry32: small, fast, good enough to make test data reproducible. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    token: (alphabet, length) => {
      let text = '';
      for (let index = 0; index < length; index += 1) text += alphabet[int(alphabet.length)];
      return text;
    },
  };
}

const { base62, base64url, base64, hex, upperBase32, digits } = alphabets;

/** One generator per secret detector: a value in that credential's format. */
export const secretValues: Record<string, (random: Random) => string> = {
  'openai-api-key': (r) =>
    `sk-${r.pick(['proj', 'svcacct', 'admin'])}-${r.token(base64url, 74)}T3BlbkFJ${r.token(base64url, 74)}`,
  'anthropic-api-key': (r) => `sk-ant-api03-${r.token(base64url, 93)}AA`,
  'sk-api-key': (r) => `sk-${r.pick([r.token(base62, 48), r.token(hex, 32)])}`,
  'aws-access-key-id': (r) => `${r.pick(['AKIA', 'ASIA'])}${r.token(upperBase32, 16)}`,
  'aws-secret-access-key': (r) => r.token(`${base62}/+`, 40),
  'google-api-key': (r) => `AIza${r.token(base64url, 35)}`,
  'google-oauth-client-secret': (r) => `GOCSPX-${r.token(base64url, 28)}`,
  'github-token': (r) => `${r.pick(['ghp', 'gho', 'ghs', 'ghu'])}_${r.token(base62, 36)}`,
  'github-fine-grained-token': (r) => `github_pat_${r.token(base62, 22)}_${r.token(base62, 59)}`,
  'gitlab-token': (r) => `glpat-${r.token(base64url, 20)}`,
  'slack-token': (r) =>
    `xox${r.pick(['b', 'p'])}-${r.token(digits, 12)}-${r.token(digits, 13)}-${r.token(base62, 24)}`,
  'slack-webhook-url': (r) =>
    `https://hooks.slack.com/services/T${r.token('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${r.token('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${r.token(base62, 24)}`,
  'discord-webhook-url': (r) =>
    `https://discord.com/api/webhooks/${r.token(digits, 18)}/${r.token(base64url, 68)}`,
  'stripe-secret-key': (r) => `${r.pick(['sk', 'rk'])}_${r.pick(['live', 'test'])}_${r.token(base62, 99)}`,
  'twilio-api-key': (r) => `SK${r.token(hex, 32)}`,
  'sendgrid-api-key': (r) => `SG.${r.token(base64url, 22)}.${r.token(base64url, 43)}`,
  'mailgun-api-key': (r) => `key-${r.token(hex, 32)}`,
  'mailchimp-api-key': (r) => `${r.token(hex, 32)}-us${1 + r.int(20)}`,
  'npm-token': (r) => `npm_${r.token(base62, 36)}`,
  'pypi-token': (r) => `pypi-AgEIcHlwaS5vcmc${r.token(base64url, 120)}`,
  'huggingface-token': (r) => `hf_${r.token(base62, 34)}`,
  'groq-api-key': (r) => `gsk_${r.token(base62, 52)}`,
  'xai-api-key': (r) => `xai-${r.token(base62, 80)}`,
  'replicate-api-token': (r) => `r8_${r.token(base62, 37)}`,
  'perplexity-api-key': (r) => `pplx-${r.token(base62, 48)}`,
  'digitalocean-token': (r) => `dop_v1_${r.token(hex, 64)}`,
  'shopify-token': (r) => `shpat_${r.token(hex, 32)}`,
  'databricks-token': (r) => `dapi${r.token(hex, 32)}`,
  'square-token': (r) => `sq0atp-${r.token(base64url, 22)}`,
  'azure-storage-key': (r) => `${r.token(base64, 86)}==`,
  'private-key': (r) => pemKey(r),
  jwt: (r) => jwt(r),
  'assigned-secret': (r) =>
    r.pick([
      () => `${r.token(base62, 6)}!${r.token(base62, 9)}#${r.int(90) + 10}`,
      () => r.token(base62, 24),
      () => r.token(hex, 40),
      () => `${r.pick(['Summer', 'Winter', 'Harbor', 'Falcon'])}${r.int(9000) + 1000}!${r.token(base62, 6)}`,
    ])(),
};

function pemKey(r: Random): string {
  const kind = r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
  const lines = Array.from({ length: 6 + r.int(18) }, () => r.token(base64, 64));
  return `-----BEGIN ${kind}-----\n${lines.join('\n')}\n${r.token(base64, 20)}==\n-----END ${kind}-----`;
}

function jwt(r: Random): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const header = encode({ alg: r.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' });
  const payload = encode({
    sub: r.token(hex, 12),
    name: r.pick(['svc-deploy', 'worker', 'ci']),
    iat: 1_700_000_000 + r.int(10_000_000),
    scope: r.pick(['read', 'read write', 'admin']),
  });
  return `${header}.${payload}.${r.token(base64url, 43)}`;
}

const firstNames = ['ada', 'grace', 'alan', 'katherine', 'linus', 'margaret', 'dennis', 'barbara', 'tim', 'radia', 'ken', 'frances', 'edsger', 'hedy', 'john', 'mary'];
const lastNames = ['lovelace', 'hopper', 'turing', 'johnson', 'torvalds', 'hamilton', 'ritchie', 'liskov', 'berners-lee', 'perlman', 'thompson', 'allen', 'dijkstra', 'lamarr', 'smith', 'garcia'];
const mailDomains = ['gmail.com', 'outlook.com', 'proton.me', 'yahoo.co.uk', 'gmx.de', 'acme-corp.io', 'fastmail.fm', 'uni-heidelberg.de', 'hospital.org', 'mail.ru'];

/** One generator per PII detector: a value in that kind's format, checksums valid. */
export const piiValues: Record<string, (random: Random) => string> = {
  email: (r) => {
    const first = r.pick(firstNames);
    const last = r.pick(lastNames);
    const local = r.pick([`${first}.${last}`, `${first[0]}${last}`, `${first}_${last}${r.int(99)}`, `${first}+news`]);
    return `${local}@${r.pick(mailDomains)}`;
  },
  phone: (r) =>
    r.pick([
      () => `(${2 + r.int(8)}${r.token(digits, 2)}) ${2 + r.int(8)}${r.token(digits, 2)}-${r.token(digits, 4)}`,
      () => `${2 + r.int(8)}${r.token(digits, 2)}-${2 + r.int(8)}${r.token(digits, 2)}-${r.token(digits, 4)}`,
      () => `+1 ${2 + r.int(8)}${r.token(digits, 2)} ${2 + r.int(8)}${r.token(digits, 2)} ${r.token(digits, 4)}`,
      () => `+44 20 ${7000 + r.int(999)} ${r.token(digits, 4)}`,
      () => `+44 7${r.token(digits, 3)} ${r.token(digits, 6)}`,
      () => `+49 30 ${r.token(digits, 7)}`,
      () => `+49 1${5 + r.int(3)}${r.token(digits, 1)} ${r.token(digits, 8)}`,
      () => `+33 ${1 + r.int(7)} ${r.token(digits, 2)} ${r.token(digits, 2)} ${r.token(digits, 2)} ${r.token(digits, 2)}`,
      () => `+81-3-${r.token(digits, 4)}-${r.token(digits, 4)}`,
      () => `+61 4${r.token(digits, 2)} ${r.token(digits, 3)} ${r.token(digits, 3)}`,
    ])(),
  'payment-card': (r) => card(r),
  iban: (r) => iban(r),
  'us-ssn': (r) => {
    let area = 1 + r.int(899);
    if (area === 666) area = 667;
    return `${String(area).padStart(3, '0')}-${String(1 + r.int(99)).padStart(2, '0')}-${String(1 + r.int(9999)).padStart(4, '0')}`;
  },
  ipv4: (r) => `${r.pick([23, 45, 81, 91, 104, 142, 151, 185, 193, 212])}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`,
  ipv6: (r) =>
    `${r.pick(['2a00', '2607', '2a01', '2600', '2a02'])}:${r.token(hex, 4)}:${r.token(hex, 4)}:${r.token(hex, 1 + r.int(4))}::${r.token(hex, 1 + r.int(4))}`,
};

function card(r: Random): string {
  const [prefix, length] = r.pick([
    ['4', 16],
    ['51', 16],
    ['55', 16],
    ['2221', 16],
    ['34', 15],
    ['37', 15],
    ['6011', 16],
    ['35', 16],
  ] as const);
  let number = prefix + r.token(digits, length - prefix.length - 1);
  for (let check = 0; check <= 9; check += 1) {
    if (luhnValid(number + check)) {
      number += check;
      break;
    }
  }
  if (length === 15) return r.pick([number, `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`]);
  const groups = number.match(/.{4}/g) ?? [];
  return r.pick([number, groups.join(' '), groups.join('-')]);
}

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let index = 0; index < number.length; index += 1) {
    let digit = Number(number[number.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

const ibanCountries: readonly [string, number, 'n' | 'a'][] = [
  ['DE', 22, 'n'],
  ['GB', 22, 'a'],
  ['FR', 27, 'n'],
  ['NL', 18, 'a'],
  ['ES', 24, 'n'],
  ['IT', 27, 'a'],
  ['BE', 16, 'n'],
  ['CH', 21, 'n'],
  ['AT', 20, 'n'],
  ['PL', 28, 'n'],
];

function iban(r: Random): string {
  const [country, length, kind] = r.pick(ibanCountries);
  const bankCode = kind === 'a' ? r.token('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) : r.token(digits, 4);
  const bban = bankCode + r.token(digits, length - 8);
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const character of numeric) remainder = (remainder * 10 + Number(character)) % 97;
  const check = String(98 - remainder).padStart(2, '0');
  const compact = `${country}${check}${bban}`;
  return r.next() < 0.5 ? compact : (compact.match(/.{1,4}/g) ?? []).join(' ');
}

/** The few kinds that are only secrets next to their name (or their service's): written with it. */
export function withContext(kind: string, value: string): string {
  if (kind === 'aws-secret-access-key') return `aws_secret_access_key=${value}`;
  if (kind === 'azure-storage-key') return `AccountKey=${value};`;
  if (kind === 'assigned-secret') return `password="${value}"`;
  if (kind === 'mailgun-api-key') return `MAILGUN_API_KEY=${value}`;
  return value;
}
