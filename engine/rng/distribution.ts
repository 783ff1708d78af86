/**
 * A distribution of a duration or a delay, in seconds: plain data (no functions), so a
 * model can be validated once, cloned to worker threads and written in a scenario file.
 * Samplers: `makeSampler` / `encodeSampler`; exact moments: `meanOf`, `varianceOf`.
 */
export type DistributionSpec = SimpleDistributionSpec | MixtureSpec;

/**
 * A finite mixture: with probability `weight` a draw comes from that component (any kind but
 * another mixture). Weights are ≥ 0 and sum to 1 (within 1e-9), e.g. a share of callers who
 * hang up within seconds beside a long-patience majority:
 * `{ kind: 'mixture', components: [{ weight: 0.1, kind: 'exponential', mean: 5 }, { weight: 0.9, kind: 'lognormal', mean: 200, cv: 1 }] }`
 */
export interface MixtureSpec {
  kind: 'mixture';
  components: MixtureComponent[];
}

/** One component of a mixture: a distribution (not a mixture) and its probability `weight`. */
export type MixtureComponent = SimpleDistributionSpec & { weight: number };

/** Every kind but `mixture`. */
export type SimpleDistributionSpec =
  | { kind: 'exponential'; mean: number }
  /** Erlang-k: sum of k exponentials, CV = 1/√k. */
  | { kind: 'erlang'; mean: number; k: number }
  /** Gamma by mean and coefficient of variation (sd / mean, > 0). */
  | { kind: 'gamma'; mean: number; cv: number }
  /** Lognormal by mean and coefficient of variation (sd / mean, > 0). */
  | { kind: 'lognormal'; mean: number; cv: number }
  /** Weibull by mean and shape k (k = 1 is exponential). */
  | { kind: 'weibull'; mean: number; shape: number }
  | { kind: 'deterministic'; value: number }
  /** Resampled uniformly from observed values (seconds). */
  | { kind: 'empirical'; values: number[] };

/** The kinds of {@link DistributionSpec}, in a fixed order. */
export const DISTRIBUTION_KINDS = [
  'exponential', 'erlang', 'gamma', 'lognormal', 'weibull', 'deterministic', 'empirical', 'mixture',
] as const satisfies readonly DistributionSpec['kind'][];

/** Mixture weights must sum to 1 within this (they are usually written with a few decimals). */
export const MIXTURE_WEIGHT_TOLERANCE = 1e-9;

/**
 * Every problem with a spec, each naming the field (prefixed by `path`), the value and the
 * allowed range; empty when the spec is valid. Domains: means > 0 s; erlang k an integer
 * in [1, 10⁶]; cv in (0, 1000] (a fixed value is `deterministic`); weibull shape in [0.05, 100];
 * deterministic value ≥ 0 s; empirical values a non-empty list of finite values ≥ 0 s;
 * mixture components a non-empty list of non-mixture specs, each with a weight in [0, 1],
 * the weights summing to 1 (± 1e-9).
 * @example specProblems({ kind: 'exponential', mean: -3 }, 'handleTime')
 *   // ['handleTime.mean must be > 0 seconds, got -3']
 */
export function specProblems(spec: unknown, path = 'distribution'): string[] {
  if (typeof spec !== 'object' || spec === null) return [`${path} must be a distribution object, got ${showValue(spec)}`];
  const o = spec as Record<string, unknown>;
  const out: string[] = [];
  const positive = (key: string) => {
    const v = o[key];
    if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) out.push(`${path}.${key} must be > 0 seconds (finite), got ${showValue(v)}`);
  };
  const cv = () => {
    const v = o['cv'];
    if (!(typeof v === 'number' && v > 0 && v <= 1e3)) out.push(`${path}.cv must be a number in (0, 1000] (sd / mean; a fixed value is kind deterministic), got ${showValue(v)}`);
  };
  switch (o['kind']) {
    case 'exponential': positive('mean'); break;
    case 'erlang': {
      positive('mean');
      const k = o['k'];
      if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 1e6)) out.push(`${path}.k must be an integer in [1, 1000000], got ${showValue(k)}`);
      break;
    }
    case 'gamma': case 'lognormal': positive('mean'); cv(); break;
    case 'weibull': {
      positive('mean');
      const k = o['shape'];
      if (!(typeof k === 'number' && k >= 0.05 && k <= 100)) out.push(`${path}.shape must be a number in [0.05, 100], got ${showValue(k)}`);
      break;
    }
    case 'deterministic': {
      const v = o['value'];
      if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v))) out.push(`${path}.value must be ≥ 0 seconds (finite), got ${showValue(v)}`);
      break;
    }
    case 'empirical': {
      const vs = o['values'];
      if (!Array.isArray(vs) || vs.length === 0) out.push(`${path}.values must be a non-empty array of durations in seconds, got ${showValue(vs)}`);
      else {
        const bad = vs.findIndex((v) => !(typeof v === 'number' && v >= 0 && Number.isFinite(v)));
        if (bad >= 0) out.push(`${path}.values[${bad}] must be ≥ 0 seconds (finite), got ${showValue(vs[bad])}`);
      }
      break;
    }
    case 'mixture': out.push(...mixtureProblems(o['components'], path)); break;
    default:
      out.push(`${path}.kind must be one of ${DISTRIBUTION_KINDS.join(', ')}, got ${showValue(o['kind'])}`);
  }
  return out;
}

/** The problems of a mixture's `components` (see {@link specProblems}). */
function mixtureProblems(components: unknown, path: string): string[] {
  if (!Array.isArray(components) || components.length === 0) {
    return [`${path}.components must be a non-empty array of distributions, each with a weight, got ${showValue(components)}`];
  }
  const out: string[] = [];
  let sum = 0;
  let weightsOk = true;
  components.forEach((c: unknown, i) => {
    const at = `${path}.components[${i}]`;
    if (typeof c !== 'object' || c === null) { out.push(`${at} must be a distribution object with a weight, got ${showValue(c)}`); weightsOk = false; return; }
    const { weight, ...spec } = c as Record<string, unknown>;
    if (!(typeof weight === 'number' && weight >= 0 && weight <= 1)) {
      out.push(`${at}.weight must be a probability in [0, 1], got ${showValue(weight)}`);
      weightsOk = false;
    } else sum += weight;
    if (spec['kind'] === 'mixture') out.push(`${at}.kind must not be mixture (list the components of both in one mixture), got "mixture"`);
    else out.push(...specProblems(spec, at));
  });
  if (weightsOk && !(Math.abs(sum - 1) <= MIXTURE_WEIGHT_TOLERANCE)) {
    const terms = components.map((c) => showValue((c as Record<string, unknown>)['weight'])).join(' + ');
    out.push(`${path}.components weights must sum to 1, got ${terms} = ${sum}`);
  }
  return out;
}

/**
 * Throws a RangeError listing every problem of `spec` (see {@link specProblems}); returns
 * the spec typed when it is valid.
 * @throws {RangeError} e.g. "handleTime.mean must be > 0 seconds (finite), got -3"
 */
export function checkSpec(spec: unknown, path = 'distribution'): DistributionSpec {
  const problems = specProblems(spec, path);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return spec as DistributionSpec;
}

/** A received value as it reads in a message: numbers as typed, arrays cut after 5 items, the rest as JSON. */
export function showValue(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return v.length > 5 ? `[${v.slice(0, 5).map(showValue).join(', ')}, …]` : `[${v.map(showValue).join(', ')}]`;
  return JSON.stringify(v) ?? String(v);
}
