/**
 * M/M/N+G at the edges of the patience specs the validator allows:
 * - Weibull of shape up to 100 (nearly deterministic): (v/c)^k overflowed to ∞ far past the scale,
 *   H = m·P(1/k, ∞) and g = k·∞·0/v were NaN there, and every figure came out NaN after 400 panels
 *   and 5 s (N = 100, A = 90, AHT 300 s, mean 1 s, shape 95). Theory: as the shape grows the
 *   Weibull tends to the deterministic patience at its mean, whose figures are closed forms
 *   (mmngIntegrals.ts, step patience), and the figures move monotonically towards them.
 * - near-deterministic patience of months in heavy overload (gamma or lognormal, CV 1e-3, mean 10⁷ s,
 *   3,000 agents at load 5): w's peak is about a second wide at 10⁷ s, narrower than one step of
 *   the panel lattice; the mode was a lattice point far off it and every figure NaN. Theory: with
 *   patience far longer than the queue's turnover every agent is always busy, answer rate = N/A.
 * - deterministic patience d against the closed form of M/M/N+D (test/reference/mmnDeterministic.ts):
 *   the step-patience path formed φ = λH − s·v at each jump, two numbers of size λ·d whose
 *   difference lost ε·λ·d (9e-9 relative at d = 6·10⁶ s, 2e-4 at λ·d ≈ 6e12).
 * - Weibull of large shape at short waits: H = m·P(1/k, y), y = (v/c)^k, took its digits from y^{1/k},
 *   and y underflows to 0 below v ≈ c·10^{−308/k} (0.1 s at shape 100, mean 120 s): H was 0 there
 *   instead of v, and at N = 50, A = 40, T = 30 s every figure was up to 1.9e-5 off, with an error
 *   estimate of 1e-14. Against the Runge–Kutta reference (test/reference/mmngOde.ts) fed the closed
 *   form Ḡ = exp(−(v/c)^k), c = mean/Γ(1 + 1/k) from mathjs.
 * - mixture weights summing to 1 ± 1e-9 (the validator's tolerance): the simulator's draw gives the
 *   last component what the others leave (engine/rng/encoded.ts); the kernel took the weights as
 *   written, so answered + abandoned fell short of offered by 4.8e-10.
 */
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { mmngFigures } from '../../engine/erlang/mmng.js';
import { curveAt, DENSITY, INTEGRAL, patienceCurve, SURVIVAL } from '../../engine/erlang/patience.js';
import { expectFinite, WorstError } from '../support/expectClose.js';
import { mmnDeterministic } from '../reference/mmnDeterministic.js';
import { mmngOde } from '../reference/mmngOde.js';

describe('Weibull patience of large shape', () => {
  it('far past its scale: nobody is left (Ḡ = 0), H is the mean, no density — finite', () => {
    const curve = patienceCurve({ kind: 'weibull', mean: 1, shape: 95 });
    for (const v of [10, 1e4, 1e9]) {
      curve.at(v);
      expect([curveAt[SURVIVAL], curveAt[INTEGRAL], curveAt[DENSITY]], `v = ${v}`).toEqual([0, 1, 0]);
    }
  });

  it('figures finite, moving monotonically to the deterministic patience at the mean as the shape grows to 100', () => {
    for (const [agents, erlangs, aht, mean, target] of [[100, 90, 300, 1, 20], [10, 12, 300, 60, 20], [2, 1.5, 19_512, 19, 0]] as const) {
      const inputs = { agents, erlangs, aht, mean, target };
      const det = mmngFigures(agents, erlangs, aht, patienceCurve({ kind: 'deterministic', value: mean }), target);
      let previous = Infinity;
      for (const shape of [10, 30, 60, 95, 100]) {
        const f = mmngFigures(agents, erlangs, aht, patienceCurve({ kind: 'weibull', mean, shape }), target);
        expectFinite({ ...f }, { ...inputs, shape });
        const gap = Math.abs(f.answerRate - det.answerRate);
        expect(gap, `shape ${shape}: answer rate ${f.answerRate} vs deterministic ${det.answerRate}`).toBeLessThanOrEqual(previous);
        previous = gap;
      }
      // the Weibull's spread around its mean is ≈ 1.28·mean/shape: at shape 100 the answer rate is within 1e-3 of the deterministic one
      expect(previous, JSON.stringify(inputs)).toBeLessThan(1e-3);
    }
  });
});

