/**
 * Seeded randomness, so every run of the simulator is reproducible. `createRandom` is a
 * stream (mulberry32); `hashUniform` gives the same number for the same keys whatever the
 * order of calls, which lets every policy see the same luck for the same request and target.
 */
export type Random = () => number;

/** A uniform stream in [0, 1) from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** murmur3's finaliser: every input bit flips about half the output bits. */
function mix(value: number): number {
  let mixed = value >>> 0;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** A uniform number in (0, 1) determined by the seed and up to four integer keys. */
export function hashUniform(seed: number, a: number, b = 0, c = 0, d = 0): number {
  let hash = mix(seed ^ 0x9e3779b9);
  hash = mix(hash ^ Math.imul(a + 1, 0x27d4eb2f));
  hash = mix(hash ^ Math.imul(b + 1, 0x165667b1));
  hash = mix(hash ^ Math.imul(c + 1, 0x9e3779b1));
  hash = mix(hash ^ Math.imul(d + 1, 0x85ebca77));
  return (hash + 0.5) / 4_294_967_296;
}

/** Evaluates a polynomial, highest coefficient first. */
const horner = (coefficients: readonly number[], x: number) =>
  coefficients.reduce((sum, coefficient) => sum * x + coefficient, 0);

const centralNumerator = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628274631,
];
const centralDenominator = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  1,
];
const tailNumerator = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const tailDenominator = [
  0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1,
];

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(probability: number): number {
  const p = Math.min(Math.max(probability, 1e-12), 1 - 1e-12);
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(Math.min(p, 1 - p)));
    const value = horner(tailNumerator, q) / horner(tailDenominator, q);
    return p < low ? value : -value;
  }
  const q = p - 0.5;
  const r = q * q;
  return (horner(centralNumerator, r) * q) / horner(centralDenominator, r);
}

/** A log-normal draw with the given median and 95th percentile, from one uniform number. */
export function logNormal(uniform: number, p50: number, p95: number): number {
  const sigma = Math.log(p95 / p50) / 1.6448536269514722;
  return p50 * Math.exp(sigma * normalQuantile(uniform));
}

/** An exponential draw (mean `1 / rate`), from one uniform number in (0, 1). */
export function exponential(uniform: number, rate: number): number {
  return -Math.log(1 - uniform) / rate;
}
