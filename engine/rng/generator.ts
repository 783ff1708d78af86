/**
 * The generator step: Tyche-i (Neves & Araujo 2011, "Fast and small nonlinear pseudorandom
 * number generators for computer simulation", PPAM 2011, LNCS 7203), exactly as
 * seedrandom's `tychei` computes it, but over a 4-word `Uint32Array` state [a, b, c, d] so
 * the hot loop calls a plain function: no object, no closure, no allocation per draw.
 *
 * Test (test/rng/generator.test.ts): for the same seed, the outputs equal seedrandom's own
 * `tychei(seed).int32() >>> 0`, word for word.
 */

/**
 * Advances `s` (4 words, from {@link streamState}) in place and returns the next 32-bit word,
 * an integer in [0, 2³² − 1].
 * @example const s = streamState(42, 0, 0, 'arrivals'); nextUint32(s) // e.g. 2731559474
 */
export function nextUint32(s: Uint32Array): number {
  let a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!;
  b = (b << 25) ^ (b >>> 7) ^ c;
  c = (c - d) | 0;
  d = (d << 24) ^ (d >>> 8) ^ a;
  a = (a - b) | 0;
  b = (b << 20) ^ (b >>> 12) ^ c;
  c = (c - d) | 0;
  d = (d << 16) ^ (c >>> 16) ^ a;
  a = (a - b) | 0;
  s[0] = a; s[1] = b; s[2] = c; s[3] = d;
  return a >>> 0;
}
