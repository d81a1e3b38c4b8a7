const redacted = '[redacted]';

/**
 * Rules for text a provider wrote. They cast wider than the guardrails' detectors on purpose: in
 * an error message, losing a word costs little and passing a key on costs a lot.
 */
const rules: { pattern: RegExp; keep?: string }[] = [
  // `Authorization: Bearer …`, `Basic …`: the scheme stays, the credential goes. Basic only
  // before base64 with a digit or padding, so "Basic authentication" stays readable.
  { pattern: /\b([Bb]earer|BEARER)\s+[A-Za-z0-9._~+/=*-]{6,}/g, keep: '$1 ' },
  { pattern: /\b(Basic)\s+(?=[A-Za-z0-9+/]*[0-9=])[A-Za-z0-9+/]{8,}={0,2}/g, keep: '$1 ' },
  // Provider and platform key prefixes; `*` too, since providers mask the middle of a key.
  {
    pattern:
      /\b(sk-ant-|sk-proj-|sk-svcacct-|sk-admin-|sk-or-v1-|sk-|sk_live_|sk_test_|rk_live_|rk_test_|gsk_|xai-|pplx-|nvapi-|hf_|r8_|fw_|ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|xox[abposr]-|npm_|AIza)[A-Za-z0-9_*.-]{8,}/g,
    keep: '$1',
  },
  { pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, keep: '$1' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // `?key=…` (Gemini's URLs), `&access_token=…`.
  {
    pattern: /([?&](?:key|api[_-]?key|token|access_token|auth|sig|signature)=)[^&\s"'#]+/gi,
    keep: '$1',
  },
  // `api_key="…"`, `x-api-key: …`, `password=…`.
  {
    pattern:
      /\b((?:x-)?api[_-]?key|authorization|password|secret|client_secret)(["']?\s{0,3}[:=]\s{0,3})(?:"[^"\n]{1,256}"|'[^'\n]{1,256}'|(?!bearer\s|basic\s|\[redacted)[^\s"',;&]{6,})/gi,
    keep: '$1$2',
  },
];

/** A run of key characters long enough to be a key of no known shape. */
const candidateToken = /[A-Za-z0-9_+/=-]{32,}/g;

/**
 * Replaces anything in `text` that looks like a key, token or secret with `[redacted]`, keeping
 * a known prefix (`sk-ant-[redacted]`) so the caller still sees which kind of key it was. Meant
 * for provider messages passed on to the caller; run it before truncating.
 * @example redactSecrets('bad key sk-proj-Ab12Cd34Ef56Gh78') // 'bad key sk-proj-[redacted]'
 */
export function redactSecrets(text: string): string {
  let result = text;
  for (const { pattern, keep = '' } of rules)
    result = result.replace(pattern, `${keep}${redacted}`);
  return result.replace(candidateToken, (token) => (looksRandom(token) ? redacted : token));
}

/** Mixed case with digits and little repetition, or a long hex string (Azure's keys). */
function looksRandom(token: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(token)) return /\d/.test(token) && /[a-f]/i.test(token);
  return /[a-z]/.test(token) && /[A-Z]/.test(token) && /\d/.test(token) && entropy(token) >= 3.5;
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}
