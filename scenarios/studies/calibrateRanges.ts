/**
 * What `calibration.ranges` leave open: every combination of the ranges' values (set at their
 * paths) refitted with the analytic model from the main fit's parameters, and the figures
 * planners ask about at each (service level, ASA, P(abandon | wait), mean patience). Each
 * combination is one `RangePointInput` of plain data, so the combinations can be refitted in
 * any order, on any thread (calibrateParallel.ts): `rangePoint` is a pure function of its input,
 * and `rangeScan` assembles the points in combination order, whoever computed them.
 */
import { leastSquares } from '../../engine/calibrate/index.js';
import { meanOf } from '../../engine/rng/moments.js';
import { figuresOf } from '../../engine/stats/figures.js';
import { crossCheck } from '../format/check.js';
import { setParameter } from '../format/parameters.js';
import { parsePath, resolvePath } from '../format/paths.js';
import { scenarioSchema, type Scenario, type ScenarioTarget } from '../format/schema.js';
import { analyticAbandonGivenWait, analyticPlan } from '../plan/analytic.js';
import { buildPlan } from '../plan/build.js';
import { targetFigures, targetValue } from '../plan/targets.js';

/** One combination of the ranges' values, refitted. */
export interface RangePoint {
  /** the value given to each range (in order) */
  values: unknown[];
  /** every exact target that the parameters move met by the fit (|residual| < 0.01%) */
  fits: boolean;
  /** the largest |relative residual| of those targets */
  worstResidual: number;
  parameters: number[];
  /** service level at the first channel's threshold, ASA (s), answer rate, P(abandon | wait), mean patience (s; first channel with one) */
  serviceLevel: number;
  asa: number;
  answerRate: number;
  pAbandonGivenWait: number;
  meanPatience: number;
}

/** The ranges scanned and what the fitted combinations give. */
export interface RangeScan {
  ranges: { paths: string[]; values: unknown[]; source?: string }[];
  points: RangePoint[];
  /** min and max over the combinations that fit, per figure (undefined when none fits) */
  spread?: Record<'serviceLevel' | 'asa' | 'pAbandonGivenWait' | 'meanPatience', { min: number; max: number }>;
  targetSeconds: number;
}

/** Everything one combination's refit needs (plain data: a worker thread can take it). */
export interface RangePointInput {
  /** the scenario before the combination's values are set (validated) */
  scenario: Scenario;
  /** the combination: one value per range, and each range's resolved paths */
  values: unknown[];
  rangeKeys: (string | number)[][][];
  /** the calibration parameters (resolved paths), their bounds and where the refit starts (the main fit) */
  keys: (string | number)[][];
  min: number[];
  max: number[];
  start: number[];
  targets: ScenarioTarget[];
  /** the least-squares weight of each target (1 for exact targets the kernels give, else 0) */
  weights: number[];
  /** the channel whose figures are reported: the first with patience */
  channel: number;
}

/** Combinations of the ranges' values at most (the product of their counts). */
const MAX_RANGE_POINTS = 256;

/** The scenario with the calibration parameters at `theta` (a copy). */
export function withParams(s: Scenario, keys: (string | number)[][], theta: readonly number[]): Scenario {
  const c = structuredClone(s);
  keys.forEach((k, i) => setParameter(c, k, theta[i]));
  return c;
}

/** The kernels' value of each target (NaN where they give none), per channel where the target names one. */
export function analyticTargets(s: Scenario, targets: readonly ScenarioTarget[]): number[] {
  const plan = buildPlan(s);
  const a = analyticPlan(plan, undefined, false);
  const byChannel = a.slices.byChannel.map(figuresOf);
  return targets.map((t) => targetValue(t.figure, targetFigures(s, t, a.figures, byChannel), plan.staff));
}

/**
 * One input per combination of `s.calibration.ranges`, the first range's values varying fastest.
 * @throws {RangeError} a path that names nothing, or more than 256 combinations
 */
