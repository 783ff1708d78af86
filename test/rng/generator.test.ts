import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  nextUint32, standardExponential, standardNormal, streamState, STATE_WORDS, uniform, uniform53,
} from '../../engine/rng/index.js';

describe('nextUint32 reimplements seedrandom xor4096 exactly', () => {
  // The proof of the reimplementation: same key → the same 32-bit words as seedrandom's own
  // generator (its int32() is the signed view of the same word).
  for (const key of ['42/0/0/arrivals:voice', '2017/3/17/handle:chat', 'x', '中文/0/0/耐心']) {
    it(`first 100,000 words equal seedrandom.xor4096('${key}')`, () => {
      const [seed, task, rep, ...rest] = key.split('/');
      const s = rest.length > 0 ? streamState(seed!, Number(task), Number(rep), rest.join('/')) : null;
      const state = s ?? (() => {
        const st = seedrandom.xor4096(key, { state: true }).state();
        const a = new Uint32Array(STATE_WORDS); a.set(st.X); a[128] = st.i; a[129] = st.w; return a;
      })();
      const ref = seedrandom.xor4096(key);
      let mismatches = 0;
      for (let k = 0; k < 100_000; k++) if (nextUint32(state) !== (ref.int32() >>> 0)) mismatches++;
      expect(mismatches).toBe(0);
    });
  }

  it("uniform is seedrandom's quick() shifted by half a step: (w + ½)·2⁻³²", () => {
    const s = streamState(7, 1, 2, 'u');
    const ref = seedrandom.xor4096('7/1/2/u');
    let mismatches = 0;
    for (let k = 0; k < 10_000; k++) if (uniform(s) !== ref.quick() + 2 ** -33) mismatches++;
    expect(mismatches).toBe(0);
  });
});

describe('the hand-inlined copies of the step advance the state exactly as nextUint32', () => {
  // Each word advances the Weyl value w (word 129) by 0x61c88647, an odd number, so the
  // number of words a draw consumed is (Δw)·0x61c88647⁻¹ mod 2³².
  let inv = 0x61c88647;
  for (let k = 0; k < 5; k++) inv = Math.imul(inv, 2 - Math.imul(0x61c88647, inv)); // Newton: inverse mod 2³²
  const wordsUsed = (before: number, after: number) => Math.imul((after - before) | 0, inv) >>> 0;

  it('uniform(s) = (nextUint32(s′) + ½)·2⁻³² with identical states after each of 100,000 draws', () => {
    const a = streamState('inline', 0, 0, 'u'), b = a.slice();
    let mismatches = 0;
    for (let k = 0; k < 100_000; k++) if (uniform(a) !== (nextUint32(b) + 0.5) * 2 ** -32) mismatches++;
    expect(mismatches).toBe(0);
    expect(a).toEqual(b);
  });

  it.each([
    ['standardExponential', standardExponential], ['standardNormal', standardNormal],
  ] as const)('%s consumes whole words of the same stream (100,000 draws, fix paths included)', (_, f) => {
    const a = streamState('inline', 0, 0, 'z'), b = a.slice();
    let words = 0;
    for (let k = 0; k < 100_000; k++) {
      const w0 = a[129]!;
      f(a);
      const n = wordsUsed(w0, a[129]!);
      for (let j = 0; j < n; j++) nextUint32(b);
      words += n;
    }
    expect(a).toEqual(b);
    expect(words).toBeGreaterThan(100_000);          // the fix paths (≈1%) took extra words
    expect(words).toBeLessThan(110_000);
  });
});

