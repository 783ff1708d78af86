/**
 * Calibration of a scenario: the parameters named in `calibration.parameters` (paths of
 * numbers in the file) are fitted to the targets of kind `exact` — first with the analytic
 * period-by-period model (bounded least squares on relative residuals), then confirmed by
 * simulation: only when a reported exact target lies outside the simulated 95% interval do
 * Gauss–Newton steps with the analytic Jacobian on the simulated residuals correct
 * the parameters (same seeds each time: common random numbers).
 *
 * It also says what the data cannot do: targets that no parameter moves (fixed by the
 * inputs), parameters that move no target or only in combination (not identifiable),
 * exact targets that cannot all hold, and, for each soft target, what forcing it would cost
 * the others (the best compromise when it is fitted too).
 */
import { gaussNewtonStep, identifiability, leastSquares } from '../../engine/calibrate/index.js';
import { analyticTargets, rangePoint, rangePointInputs, rangeScan, withParams, type RangePointInput, type RangeScan } from './calibrateRanges.js';
import type { Identifiability } from '../../engine/calibrate/index.js';
import { analyticModelName, analyticPlan } from '../plan/analytic.js';
import { buildPlan } from '../plan/build.js';
import { parsePath, resolvePath, formatPath } from '../format/paths.js';
import { getParameter } from '../format/parameters.js';
import type { Scenario, ScenarioTarget } from '../format/schema.js';
import { simulatePlan, type PlanSimulation } from '../plan/simulatePlan.js';
import { againstReported, targetName, targetReplications, targetSummary } from '../plan/targets.js';
import { analyticRunTallies, analyticTally, type ChannelKernel } from '../plan/analytic.js';
import { figuresOf, groupFiguresOf, type Figures, type GroupFigures } from '../../engine/stats/figures.js';

export interface CalibrateOptions {
  /** run the simulation stage (default true) */
  simulate?: boolean;
  seed?: string | number;
  replications?: number;
  /** simulation correction steps at most (default 3) */
  simIterations?: number;
  /** called after each simulated (replication, run) pair: simulations done so far and the most there can be (a progress bar) */
  onRun?: (done: number, total: number) => void;
  /**
   * refit over `calibration.ranges` (default true); 'inputs': return each combination's input
   * (`rangeInputs`) instead of refitting them, for the caller to refit elsewhere (worker threads)
   * and assemble with `rangeScan`
   */
  ranges?: boolean | 'inputs';
}

export interface ParameterFit {
  path: string;
  keys: (string | number)[];
  min: number;
  max: number;
  start: number;
  /** fitted with the analytic model */
  analytic: number;
  /** after the simulation correction (equals analytic without simulation) */
  final: number;
  source?: string;
}

export interface TargetFit {
  figure: ScenarioTarget['figure'];
  /** the target's channel; absent: all channels together */
  channel?: string;
  /** `figure[channel]` or `figure` */
  name: string;
  kind: 'exact' | 'soft';
  reported: number;
  source: string;
  /** analytic value at the analytic fit */
  analytic: number;
  /** (analytic − reported) / reported */
  analyticResidual: number;
  /** whether any calibrated parameter moves this target (else it is fixed by the inputs) */
  moved: boolean;
  /** the kernels give no value for it (deferred work, agents shared across chat and calls): not fitted by the kernels, checked by simulation only */
  noKernel?: boolean;
  simulated?: { mean: number; ci95: number; residual: number; withinCi: boolean };
}

export interface SoftCheck {
  figure: string;
  /** `figure[channel]` or `figure` */
  name: string;
  reported: number;
  /** the best compromise when the soft target is fitted along with the exact ones (targets the kernels give a value for) */
  compromise: { figure: string; name: string; value: number; residual: number }[];
  parameters: { path: string; value: number }[];
}

