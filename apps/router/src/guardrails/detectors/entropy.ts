/**
 * Shannon entropy in bits per character: random keys score high (base62 ~5.9 at most), words,
 * repeated characters and placeholders low.
 * @example shannonEntropy('aaaa') // 0
 * @example shannonEntropy('abcd') // 2
 */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}
