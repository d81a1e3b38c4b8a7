import type { Detector } from './detector.ts';
import { type PatternSpec, patternDetector } from './pattern-detector.ts';
import { providerKeyRows } from './provider-key-rows.ts';
import { isLikelyAssignedSecret, isPrivateKeyBody } from './secret-values.ts';

const token = /[A-Za-z0-9_-]/;

/** Secrets by their shape rather than a provider's format: PEM keys, JWTs, assigned values. */
const structuredRows: PatternSpec[] = [
  {
    id: 'private-key',
    label: 'PRIVATE_KEY',
    keywords: ['private key'],
    pattern:
      /-----BEGIN[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,8000}?-----END[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\r\n]{0,8000})/,
    maxLength: 8_110,
    keepPlaceholders: true,
    validate: ({ value }) => isPrivateKeyBody(value),
    opener: {
      pattern: /-----BEGIN[A-Z ]{0,20} PRIVATE KEY/g,
      closer: /-----END[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----/g,
    },
  },
  {
    id: 'jwt',
    label: 'TOKEN',
    keywords: ['eyj'],
    pattern: /eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{16,1000}/,
    maxLength: 7_010,
    boundary: token,
    minEntropy: 4,
    opener: { pattern: /eyJ/g, closer: /[^A-Za-z0-9_.-]/g },
  },
  {
    // `password = "…"`, `API_KEY: …`, `"client_secret": "…"`: a secret-looking name, then a value.
    id: 'assigned-secret',
    label: 'SECRET',
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential'],
    pattern:
      /(?:^|[^A-Za-z])(?:password|passwd|passphrase|pwd|secret_?key|secret|api_?token|auth_?token|access_?token|refresh_?token|token|api_?key|apikey|access_?key|private_?key|credentials?)(?![a-z])[A-Za-z0-9_.-]{0,20}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?(?<value>[^\s"'`,;()[\]{}<>$\\]{12,128})/i,
    maxLength: 200,
    lookback: 30,
    minEntropy: 3,
    // The name is read with what precedes it: `next_token`, `api_key_id` are not secrets.
    validate: ({ value, text, end, matchStart, start }) =>
      isLikelyAssignedSecret(
        value,
        text.charAt(end),
        text.slice(Math.max(0, matchStart - 30), start),
      ),
  },
];

/** Every row of the secrets family: provider and cloud keys, then the structured ones. */
const secretRows: PatternSpec[] = [...providerKeyRows, ...structuredRows];

/** The secrets family, one detector per row. */
export const secretDetectors: readonly Detector[] = secretRows.map((row) =>
  patternDetector('secrets', row),
);

export { secretRows };