export function rangePointInputs(
  s: Scenario, keys: (string | number)[][], min: number[], max: number[], targets: ScenarioTarget[], weights: readonly number[], start: number[],
): RangePointInput[] {
  const ranges = s.calibration?.ranges ?? [];
  const total = ranges.reduce((a, r) => a * r.values.length, 1);
  if (total > MAX_RANGE_POINTS) throw new RangeError(`calibration.ranges has ${total} combinations; at most ${MAX_RANGE_POINTS}: fewer values or fewer ranges`);
  const rangeKeys = ranges.map((r) => r.paths.map((p) => {
    const k = resolvePath(s, parsePath(p));
    if ('error' in k) throw new RangeError(`calibration.ranges path ${p}: ${k.error}`);
    return k.keys;
  }));
  // the figures of the first channel with patience (the one the ranges' assumptions shape)
  const channel = Math.max(0, s.channels.findIndex((ch) => ch.patienceSeconds));
  const inputs: RangePointInput[] = [];
  for (let n = 0; n < total; n++) {
    const values: unknown[] = [];
    let rest = n;
    for (const r of ranges) {
      values.push(r.values[rest % r.values.length]);
      rest = Math.floor(rest / r.values.length);
    }
    inputs.push({ scenario: s, values, rangeKeys, keys, min, max, start, targets, weights: [...weights], channel });
  }
  return inputs;
}

/**
 * One combination refitted (bounded least squares from the main fit) and its figures.
 * @throws {RangeError} the combination makes the scenario invalid (names the values and the problem)
 */
export function rangePoint(input: RangePointInput): RangePoint {
  const { keys, min, max, start, targets, weights, values, channel: c } = input;
  const base = structuredClone(input.scenario);
  input.rangeKeys.forEach((ks, i) => ks.forEach((k) => setParameter(base, k, structuredClone(values[i]))));
  const parsed = scenarioSchema.safeParse(base);
  const problems = parsed.success ? crossCheck(parsed.data) : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (problems.length > 0) throw new RangeError(`calibration.ranges value ${JSON.stringify(values)}: ${problems[0]!.path} ${problems[0]!.message}`);
  const evaluate = (theta: readonly number[]): number[] => analyticTargets(withParams(base, keys, theta), targets).map((v) => (Number.isNaN(v) ? 0 : v));
  const fit = leastSquares({ evaluate, targets: targets.map((t) => t.value), weights, min, max, start });
  const fitted = withParams(base, keys, fit.theta);
  const plan = buildPlan(fitted);
  const f = figuresOf(analyticPlan(plan, undefined, false).slices.byChannel[c]!);
  const worst = Math.max(...targets.map((t, j) => (weights[j] ? Math.abs(fit.residuals[j]!) : 0)));
  const patient = fitted.channels[c]?.patienceSeconds ? fitted.channels[c] : undefined;
  return {
    values, fits: worst < 1e-4, worstResidual: worst, parameters: fit.theta,
    serviceLevel: f.serviceLevel, asa: f.asa, answerRate: f.answerRate,
    pAbandonGivenWait: analyticAbandonGivenWait(plan, c),
    meanPatience: patient ? meanOf(patient.patienceSeconds!) : Number.NaN,
  };
}

/** The scan from its points (in the order of `rangePointInputs`) and the spread over those that fit. */
export function rangeScan(s: Scenario, points: RangePoint[]): RangeScan {
  const ranges = s.calibration?.ranges ?? [];
  const c = Math.max(0, s.channels.findIndex((ch) => ch.patienceSeconds));
  const ok = points.filter((p) => p.fits);
  const span = (k: 'serviceLevel' | 'asa' | 'pAbandonGivenWait' | 'meanPatience') => ({ min: Math.min(...ok.map((p) => p[k])), max: Math.max(...ok.map((p) => p[k])) });
  return {
    ranges: ranges.map((r) => ({ paths: r.paths, values: r.values, ...(r.source ? { source: r.source } : {}) })),
    points,
    ...(ok.length > 0 ? { spread: { serviceLevel: span('serviceLevel'), asa: span('asa'), pAbandonGivenWait: span('pAbandonGivenWait'), meanPatience: span('meanPatience') } } : {}),
    targetSeconds: s.channels[c]?.targetSeconds ?? 20,
  };
}