export interface CalibrationResult {
  parameters: ParameterFit[];
  targets: TargetFit[];
  identifiability: Identifiability;
  /** plain-language findings: conflicts, non-identifiable parameters, inputs that fix a target */
  findings: string[];
  softChecks: SoftCheck[];
  /** plain-language notes on soft targets (e.g. what the reported self-service share would need) */
  softNotes: string[];
  /** the scenario with the final parameter values */
  scenario: Scenario;
  /** the kernel of the analytic fit, e.g. "M/M/N+G (lognormal, mean 120 s, CV 2.5)" (at the fitted values) */
  analyticModel: string;
  /** the figures over the assumptions of `calibration.ranges`, each combination refitted (analytic) */
  ranges?: RangeScan;
  /** with `ranges: 'inputs'`: the combinations to refit (`rangePoint` each, then `rangeScan`) */
  rangeInputs?: RangePointInput[];
  /** each channel and group at the final values: kernels, and the simulation when it ran */
  final: {
    channels: string[];
    kernels: ChannelKernel[];
    analyticByChannel: Figures[];
    analyticByGroup: GroupFigures[];
    simulatedByChannel?: { figures: Figures; ci95: Figures }[];
    simulatedByGroup?: { figures: GroupFigures; ci95: GroupFigures }[];
  };
  analyticEvaluations: number;
  simulation?: { replications: number; seed: string | number; iterations: number; seconds: number };
}


/**
 * Calibrates a validated scenario.
 * @throws {RangeError} no calibration parameters or no exact targets in the scenario
 */
