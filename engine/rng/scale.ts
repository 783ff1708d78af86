import type { DistributionSpec, SimpleDistributionSpec } from './distribution.js';

/**
 * The same distribution with every duration multiplied by `factor` > 0 (its shape kept: CV,
 * Weibull shape, Erlang k and mixture weights unchanged), so its mean is `factor` times the mean.
 * No validation (the caller's spec is valid).
 * @example scaleSpec({ kind: 'empirical', values: [10, 30] }, 2) // { kind: 'empirical', values: [20, 60] }
 */
export function scaleSpec(spec: DistributionSpec, factor: number): DistributionSpec {
  if (spec.kind === 'mixture') return { kind: 'mixture', components: spec.components.map((c) => ({ ...scaleSimple(c, factor), weight: c.weight })) };
  return scaleSimple(spec, factor);
}

function scaleSimple<S extends SimpleDistributionSpec>(spec: S, factor: number): SimpleDistributionSpec {
  switch (spec.kind) {
    case 'deterministic': return { kind: 'deterministic', value: spec.value * factor };
    case 'empirical': return { kind: 'empirical', values: spec.values.map((v) => v * factor) };
    default: return { ...spec, mean: spec.mean * factor };
  }
}
