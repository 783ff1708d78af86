/**
 * The generator step: Brent's xorgens xor4096 (R. P. Brent, "Some long-period random number
 * generators using shifts and xors", ANZIAM J. 48 (CTAC2006) C188–C202, 2007; arXiv
 * 1004.3115): a 4096-bit xorshift generator combined with a 32-bit Weyl sequence, period
 * (2⁴⁰⁹⁶ − 1)·2³², passes TestU01 BigCrush. Computed exactly as seedrandom's `xor4096`
 * computes it, but over a `Uint32Array` state so the hot loop calls a plain function: no
 * object, no closure, no allocation per draw.
 *
 * State layout (130 words): X[0..127] at 0..127, the index i at 128, the Weyl value w at 129.
 *
 * Why xor4096 (measured with `npm run bench -- --suite rng --filter choice --quick`, each
 * step reimplemented over a typed array, ns per uniform draw on Node 20: xor128 1.9,
 * xor4096 2.2, tychei 2.4, xorwow 2.4, xorshift7 4.1, alea 7.3; in separate processes and
 * with 4 interleaved streams tychei was instead 10–20% ahead of xor4096 — a tie within
 * noise): xor128 is GF(2)-linear and fails BigCrush's linear-complexity and matrix-rank
 * tests (L'Ecuyer & Simard 2007, TestU01 paper); xorwow (a 160-bit xorshift plus a Weyl add)
 * fails LinearComp in Crush and 3 tests of BigCrush (published TestU01 1.2.3 run,
 * chasethedevil.github.io/post/xorwow-lecuyer-testu01-results); seedrandom's tychei is NOT
 * the published Tyche-i: its last line computes `d = (d << 16) ^ (c >>> 16) ^ a` where
 * Tyche-i has rotl(d, 16) ^ a, which makes the step many-to-one (2¹⁶ preimages per image,
 * demonstrated in test/rng/generator.test.ts), so neither the authors' BigCrush results nor
 * the bijective cycle structure carry over. xor4096 is the fastest generator whose quality
 * is established (Brent: passes BigCrush — its xorshift part is linear too, but of degree
 * 4096, beyond what BigCrush's LinearComp can see; period (2⁴⁰⁹⁶ − 1)·2³²). Costs: a 520-byte state
 * and ≈ 3 µs to derive a stream.
 *
 * Test (test/rng/generator.test.ts): for the same seed, the outputs equal seedrandom's own
 * `xor4096(seed).int32() >>> 0`, word for word.
 *
 * Inlined copies: `uniform`, `standardExponential` and `standardNormal` repeat this step by
 * hand on their fast path. Measured (CPU time, 10⁷ draws, Node 20): uniform 3.3 → 2.2 ns,
 * exponential 4.5 → 4.2 ns, normal 6.8 → 6.3 ns; V8's own inlining of this function leaves
 * overhead. test/rng/generator.test.ts checks that each copy advances the state exactly as
 * this function does and draws the same word.
 */

/** Words of generator state. */
export const STATE_WORDS = 130;

/**
 * Advances `s` (130 words, from {@link streamState}) in place and returns the next 32-bit
 * word, an integer in [0, 2³² − 1].
 * @example const s = streamState(42, 0, 0, 'arrivals'); nextUint32(s) // an integer in [0, 2³²)
 */
export function nextUint32(s: Uint32Array): number {
  const w = (s[129]! + 0x61c88647) | 0;   // Weyl step
  s[129] = w;
  let i = s[128]!;
  let v = s[(i + 34) & 127]!;
  i = (i + 1) & 127;
  let t = s[i]!;
  v ^= v << 13;
  t ^= t << 17;
  v ^= v >>> 15;
  t ^= t >>> 12;
  v ^= t;
  s[i] = v;
  s[128] = i;
  return (v + (w ^ (w >>> 16))) >>> 0;
}
