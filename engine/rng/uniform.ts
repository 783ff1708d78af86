import { nextUint32 } from './generator.js';

/**
 * A uniform draw in the open interval (0, 1): (w + ½)·2⁻³² from one 32-bit word w, so it
 * is never 0 or 1 (the largest value, 1 − 2⁻³³, is exact in a double) and `Math.log(u)` is
 * always finite. Resolution 2⁻³² ≈ 2.3·10⁻¹⁰: one word per draw, twice as fast as a 53-bit
 * double, and ample for a simulation's thinning, routing and inverse-CDF draws (see
 * {@link uniform53} when finer resolution matters).
 * @example uniform(streamState(1, 0, 0, 'x')) // in (0, 1)
 */
export function uniform(s: Uint32Array): number {
  // The xor4096 step of generator.ts, inlined by hand (see generator.ts, "Inlined copies").
  const w = (s[129]! + 0x61c88647) | 0;
  s[129] = w;
  let k = s[128]!;
  let v = s[(k + 34) & 127]!;
  k = (k + 1) & 127;
  let t = s[k]!;
  v ^= v << 13; t ^= t << 17; v ^= v >>> 15; t ^= t >>> 12; v ^= t;
  s[k] = v; s[128] = k;
  return (((v + (w ^ (w >>> 16))) >>> 0) + 0.5) * 2.3283064365386963e-10;
}

/**
 * A uniform draw in (0, 1) with 53-bit resolution from two words: (k + ½)·2⁻⁵³ with
 * k = 27 high bits · 2²⁶ + 26 bits; never 0 or 1 (k ≤ 2⁵³ − 2 keeps (k + ½)·2⁻⁵³ below 1).
 */
export function uniform53(s: Uint32Array): number {
  const hi = nextUint32(s) >>> 5;          // 27 bits
  const lo = nextUint32(s) >>> 6;          // 26 bits
  const k = hi * 67108864 + lo;            // 0 … 2⁵³ − 1
  // (2⁵³ − 1 + ½)·2⁻⁵³ would round to 1; cap the top value at 2⁵³ − 2 (a 2⁻⁵³ bias, nil).
  return ((k === 9007199254740991 ? k - 1 : k) + 0.5) * 1.1102230246251565e-16;
}