export function calibrateScenario(s: Scenario, options: CalibrateOptions = {}): CalibrationResult {
  const params = s.calibration?.parameters ?? [];
  if (params.length === 0) throw new RangeError('calibration.parameters is empty: name the parameters to fit (paths of numbers in the file)');
  const targets = s.targets ?? [];
  const exact = targets.filter((t) => t.kind === 'exact');
  if (exact.length === 0) throw new RangeError('targets has no exact target: mark the figures to fit with kind: exact');
  const keys = params.map((p) => {
    const r = resolvePath(s, parsePath(p.path));
    if ('error' in r) throw new RangeError(`calibration path ${p.path}: ${r.error}`);
    return r.keys;
  });
  const start = keys.map((k) => getParameter(s, k));
  const min = params.map((p) => p.min);
  const max = params.map((p) => p.max);

  // A target the kernels give no value for is 0 here with weight 0 (checked by simulation only).
  const evaluate = (theta: readonly number[]): number[] => analyticTargets(withParams(s, keys, theta), targets).map((v) => (Number.isNaN(v) ? 0 : v));
  const startValues = analyticTargets(s, targets);
  const noKernel = startValues.map((v) => Number.isNaN(v));
  const weights = targets.map((t, j) => (t.kind === 'exact' && !noKernel[j] ? 1 : 0));
  const fit = leastSquares({ evaluate, targets: targets.map((t) => t.value), weights, min, max, start });
  let evaluations = fit.evaluations;

  // Identifiability from the exact targets that some parameter moves.
  const spans = params.map((p) => p.max - p.min);
  const scaled = fit.jacobian.map((row, j) => row.map((x, k) => (x * spans[k]!) / (Math.abs(targets[j]!.value) || 1)));
  const moved = scaled.map((row, j) => !noKernel[j] && row.some((x) => Math.abs(x) > 1e-6));
  const exactRows = scaled.filter((_, j) => targets[j]!.kind === 'exact' && moved[j]);
  const ident = identifiability(exactRows);

  const findings: string[] = [];
  targets.forEach((t, j) => {
    if (noKernel[j]) {
      findings.push(`${targetName(t)}: the kernels give no value for it (${t.channel !== undefined ? `channel ${t.channel}` : 'a channel'} without an exact or approximate kernel), so it is not fitted by the kernels${t.kind === 'exact' ? ' and the simulation only checks it' : ''}.`);
    } else if (t.kind === 'exact' && !moved[j]) {
      findings.push(`${targetName(t)} is fixed by the inputs (no calibrated parameter moves it); residual ${pct(fit.residuals[j]!)}.`);
    }
  });
  ident.inert.forEach((k) => findings.push(`${params[k]!.path} is not identifiable from the exact targets: it moves none of them; it keeps ${fmt(fit.theta[k]!)}.`));
  ident.confounded.forEach((g) => findings.push(`${g.map((k) => params[k]!.path).join(' and ')} are not separately identifiable: the exact targets pin down only a combination of them; the fit depends on the starting values.`));
  if (ident.excess < 0) findings.push(`${params.length} parameters but only ${exactRows.length} exact target(s) that they move: under-determined, the fit is one of many.`);
  if (fit.atBound.length > 0) fit.atBound.forEach((k) => findings.push(`${params[k]!.path} ended at a bound (${fmt(fit.theta[k]!)}): widen [${params[k]!.min}, ${params[k]!.max}] or the targets conflict.`));
  const conflicting = targets.filter((t, j) => t.kind === 'exact' && moved[j] && Math.abs(fit.residuals[j]!) > 1e-4);
  if (conflicting.length > 0) findings.push(`the exact targets cannot all hold at once: ${conflicting.map((t) => targetName(t)).join(', ')} keep residuals above 0.01% at the best fit.`);
  else findings.push('every exact target that the parameters move is met by the analytic fit (|residual| < 0.01%).');
  findings.push(...unidentified(s));

  // What forcing each soft target would cost.
  const softChecks: SoftCheck[] = targets
    .map((t, j) => ({ t, j }))
    .filter(({ t, j }) => t.kind === 'soft' && !noKernel[j])
    .map(({ t, j }) => {
      const w = weights.map((x, i) => (i === j ? 1 : x));
      const forced = leastSquares({ evaluate, targets: targets.map((x) => x.value), weights: w, min, max, start: fit.theta });
      evaluations += forced.evaluations;
      return {
        figure: t.figure,
        name: targetName(t),
        reported: t.value,
        compromise: targets.flatMap((x, i) => (noKernel[i] ? [] : [{ figure: x.figure, name: targetName(x), value: forced.values[i]!, residual: forced.residuals[i]! }])),
        parameters: params.map((p, k) => ({ path: p.path, value: forced.theta[k]! })),
      };
    });

  const fits: TargetFit[] = targets.map((t, j) => ({
    figure: t.figure,
    ...(t.channel !== undefined ? { channel: t.channel } : {}),
    name: targetName(t),
    kind: t.kind,
    reported: t.value,
    source: t.source,
    analytic: noKernel[j] ? NaN : fit.values[j]!,
    analyticResidual: noKernel[j] ? NaN : fit.residuals[j]!,
    moved: moved[j]!,
    ...(noKernel[j] ? { noKernel: true } : {}),
  }));

  let theta = fit.theta;
  let simulation: CalibrationResult['simulation'];
  let lastSim: PlanSimulation | undefined;
  if (options.simulate !== false) {
    const seed = options.seed ?? s.simulation?.seed ?? 1;
    const replications = options.replications ?? s.simulation?.replications ?? 8;
    const maxIt = options.simIterations ?? 3;
    const started = performance.now();
    let it = 0;
    let simulated = 0;
    const run = (th: readonly number[]) => {
      const plan = buildPlan(withParams(s, keys, th));
      const most = (maxIt + 1) * replications * plan.runs.length;
      const before = simulated;
      lastSim = simulatePlan(plan, {
        seed, replications, warmupSeconds: s.simulation?.warmupSeconds ?? 0,
        ...(options.onRun ? { onRun: (done: number) => options.onRun!((simulated = before + done), most) } : {}),
      });
      const sim = lastSim;
      return targets.map((t) => targetSummary(t.figure, targetReplications(s, t, sim), plan.staff));
    };
    let sums = run(theta);
    for (; it < maxIt; it++) {
      // Correct only when the simulation contradicts the fit: a reported value outside the simulated 95% interval.
      const miss = targets.some((t, j) => t.kind === 'exact' && moved[j] && !againstReported(sums[j]!, t.value).withinCi);
      if (!miss) break;
      const resid = targets.map((t, j) => (t.kind === 'exact' && moved[j] ? sums[j]!.mean - t.value : 0));
      const next = gaussNewtonStep(theta, fit.jacobian, resid, min, max, weights, targets.map((t) => Math.abs(t.value) || 1));
      theta = next;
      sums = run(theta);
    }
    fits.forEach((f, j) => {
      const sm = sums[j]!;
      f.simulated = { mean: sm.mean, ci95: sm.ci95, ...againstReported(sm, f.reported) };
    });
    simulation = { replications, seed, iterations: it, seconds: (performance.now() - started) / 1000 };
  }

  const softNotes = selfServiceNotes(withParams(s, keys, theta), targets);
  const finalPlan = analyticPlan(buildPlan(withParams(s, keys, theta)), undefined, false);
  const final: CalibrationResult['final'] = {
    channels: s.channels.map((c) => c.name),
    kernels: finalPlan.kernels,
    analyticByChannel: finalPlan.slices.byChannel.map(figuresOf),
    analyticByGroup: finalPlan.slices.byGroup.map(groupFiguresOf),
    ...(lastSim ? { simulatedByChannel: lastSim.byChannel.map((c) => ({ figures: c.figures, ci95: c.ci95 })), simulatedByGroup: lastSim.byGroup } : {}),
  };

  return {
    parameters: params.map((p, k) => {
      const out: ParameterFit = { path: formatPath(keys[k]!, s), keys: keys[k]!, min: p.min, max: p.max, start: start[k]!, analytic: fit.theta[k]!, final: theta[k]! };
      if (p.source !== undefined) out.source = p.source;
      return out;
    }),
    targets: fits,
    identifiability: ident,
    findings,
    softChecks,
    softNotes,
    scenario: withParams(s, keys, theta),
    analyticModel: analyticModelName(buildPlan(withParams(s, keys, theta))),
    ...(s.calibration?.ranges && options.ranges !== false ? scanRanges(s, rangePointInputs(s, keys, min, max, targets, weights, fit.theta), options.ranges === 'inputs') : {}),
    final,
    analyticEvaluations: evaluations,
    ...(simulation ? { simulation } : {}),
  };
}

