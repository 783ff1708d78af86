import { describe, expect, it } from 'vitest';
import { nextUint32, streamState, uniform } from '../../engine/rng/index.js';

const draw = (s: Uint32Array, n: number) => Array.from({ length: n }, () => nextUint32(s));

describe('streamState: streams come from hashed keys, never from call order', () => {
  it('same (seed, task, replication, purpose) → the same first 1,000 words', () => {
    expect(draw(streamState('2017', 3, 5, 'arrivals:voice'), 1000))
      .toEqual(draw(streamState('2017', 3, 5, 'arrivals:voice'), 1000));
  });

  it('a numeric seed and its decimal string give the same stream (the key is a string)', () => {
    expect(draw(streamState(42, 0, 0, 'p'), 100)).toEqual(draw(streamState('42', 0, 0, 'p'), 100));
  });

  it('different purpose, replication, task or seed → different streams (no equal word among the first 1,000 at the same position beyond chance)', () => {
    const base = draw(streamState('s', 1, 2, 'handle'), 1000);
    for (const other of [
      streamState('s', 1, 2, 'patience'), streamState('s', 1, 3, 'handle'),
      streamState('s', 2, 2, 'handle'), streamState('t', 1, 2, 'handle'),
      streamState('s', 12, 2, 'handle'), // '1'+'2' vs '12' must not collide: the key has separators
    ]) {
      const o = draw(other, 1000);
      const same = o.filter((w, k) => w === base[k]).length;
      expect(same).toBeLessThanOrEqual(1); // P(any equal) ≈ 1000·2⁻³² ≈ 2.3e-7
    }
  });

  it('streams of neighbouring keys are uncorrelated: |r| < 5/√n at lags 0 and 1 (n = 100,000)', () => {
    // Theorem: for independent uniforms the sample correlation is ≈ N(0, 1/n).
    const n = 100_000;
    const pairs: [Uint32Array, Uint32Array][] = [
      [streamState('c', 0, 0, 'arrivals'), streamState('c', 0, 1, 'arrivals')],
      [streamState('c', 0, 0, 'arrivals'), streamState('c', 0, 0, 'handle')],
      [streamState('c', 0, 0, 'arrivals'), streamState('c', 1, 0, 'arrivals')],
    ];
    for (const [a, b] of pairs) {
      const x = Float64Array.from({ length: n + 1 }, () => uniform(a));
      const y = Float64Array.from({ length: n + 1 }, () => uniform(b));
      for (const lag of [0, 1]) {
        let sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
        for (let k = 0; k < n; k++) {
          const u = x[k]!, v = y[k + lag]!;
          sx += u; sy += v; sxy += u * v; sxx += u * u; syy += v * v;
        }
        const r = (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
        expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
      }
    }
  });

  it('the stream of replication 5 does not depend on whether replications 0–4 were drawn before', () => {
    const alone = draw(streamState('seed', 0, 5, 'arrivals'), 1000);
    for (let r = 0; r < 5; r++) draw(streamState('seed', 0, r, 'arrivals'), 10_000);
    expect(draw(streamState('seed', 0, 5, 'arrivals'), 1000)).toEqual(alone);
  });

  it('frozen values guard against regressions (seed 42, task 0, replication 0, purpose "x")', () => {
    // Not a proof of correctness (that is generator.test.ts); a change here changes every simulation.
    expect(draw(streamState(42, 0, 0, 'x'), 3)).toMatchInlineSnapshot(`
      [
        3153390518,
        4025689682,
        170961032,
      ]
    `);
  });

  it('rejects bad task, replication, purpose and seed, naming each', () => {
    expect(() => streamState(1, -1, 0, 'p')).toThrow(/task must be an integer ≥ 0, got -1/);
    expect(() => streamState(1, 0, 1.5, 'p')).toThrow(/replication must be an integer ≥ 0, got 1.5/);
    expect(() => streamState(1, 0, 0, '')).toThrow(/purpose must be a non-empty string/);
    expect(() => streamState(NaN, 0, 0, 'p')).toThrow(/seed must be a string or a finite number, got NaN/);
  });
});
