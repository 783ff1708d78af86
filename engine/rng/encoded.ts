import { checkSpec, type DistributionSpec } from './distribution.js';
import { standardExponential } from './exponential.js';
import { marsagliaTsang } from './gamma.js';
import { lnGamma } from './gammaFunction.js';
import { standardNormal } from './normal.js';
import { uniform } from './uniform.js';

/*
 * Samplers without closures, for the simulator's hot loop: a spec is encoded once into a
 * Float64Array whose word 0 is a numeric kind code and whose following words are the
 * precomputed parameters; `sampleEncoded` switches on the code. Layouts:
 *   EXPONENTIAL   [0, mean]
 *   ERLANG_SUM    [1, mean/k, k]            k ≤ 4: sum of k exponentials
 *   GAMMA         [2, scale, d, c, 1/shape if shape < 1 else 0]   Marsaglia–Tsang constants of
 *                 max(shape, shape + 1); also Erlang with k > 4 (shape k, scale mean/k)
 *   LOGNORMAL     [3, μ, σ]
 *   WEIBULL       [4, λ, 1/k]               λ·E^{1/k} computed as λ·exp(ln E / k) (2× faster than Math.pow)
 *   DETERMINISTIC [5, value]
 *   EMPIRICAL     [6, n, v₀ … vₙ₋₁]
 *   MIXTURE       [7, m, c₀ … c_{m−1}, o₀ … o_{m−1}, component encodings…]   cᵢ the cumulative
 *                 weights (c_{m−1} = 1), oᵢ the offset of component i's encoding in the array;
 *                 a draw takes one uniform u and then draws component i = min{i : u < cᵢ}
 * Every layout is read from an offset `o` (0 at the top, oᵢ inside a mixture).
 * `makeSampler` draws exactly the same numbers from the same state as `sampleEncoded`.
 */
export const EXPONENTIAL = 0;
export const ERLANG_SUM = 1;
export const GAMMA = 2;
export const LOGNORMAL = 3;
export const WEIBULL = 4;
export const DETERMINISTIC = 5;
export const EMPIRICAL = 6;
export const MIXTURE = 7;

/** Erlang-k with k up to this is drawn as a sum of k exponentials, above it as a gamma. */
export const ERLANG_SUM_MAX_K = 4;

/**
 * Validates `spec` once and encodes it for {@link sampleEncoded}. `path` prefixes field
 * names in errors (e.g. `'channels[0].handleTime'`).
 * @throws {RangeError} every problem of the spec, e.g. "handleTime.mean must be > 0 seconds (finite), got -3"
 * @example const p = encodeSampler({ kind: 'lognormal', mean: 300, cv: 0.8 }, 'handleTime');
 *          const t = sampleEncoded(p, s);
 */
export function encodeSampler(spec: DistributionSpec, path = 'distribution'): Float64Array {
  const sp = checkSpec(spec, path);
  switch (sp.kind) {
    case 'exponential': return Float64Array.of(EXPONENTIAL, sp.mean);
    case 'erlang':
      return sp.k <= ERLANG_SUM_MAX_K
        ? Float64Array.of(ERLANG_SUM, sp.mean / sp.k, sp.k)
        : gammaParams(sp.mean / sp.k, sp.k);
    case 'gamma': {
      const shape = 1 / (sp.cv * sp.cv);
      return gammaParams(sp.mean / shape, shape);
    }
    case 'lognormal': {
      const s2 = Math.log1p(sp.cv * sp.cv);
      return Float64Array.of(LOGNORMAL, Math.log(sp.mean) - s2 / 2, Math.sqrt(s2));
    }
    case 'weibull':
      return Float64Array.of(WEIBULL, sp.mean / Math.exp(lnGamma(1 + 1 / sp.shape)), 1 / sp.shape);
    case 'deterministic': return Float64Array.of(DETERMINISTIC, sp.value);
    case 'empirical': {
      const p = new Float64Array(2 + sp.values.length);
      p[0] = EMPIRICAL; p[1] = sp.values.length;
      p.set(sp.values, 2);
      return p;
    }
    case 'mixture': {
      const m = sp.components.length;
      const parts = sp.components.map((c) => encodeSampler(c, path));
      const p = new Float64Array(2 + 2 * m + parts.reduce((a, q) => a + q.length, 0));
      p[0] = MIXTURE; p[1] = m;
      let cumulative = 0;
      let at = 2 + 2 * m;
      parts.forEach((q, i) => {
        cumulative += sp.components[i]!.weight;
        p[2 + i] = i === m - 1 ? 1 : cumulative;      // the last one catches every u < 1
        p[2 + m + i] = at;
        p.set(q, at);
        at += q.length;
      });
      return p;
    }
  }
}

function gammaParams(scale: number, shape: number): Float64Array {
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  return Float64Array.of(GAMMA, scale, d, 1 / Math.sqrt(9 * d), shape < 1 ? 1 / shape : 0);
}

/**
 * One draw, seconds, from parameters made by {@link encodeSampler}; advances `s`.
 * Allocates nothing. Parameters from elsewhere are not checked. Kept small (each longer
 * case in its own function) so V8 can inline it into the simulator's loop: a call that is
 * not inlined returns its double boxed (measured: the exponential case took 13.5 ns/draw
 * through a one-function switch against 4.2 ns for `standardExponential` itself).
 */
export function sampleEncoded(p: Float64Array, s: Uint32Array): number {
  return sampleAt(p, 0, s);
}

/** One draw from the encoding that starts at `o` in `p` (a mixture's components sit inside it). */
function sampleAt(p: Float64Array, o: number, s: Uint32Array): number {
  switch (p[o]) {
    case EXPONENTIAL: return p[o + 1]! * standardExponential(s);
    case DETERMINISTIC: return p[o + 1]!;
    case LOGNORMAL: return Math.exp(p[o + 1]! + p[o + 2]! * standardNormal(s));
    case GAMMA: return gammaDraw(p, o, s);
    case WEIBULL: return p[o + 1]! * Math.exp(Math.log(standardExponential(s)) * p[o + 2]!);
    case ERLANG_SUM: return erlangSumDraw(p, o, s);
    case EMPIRICAL: return empiricalDraw(p, o, s);
    case MIXTURE: return mixtureDraw(p, o, s);
    default: return unknownKind(p[o]);
  }
}

function gammaDraw(p: Float64Array, o: number, s: Uint32Array): number {
  const g = marsagliaTsang(s, p[o + 2]!, p[o + 3]!);
  const boost = p[o + 4]!;
  return boost === 0 ? p[o + 1]! * g : p[o + 1]! * g * Math.exp(Math.log(uniform(s)) * boost);
}

function erlangSumDraw(p: Float64Array, o: number, s: Uint32Array): number {
  let x = 0;
  for (let i = p[o + 2]!; i > 0; i--) x += standardExponential(s);
  return p[o + 1]! * x;
}

function empiricalDraw(p: Float64Array, o: number, s: Uint32Array): number {
  const n = p[o + 1]!;
  const i = Math.floor(uniform(s) * n);
  return p[o + 2 + (i < n ? i : n - 1)]!;
}

function mixtureDraw(p: Float64Array, o: number, s: Uint32Array): number {
  const m = p[o + 1]!;
  const u = uniform(s);
  let i = 0;
  while (i < m - 1 && !(u < p[o + 2 + i]!)) i++;
  return sampleAt(p, o + p[o + 2 + m + i]!, s);
}

function unknownKind(code: number | undefined): never {
  throw new RangeError(`sampleEncoded: unknown kind code ${code}`);
}
