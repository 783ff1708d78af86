/**
 * scaleSpec (engine/rng/scale.ts): every kind the engine samples is a scale family, so multiplying
 * each duration by c > 0 must give a valid spec of the same kind and shape whose mean is c times the
 * mean and whose variance is c² times the variance (X → cX), the original spec left as it was.
 * The theory side is written out here per kind (the closed forms of the means and variances), not
 * taken from the engine's moments module.
 */
import { describe, expect, it } from 'vitest';
import { scaleSpec, specProblems, type DistributionSpec } from '../../engine/rng/index.js';

/** Mean and variance from the spec's own parameters: each kind's closed forms. */
function theory(spec: DistributionSpec): { mean: number; variance: number } {
  switch (spec.kind) {
    case 'exponential': return { mean: spec.mean, variance: spec.mean ** 2 };
    case 'erlang': return { mean: spec.mean, variance: spec.mean ** 2 / spec.k };
    case 'gamma':
    case 'lognormal': return { mean: spec.mean, variance: (spec.cv * spec.mean) ** 2 };
    case 'weibull': {
      // Var/mean² = Γ(1 + 2/k)/Γ(1 + 1/k)² − 1; the shapes used here make both Γ values elementary
      const ratio: Record<number, number> = { 1: 2 / 1 - 1, 2: 1 / (Math.sqrt(Math.PI) / 2) ** 2 - 1, 0.5: 24 / 4 - 1 };
      return { mean: spec.mean, variance: ratio[spec.shape]! * spec.mean ** 2 };
    }
    case 'deterministic': return { mean: spec.value, variance: 0 };
    case 'empirical': {
      const n = spec.values.length;
      const mean = spec.values.reduce((s, v) => s + v, 0) / n;
      return { mean, variance: spec.values.reduce((s, v) => s + (v - mean) ** 2, 0) / n };
    }
    case 'mixture': {
      const parts = spec.components.map((c) => ({ w: c.weight, ...theory(c) }));
      const mean = parts.reduce((s, p) => s + p.w * p.mean, 0);
      return { mean, variance: parts.reduce((s, p) => s + p.w * (p.variance + p.mean ** 2), 0) - mean ** 2 };
    }
  }
}

const SPECS: DistributionSpec[] = [
  { kind: 'exponential', mean: 80 },
  { kind: 'erlang', mean: 120, k: 3 },
  { kind: 'gamma', mean: 150, cv: 0.5 },
  { kind: 'lognormal', mean: 200, cv: 2.5 },
  { kind: 'weibull', mean: 90, shape: 2 },
  { kind: 'weibull', mean: 90, shape: 0.5 },
  { kind: 'deterministic', value: 30 },
  { kind: 'empirical', values: [3, 30, 45, 300] },
  { kind: 'mixture', components: [{ kind: 'deterministic', value: 4, weight: 0.2 }, { kind: 'lognormal', mean: 240, cv: 1.5, weight: 0.5 }, { kind: 'weibull', mean: 60, shape: 1, weight: 0.3 }] },
];

describe('scaleSpec: a scale family, X → cX', () => {
  it.each(SPECS.flatMap((s) => [0.25, 3].map((c) => [s.kind, c, s] as const)))('%s × %d: valid, same kind and shape, mean × c, variance × c²', (_, c, spec) => {
    const before = structuredClone(spec);
    const scaled = scaleSpec(spec, c);
    expect(spec).toEqual(before);
    expect(specProblems(scaled)).toEqual([]);
    expect(scaled.kind).toBe(spec.kind);
    const t0 = theory(spec);
    const t1 = theory(scaled);
    expect(t1.mean / t0.mean).toBeCloseTo(c, 14);
    if (t0.variance > 0) expect(t1.variance / t0.variance).toBeCloseTo(c * c, 12);
    else expect(t1.variance).toBe(0);
  });

  it('keeps every shape parameter and mixture weight, and scales every duration', () => {
    const mix = SPECS.at(-1)!;
    expect(scaleSpec(mix, 2)).toEqual({ kind: 'mixture', components: [
      { kind: 'deterministic', value: 8, weight: 0.2 }, { kind: 'lognormal', mean: 480, cv: 1.5, weight: 0.5 }, { kind: 'weibull', mean: 120, shape: 1, weight: 0.3 },
    ] });
    expect(scaleSpec({ kind: 'empirical', values: [10, 30] }, 2)).toEqual({ kind: 'empirical', values: [20, 60] });
    expect(scaleSpec({ kind: 'erlang', mean: 100, k: 4 }, 0.5)).toEqual({ kind: 'erlang', mean: 50, k: 4 });
    expect(scaleSpec({ kind: 'deterministic', value: 12 }, 1.5)).toEqual({ kind: 'deterministic', value: 18 });
  });
});