/** The ranges refitted here, or (`inputsOnly`) their inputs for the caller to refit. */
function scanRanges(s: Scenario, inputs: RangePointInput[], inputsOnly: boolean): Pick<CalibrationResult, 'ranges' | 'rangeInputs'> {
  return inputsOnly ? { rangeInputs: inputs } : { ranges: rangeScan(s, inputs.map(rangePoint)) };
}

/**
 * What the targets leave unidentified: the channels no target names and no calibration
 * parameter sets, and the groups no calibration parameter sets. Their values are the file's
 * assumptions, whatever the fit.
 */
function unidentified(s: Scenario): string[] {
  const paths = (s.calibration?.parameters ?? []).map((p) => p.path);
  const named = (kind: 'channels' | 'groups', name: string) => paths.some((p) => p.replace(/\s/g, '').startsWith(`${kind}[${name}]`));
  const out: string[] = [];
  const channels = s.channels.filter((c) => !named('channels', c.name) && !(s.targets ?? []).some((t) => t.channel === c.name)).map((c) => c.name);
  if (channels.length > 0 && channels.length < s.channels.length) {
    out.push(`no target names channel${channels.length > 1 ? 's' : ''} ${channels.join(', ')} and no parameter sets ${channels.length > 1 ? 'them' : 'it'}: the report identifies none of ${channels.length > 1 ? 'their' : 'its'} parameters (volume, handle time, patience, concurrency, slowdown, deadline, self-service); they are assumptions (assumptions:), a total over all channels (e.g. served) at most checks their sum.`);
  }
  const groups = s.groups.filter((g) => !named('groups', g.name)).map((g) => g.name);
  if (groups.length > 0 && groups.length < s.groups.length) {
    out.push(`no parameter sets group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}: ${groups.length > 1 ? 'their' : 'its'} staff share, shrinkage and schedule are assumptions.`);
  }
  return out;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(3)}%`;
const fmt = (x: number) => (Math.abs(x) >= 1e5 ? x.toExponential(5) : String(Number(x.toPrecision(6))));

/**
 * For a soft `selfServiceShare` target: what the model's definition (IVR / (IVR + offered), docs/figures.md)
 * gives, the share against answered calls, what the reported share would need, and the
 * unweighted mean of per-centre shares (the likely reading of a reported industry share).
 */
export function selfServiceNotes(s: Scenario, targets: readonly ScenarioTarget[] = s.targets ?? []): string[] {
  const t = targets.find((x) => x.figure === 'selfServiceShare' && x.kind === 'soft');
  if (!t) return [];
  const plan = buildPlan(s);
  const c = t.channel === undefined ? -1 : s.channels.findIndex((x) => x.name === t.channel);
  const sliceOf = (r: ReturnType<typeof analyticRunTallies>) => (c < 0 ? r.total : r.byChannel[c]!);
  const a = analyticPlan(plan, undefined, false);
  const f = c < 0 ? a.figures : figuresOf(a.slices.byChannel[c]!);
  const p = t.value;
  const ivr = f.selfServiceCompleted;
  const needOffered = (ivr * (1 - p)) / p;
  const needIvr = (p / (1 - p)) * f.offered;
  // Mean over centres of each centre's own share (one value per centre, all days pooled).
  let sum = 0;
  let centres = 0;
  for (const cls of s.centreClasses) {
    const mine = plan.runs.filter((r) => r.centreClass === cls.name);
    let ss = 0;
    let off = 0;
    for (const r of mine) {
      const tl = sliceOf(analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, intervals: false }));
      ss += tl.selfServiceCompleted * r.days;
      off += tl.offered * r.days;
    }
    sum += cls.centres * figuresOf({ ...analyticTally(mine[0]!.model, mine[0]!.onDutyExact), selfServiceCompleted: ss, offered: off }).selfServiceShare;
    centres += cls.centres;
  }
  const pc = (x: number) => `${(x * 100).toFixed(1)}%`;
  const bn = (x: number) => `${(x / 1e9).toFixed(3)} bn`;
  return [
    `self-service share on the model's definition (selfServiceShare), IVR / (IVR + offered) = ${bn(ivr)} / (${bn(ivr)} + ${bn(f.offered)}) = ${pc(f.selfServiceShare)}; ` +
      `against answered calls (selfServiceShareAnswered), IVR / (IVR + answered) = ${pc(f.selfServiceShareAnswered)}; reported ${pc(p)} (residual ${((f.selfServiceShare - p) * 100).toFixed(1)} points).`,
    `${pc(p)} on the model's definition would need offered agent calls of ${bn(needOffered)} (fewer than the ${bn(f.answered)} answered in the model: impossible) ` +
      `or ${bn(needIvr)} IVR calls (${(((needIvr - ivr) / ivr) * 100).toFixed(1)}% more than reported): it cannot hold with the reported volumes, so it is a soft target.`,
    `mean of per-centre shares in this scenario = ${pc(sum / centres)} (every class has the same IVR share, so it equals the pooled share); ` +
      `a ${pc(p)} mean of per-centre ratios beside a ${pc(f.selfServiceShare)} pooled share would mean the many small centres self-serve more than the large ones — plausible, not modelled.`,
  ];
}
