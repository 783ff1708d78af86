/**
 * Distributions from flags and JSON fields: `--patience 120 --patience-dist lognormal --patience-cv 2.5`
 * (a kind, a mean and a CV), or any distribution spelled out, `--patience-spec '{kind: mixture, …}'`
 * (YAML or JSON; empirical and mixture need it). Used by `erlang`, `simulate` and `erlang --batch`.
 */
import type { Argv } from 'yargs';
import { parse as parseYaml } from 'yaml';
import { lnGamma, meanOf, specProblems, type DistributionSpec } from '../../engine/rng/index.js';
import { InputError, UsageError } from '../errors.js';
import type { Range } from './fields.js';
import { given, numberFlag, numericOption, stringFlag } from './flags.js';
import { RANGES } from './fields.js';

/** Kinds given by a mean and a CV (`--…-dist`); empirical and mixture are spelled out whole. */
export const MEAN_CV_DISTRIBUTIONS = ['exponential', 'deterministic', 'lognormal', 'gamma', 'erlang', 'weibull'] as const;
export type MeanCvDistribution = (typeof MEAN_CV_DISTRIBUTIONS)[number];

/** A coefficient of variation: sd / mean, > 0. */
export const RANGE_CV: Range = { min: 0, minOpen: true, max: 100, hint: 'sd / mean; 1 is exponential-like; a fixed value is --…-dist deterministic' };

/**
 * A distribution of mean `mean` and coefficient of variation `cv`, of the kind named by `label`
 * (e.g. '--patience-dist' or 'patienceDist', for messages).
 * @throws {UsageError} exponential with a CV other than 1; {InputError} a CV the kind cannot take
 */
export function specFor(label: string, kind: MeanCvDistribution, mean: number, cv: number): DistributionSpec {
  switch (kind) {
    case 'exponential':
      if (cv !== 1) throw new UsageError(`${label} exponential has CV 1; drop the CV or pick lognormal/gamma/erlang/weibull`);
      return { kind: 'exponential', mean };
    case 'deterministic': return { kind: 'deterministic', value: mean };
    case 'lognormal': return { kind: 'lognormal', mean, cv };
    case 'gamma': return { kind: 'gamma', mean, cv };
    case 'erlang': {
      if (!(cv > 0 && cv <= 1)) throw new InputError(`${label} erlang needs a CV in (0, 1] (k = 1/CV², rounded), got ${cv}`);
      return { kind: 'erlang', mean, k: Math.max(1, Math.round(1 / (cv * cv))) };
    }
    case 'weibull': {
      if (!(cv > 0.02 && cv < 20)) throw new InputError(`${label} weibull needs a CV in (0.02, 20), got ${cv}`);
      return { kind: 'weibull', mean, shape: weibullShapeForCv(cv) };
    }
  }
}

/** Weibull shape k whose CV matches: CV² = Γ(1+2/k)/Γ(1+1/k)² − 1, by bisection on ln k in [ln 0.05, ln 100]. */
export function weibullShapeForCv(cv: number): number {
  const cvOf = (k: number): number => Math.sqrt(Math.exp(lnGamma(1 + 2 / k) - 2 * lnGamma(1 + 1 / k)) - 1);
  let lo = Math.log(0.05), hi = Math.log(100);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (cvOf(Math.exp(mid)) > cv) lo = mid; else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** A `--…-dist` value checked against the kinds. */
export function distributionKind(label: string, v: unknown): MeanCvDistribution {
  if (typeof v !== 'string' || !(MEAN_CV_DISTRIBUTIONS as readonly string[]).includes(v)) {
    throw new InputError(`${label} must be one of ${MEAN_CV_DISTRIBUTIONS.join(', ')} (or give the whole distribution as a spec), got ${JSON.stringify(v)}`);
  }
  return v as MeanCvDistribution;
}

/**
 * A whole distribution given as YAML or JSON text (`{kind: lognormal, mean: 120, cv: 2.5}`) or as
 * an object (a JSON line's field), checked; `label` names it in messages.
 * @throws {InputError} unreadable text or an invalid distribution (every problem, named)
 */
export function parseSpec(label: string, value: unknown): DistributionSpec {
  let spec = value;
  if (typeof value === 'string') {
    try {
      spec = parseYaml(value);
    } catch (err) {
      throw new InputError(`${label} is not a readable distribution (YAML or JSON, e.g. '{kind: lognormal, mean: 120, cv: 2.5}'): ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const problems = specProblems(spec, label);
  if (problems.length > 0) throw new InputError(problems.join('; '));
  return spec as DistributionSpec;
}

/** Adds `--patience`, `--patience-dist`, `--patience-cv` and `--patience-spec`. */
export function patienceOptions<T>(y: Argv<T>, meanText: string): Argv<T> {
  return y
    .option('patience', numericOption(meanText))
    .option('patience-dist', { type: 'string', requiresArg: true, describe: `patience distribution: ${MEAN_CV_DISTRIBUTIONS.join('|')} (default exponential; lognormal when --patience-cv ≠ 1)` })
    .option('patience-cv', numericOption('patience coefficient of variation, sd / mean > 0 (default 1)'))
    .option('patience-spec', { type: 'string', requiresArg: true, describe: "the whole patience distribution, YAML or JSON, e.g. '{kind: mixture, components: [{weight: 0.2, kind: exponential, mean: 5}, {weight: 0.8, kind: lognormal, mean: 150, cv: 1}]}'" });
}

/** Patience from the flags: the distribution and its mean (seconds); undefined when none is given. */
export interface PatienceFlags {
  spec: DistributionSpec;
  meanSeconds: number;
}

/**
 * The patience the flags give: `--patience-spec`, or `--patience` with `--patience-dist`/`--patience-cv`.
 * @throws {UsageError} contradictory flags; {InputError} a value out of range or an invalid spec
 */
export function readPatience(argv: Record<string, unknown>): PatienceFlags | undefined {
  const specText = stringFlag(argv, 'patience-spec');
  const mean = numberFlag(argv, 'patience', RANGES.positiveSeconds);
  const distText = stringFlag(argv, 'patience-dist');
  const cv = numberFlag(argv, 'patience-cv', RANGE_CV);
  if (specText !== undefined) {
    const extra = ['patience', 'patience-dist', 'patience-cv'].filter((f) => given(argv, f));
    if (extra.length) throw new UsageError(`--patience-spec gives the whole distribution; drop ${extra.map((f) => `--${f}`).join(', ')}`);
    const spec = parseSpec('--patience-spec', specText);
    return { spec, meanSeconds: meanOf(spec) };
  }
  if (mean === undefined) {
    if (distText !== undefined || cv !== undefined) throw new UsageError('--patience-dist and --patience-cv need --patience (mean patience, seconds)');
    return undefined;
  }
  const kind = distText === undefined ? (cv === undefined || cv === 1 ? 'exponential' : 'lognormal') : distributionKind('--patience-dist', distText);
  return { spec: specFor('--patience-dist', kind, mean, cv ?? 1), meanSeconds: mean };
}
