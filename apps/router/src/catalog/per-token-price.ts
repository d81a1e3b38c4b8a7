/**
 * A price per million tokens as the per-token decimal string OpenRouter and the AI gateway
 * protocol use: `2.5` → `"0.0000025"` (never exponent notation).
 */
export function perTokenPrice(perMillion: number): string {
  return (perMillion / 1_000_000).toFixed(15).replace(/\.?0+$/, '');
}
