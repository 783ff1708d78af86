import type { DistributionSpec } from './distribution.js';
import { encodeSampler, EXPONENTIAL, ERLANG_SUM, GAMMA, LOGNORMAL, WEIBULL, DETERMINISTIC, EMPIRICAL, MIXTURE } from './encoded.js';
import { standardExponential } from './exponential.js';
import { marsagliaTsang } from './gamma.js';
import { standardNormal } from './normal.js';
import { uniform } from './uniform.js';

/**
 * Validates `spec` once (at run time too: specs come from files) and returns a bare sampler of it (seconds) drawing from stream `s`
 * (advanced in place). Methods: exponential and Weibull (λ·E^{1/k} = λ·exp(ln E / k), λ = mean/Γ(1 + 1/k))
 * from the exponential ziggurat; Erlang-k as a sum of k exponentials (k ≤ 4) or a gamma;
 * gamma with shape 1/cv² by Marsaglia–Tsang; lognormal exp(μ + σZ) with σ² = ln(1 + cv²),
 * μ = ln(mean) − σ²/2; empirical by uniform resampling of the values (copied once); mixture by
 * one uniform picking the component (cumulative weights), then that component's draw.
 * Draws the same numbers as `sampleEncoded(encodeSampler(spec), s)`.
 * @throws {RangeError} every problem of the spec, each naming `path`.field, e.g.
 *   makeSampler({ kind: 'exponential', mean: -3 }, s, 'handleTime')
 *   // RangeError: handleTime.mean must be > 0 seconds (finite), got -3
 * @example const handle = makeSampler({ kind: 'gamma', mean: 300, cv: 0.5 }, s, 'handleTime'); handle()
 */
export function makeSampler(spec: DistributionSpec, s: Uint32Array, path = 'distribution'): () => number {
  const p = encodeSampler(spec, path);
  const a = p[1]!, b = p[2] ?? 0, c = p[3] ?? 0, boost = p[4] ?? 0;
  switch (p[0]) {
    case EXPONENTIAL: return () => a * standardExponential(s);
    case ERLANG_SUM: return () => {
      let x = 0;
      for (let i = b; i > 0; i--) x += standardExponential(s);
      return a * x;
    };
    case GAMMA: return boost === 0
      ? () => a * marsagliaTsang(s, b, c)
      : () => a * marsagliaTsang(s, b, c) * Math.exp(Math.log(uniform(s)) * boost);
    case LOGNORMAL: return () => Math.exp(a + b * standardNormal(s));
    case WEIBULL: return () => a * Math.exp(Math.log(standardExponential(s)) * b);
    case DETERMINISTIC: return () => a;
    case EMPIRICAL: {
      const n = a, values = p.subarray(2);
      return () => {
        const i = Math.floor(uniform(s) * n);
        return values[i < n ? i : n - 1]!;
      };
    }
    case MIXTURE: {
      const m = a, cumulative = p.subarray(2, 2 + m);
      const parts = (spec as Extract<DistributionSpec, { kind: 'mixture' }>).components.map((c, i) => makeSampler(c, s, `${path}.components[${i}]`));
      return () => {
        const u = uniform(s);
        let i = 0;
        while (i < m - 1 && !(u < cumulative[i]!)) i++;
        return parts[i]!();
      };
    }
    default: throw new RangeError(`makeSampler: unknown kind code ${p[0]}`);
  }
}