describe('uniform is in the open interval (0, 1)', () => {
  it('the extreme words map strictly inside (0, 1)', () => {
    // With X all zero the xorshift part is 0 and the word is the Weyl part w ^ (w >>> 16):
    // choose w to force the words 0 and 2³² − 1.
    const s = new Uint32Array(STATE_WORDS);           // X all zero: the word is the Weyl part
    s[129] = (0 - 0x61c88647) >>> 0;                   // next w = 0 → word 0
    expect(uniform(s)).toBe(2 ** -33);
    const t = new Uint32Array(STATE_WORDS);
    t[129] = (0xffff0000 - 0x61c88647) >>> 0;          // w = 0xffff0000 → w ^ (w >>> 16) = 0xffffffff
    expect(uniform(t)).toBe(1 - 2 ** -33);
    expect(uniform(t)).toBeLessThan(1);
  });

  it('1,000,000 draws are all in (0, 1), and uniform53 too (seed 1)', () => {
    const s = streamState(1, 0, 0, 'open');
    let bad = 0;
    for (let k = 0; k < 1_000_000; k++) { const u = uniform(s); if (!(u > 0 && u < 1)) bad++; }
    for (let k = 0; k < 200_000; k++) { const u = uniform53(s); if (!(u > 0 && u < 1)) bad++; }
    expect(bad).toBe(0);
  });

  it('uniform53 at its extreme words (0, 0) and (2³² − 1, 2³² − 1) stays in (0, 1)', () => {
    expect([nextUint32(stateGiving([0, 0xffffffff])), nextUint32(stateGiving([0xffffffff, 7]))]).toEqual([0, 0xffffffff]); // the crafting works
    expect(uniform53(stateGiving([0, 0]))).toBe(2 ** -54);                                 // k = 0: (0 + ½)·2⁻⁵³
    const top = uniform53(stateGiving([0xffffffff, 0xffffffff]));                          // k = 2⁵³ − 1, capped at 2⁵³ − 2
    expect(top).toBeLessThan(1);
    expect(top).toBeGreaterThan(1 - 2 ** -51);
  });
});

/** Inverse of a ↦ z, y = a ^ (a << 13), z = y ^ (y >>> 15): the xorshift applied to X[i + 34] (uint32). */
function unshift(z: number): number {
  const y = (z ^ (z >>> 15) ^ (z >>> 30)) >>> 0;
  return (y ^ (y << 13) ^ (y << 26)) >>> 0;
}

/**
 * A generator state whose next words are exactly `words` (at most 34): index 0, Weyl value 0,
 * X[1…] zero (so t = 0), and X[34 + n] chosen so the xorshift part v_n gives word_n = v_n + Weyl_n.
 */
function stateGiving(words: number[]): Uint32Array {
  const s = new Uint32Array(STATE_WORDS);
  let w = 0;
  words.forEach((word, n) => {
    w = (w + 0x61c88647) | 0;
    s[34 + n] = unshift((word - ((w ^ (w >>> 16)) >>> 0)) >>> 0);
  });
  return s;
}

describe('why not seedrandom tychei (documents the generator choice)', () => {
  it("seedrandom's tychei maps two distinct states to the same state (published Tyche-i is a bijection)", () => {
    // Construct two pre-states whose intermediate d differs only in its high 16 bits: seedrandom's
    // last line d = (d << 16) ^ (c >>> 16) ^ a discards those bits (Tyche-i has rotl(d, 16) ^ a).
    const rotr = (x: number, n: number) => ((x >>> n) | (x << (32 - n))) | 0;
    const pre = (a1: number, b2: number, c2: number, d1: number) => {
      const c1 = (c2 + d1) | 0, b1 = rotr(b2 ^ c1, 20), a0 = (a1 + b1) | 0;
      const d0 = rotr(d1 ^ a0, 24), c0 = (c1 + d0) | 0, b0 = rotr(b1 ^ c0, 25);
      return { a: a0, b: b0, c: c0, d: d0 };
    };
    const s1 = pre(0x12345678, 0x9abcdef0 | 0, 0x0fedcba9, 0x00001111);
    const s2 = pre(0x12345678, 0x9abcdef0 | 0, 0x0fedcba9, 0x7abc1111);
    expect(s1).not.toEqual(s2);
    const g1 = seedrandom.tychei('', { state: s1 }), g2 = seedrandom.tychei('', { state: s2 });
    g1(); g2();
    expect(g1.state()).toEqual(g2.state());
  });
});