describe('Weibull patience of large shape at short waits', () => {
  const math = create(all);
  /** the Weibull's scale c for a mean and shape, from mathjs' Γ (not the engine's lnGamma) */
  const scaleOf = (mean: number, shape: number) => mean / (math.gamma(1 + 1 / shape) as number);

  it('H(v) = v where nobody has hung up yet, also once (v/c)^k underflows (it was 0 there)', () => {
    const curve = patienceCurve({ kind: 'weibull', mean: 120, shape: 100 });
    const c = scaleOf(120, 100);
    // (v/c)^100 is subnormal or 0 for all of these: Ḡ = 1 to double precision on [0, v], so H = ∫₀ᵛ Ḡ = v
    for (const v of [1e-6, 0.01, 0.05, 0.08]) {
      expect(Math.pow(v / c, 100), `v = ${v}`).toBeLessThan(1e-300);
      curve.at(v);
      expect(curveAt[INTEGRAL], `H(${v})`).toBe(v);
    }
  });

  it('every figure within 1e-9 of the Runge–Kutta reference, shapes 70 and 100, underload and overload', () => {
    const t = new WorstError('Weibull patience of large shape: kernel vs RK4 reference');
    for (const shape of [70, 100]) {
      const c = scaleOf(120, shape);
      const survival = (v: number) => Math.exp(-Math.pow(v / c, shape));
      const curve = patienceCurve({ kind: 'weibull', mean: 120, shape });
      for (const [agents, erlangs, target] of [[50, 40, 30], [100, 95, 20], [100, 110, 120], [10, 12, 60]] as const) {
        const want = mmngOde(agents, erlangs, 300, survival, target, 0.02);
        const got = mmngFigures(agents, erlangs, 300, curve, target);
        for (const k of ['pWait', 'pAbandon', 'answerRate', 'serviceLevel', 'asa', 'meanWait'] as const) t.add(k, got[k], want[k], { shape, agents, erlangs, target });
      }
    }
    // measured 8e-12 (the reference's own error, from its step halving); before: 1.9e-5 at shape 100, N = 50, A = 40, T = 30 s
    t.log().expectWithin(1e-9);
  });
});

describe('near-deterministic patience of months in heavy overload', () => {
  it('finite figures; the answer rate is N/A (every agent always busy)', () => {
    for (const spec of [{ kind: 'gamma', mean: 1e7, cv: 1e-3 }, { kind: 'lognormal', mean: 1e7, cv: 1e-3 }] as const) {
      const f = mmngFigures(3000, 15_000, 1, patienceCurve(spec), 20);
      expectFinite({ ...f }, { spec: JSON.stringify(spec) });
      expect(Math.abs(f.answerRate - 0.2), `${spec.kind}: answer rate ${f.answerRate}`).toBeLessThan(1e-9);
    }
  });
});

describe('deterministic patience against the closed form of M/M/N+D', () => {
  it('random inputs, d from 5 s to 6·10⁶ s, N 1 to 3,000, load 0.3 to 1.8: every figure within 1e-10', () => {
    let seed = 77;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const t = new WorstError('M/M/N+D: kernel vs closed form');
    for (let i = 0; i < 2000; i++) {
      const d = (5 + 600 * next()) * (next() < 0.5 ? 1e4 : 1);
      const agents = 1 + Math.floor(Math.exp(next() * Math.log(3000)));
      const erlangs = agents * (0.3 + 1.5 * next());
      const target = [0, 10, 20, 60, 300][Math.floor(5 * next())]!;
      const aht = 60 + 600 * next();
      const got = mmngFigures(agents, erlangs, aht, patienceCurve({ kind: 'deterministic', value: d }), target);
      const want = mmnDeterministic(agents, erlangs, aht, d, target);
      for (const k of ['pWait', 'pAbandon', 'answerRate', 'serviceLevel', 'asa'] as const) {
        if (!(Math.abs(want[k]) < 1e-200)) t.add(k, got[k], want[k], { d, agents, erlangs, aht, target });
      }
    }
    // measured: 1.8e-11 (before summing φ by pieces: 9e-9 at d ≈ 6e6 s)
    t.log().expectWithin(1e-10);
  });
});

describe('mixture weights within the validator tolerance of 1', () => {
  it('answered + abandoned = offered to rounding, for weights summing to 1 − 9e-10 and 1 + 9e-10', () => {
    const t = new WorstError('answer rate + abandonment rate vs 1');
    for (const d of [-9e-10, 9e-10]) {
      const curve = patienceCurve({ kind: 'mixture', components: [{ weight: 0.3, kind: 'exponential', mean: 10 }, { weight: 0.7 + d, kind: 'lognormal', mean: 200, cv: 1 }] });
      for (const [agents, erlangs] of [[50, 55], [10, 8], [1000, 990]] as const) {
        const f = mmngFigures(agents, erlangs, 300, curve, 20);
        t.add('sum', f.answerRate + f.pAbandon, 1, { d, agents, erlangs });
      }
    }
    t.log().expectWithin(1e-14); // was 4.8e-10
  });
});
