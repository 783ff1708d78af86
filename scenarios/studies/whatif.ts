/**
 * What-if evaluation: a baseline and a variant scenario, each evaluated with the kernels
 * (period by period) and by simulation (replications with 95% intervals; the same seeds for
 * both, so the difference has a paired interval), and optionally the staff the variant needs
 * to hold a figure (`answerRate ≥ 0.9122`, `sl20 ≥ 0.8`, `asa ≤ 30`): a bisection on the head
 * count with the kernels, then confirmed by simulation at the answer. Pure: plain data in,
 * plain data out.
 */
import { bisect } from '../../engine/calibrate/index.js';
import type { Figures } from '../../engine/stats/figures.js';
import { summarize } from '../../engine/stats/summarize.js';
import { analyticCaveats, analyticModelName, analyticPlan, definedFigures } from '../plan/analytic.js';
import { buildPlan, totalStaff } from '../plan/build.js';
import type { Plan } from '../plan/build.js';
import { applyLevers, pinSolvedShares, type Lever } from '../plan/levers.js';
import type { Scenario } from '../format/schema.js';
import type { Tally } from '../../engine/stats/figures.js';
import { simulatePlan, type PlanSimulation, type SimulationOptions } from '../plan/simulatePlan.js';
import { prefetchSimulations } from '../plan/simulatePlanParallel.js';

/** Figures a `--hold` may name, with the direction that is better. */
const HOLDABLE: Record<string, { key: keyof Figures; better: 'higher' | 'lower' }> = {
  answerRate: { key: 'answerRate', better: 'higher' },
  serviceLevel: { key: 'serviceLevel', better: 'higher' },
  slAnswered: { key: 'slAnswered', better: 'higher' },
  asa: { key: 'asa', better: 'lower' },
  meanWait: { key: 'meanWait', better: 'lower' },
  pAbandon: { key: 'pAbandon', better: 'lower' },
  occupancy: { key: 'occupancy', better: 'lower' },
};

/** Figure keys a `--hold` may name (besides `slT`, e.g. `sl20`, for serviceLevel). */
export const HOLD_FIGURES: readonly string[] = Object.keys(HOLDABLE);

/** A figure to hold: the variant's staff are searched until the figure reaches `value`. */
export interface Hold {
  key: keyof Figures;
  value: number;
  better: 'higher' | 'lower';
  text: string;
}

/**
 * Parses `answerRate=0.9122`, `sl20=0.8` (service level with a 20-s threshold), `asa=30`.
 * @throws {RangeError} an unknown figure, a bad number, or `slT` whose T differs from the scenario's threshold
 */
export function parseHold(text: string, s?: Scenario): Hold {
  const m = /^\s*([A-Za-z]+)(\d*)\s*=\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(%?)\s*$/.exec(text);
  if (!m) throw new RangeError(`--hold ${JSON.stringify(text)}: expected figure=value, e.g. answerRate=0.9122 or sl20=0.8`);
  let name = m[1]!;
  const t = m[2]!;
  let value = Number(m[3]) / (m[4] ? 100 : 1);
  if (name.toLowerCase() === 'sl') {
    if (t !== '' && s && s.channels.some((c) => c.targetSeconds !== Number(t))) {
      throw new RangeError(`--hold ${text}: the scenario's service-level threshold is ${s.channels.map((c) => c.targetSeconds).join('/')} s, not ${t} s; use --hold serviceLevel=… or --set channels[…].targetSeconds=${t}`);
    }
    name = 'serviceLevel';
  } else if (t !== '') {
    throw new RangeError(`--hold ${text}: unknown figure ${name}${t}`);
  }
  const h = HOLDABLE[name];
  if (!h) throw new RangeError(`--hold ${text}: unknown figure ${name}; use one of ${Object.keys(HOLDABLE).join(', ')}, or slT (e.g. sl20)`);
  if (!Number.isFinite(value)) throw new RangeError(`--hold ${text}: not a number`);
  if (h.key !== 'asa' && h.key !== 'meanWait' && !(value > 0 && value < 1)) throw new RangeError(`--hold ${text}: a fraction in (0, 1) is needed, got ${value}`);
  if ((h.key === 'asa' || h.key === 'meanWait') && !(value > 0)) throw new RangeError(`--hold ${text}: seconds > 0 needed, got ${value}`);
  value = Number(value);
  return { key: h.key, value, better: h.better, text };
}

/** Whether figures meet a hold. */
export function meets(f: Figures, h: Hold): boolean {
  const v = f[h.key];
  return h.better === 'higher' ? v >= h.value : v <= h.value;
}

/** One side of the comparison. */
export interface SideResult {
  staff: number;
  /** kernel figures; those undefined in overload are NaN when `overloadedIntervals` > 0 */
  analytic: Figures;
  /** intervals where callers never abandon and the load reaches the agents (the kernels have no steady state there) */
  overloadedIntervals: number;
  simulated?: {
    figures: Figures; ci95: Figures; perReplication: Figures[];
    /** with `WhatifOptions.intervals`: [replication][run][interval][channel] tallies of one centre on one day (PlanSimulation.intervals) */
    intervals?: Tally[][][][];
  };
}

export interface HoldResult {
  hold: Hold;
  /** whether some head count in the searched range meets the hold (kernels) */
  found: boolean;
  /** head count needed (kernels), whole people */
  staff: number;
  /** its ratio to the baseline's staff */
  factorOfBaseline: number;
  analytic: Figures;
  simulated?: { figures: Figures; ci95: Figures; meetsWithinCi: boolean };
  evaluations: number;
}

export interface WhatifResult {
  baseline: SideResult;
  variant: SideResult;
  /** variant − baseline, per replication (same seeds): mean and 95% half-width */
  difference?: { figures: Figures; ci95: Figures };
  hold?: HoldResult;
  /** scale factors of the runs (the same for baseline and variant) */
  scale: { centreClass: string; dayType: string; centres: number; days: number; scale: number; volumeFactor: number; weight: number }[];
  simulation?: { replications: number; seed: string | number; seconds: number };
  /** the kernels of the analytic columns (baseline; the variant's when it differs), and what they leave out */
  analyticModel: string;
  analyticCaveats: string[];
}

export interface WhatifOptions {
  simulate: boolean;
  replications: number;
  seed: string | number;
  warmupSeconds?: number;
  /** keep the runs' per-interval tallies of both sides (intraday charts) */
  intervals?: boolean;
  /** how plans are simulated (default `simulatePlan`); the CLI passes results computed on worker threads (issue 5) */
  simulatePlan?: (plan: Plan, options: SimulationOptions) => PlanSimulation;
}

function side(s: Scenario, o: WhatifOptions): { result: SideResult; plan: Plan } {
  const plan = buildPlan(s);
  const a = analyticPlan(plan);
  const result: SideResult = { staff: plan.staff, analytic: definedFigures(a), overloadedIntervals: a.overloadedIntervals };
  if (o.simulate) {
    const sim = (o.simulatePlan ?? simulatePlan)(plan, { seed: o.seed, replications: o.replications, warmupSeconds: o.warmupSeconds ?? 0, ...(o.intervals ? { intervals: true } : {}) });
    result.simulated = { figures: sim.figures, ci95: sim.ci95, perReplication: sim.perReplication, ...(o.intervals && sim.intervals ? { intervals: sim.intervals } : {}) };
  }
  return { result, plan };
}

/**
 * Staff needed for `variantWithoutStaff` (the variant's levers except staff) to meet `hold`,
 * by bisection on the head count with the kernels, to within one person.
 */
export function staffToHold(variantWithoutStaff: Scenario, hold: Hold): { found: boolean; staff: number; analytic: Figures; evaluations: number } {
  const current = totalStaff(variantWithoutStaff);
  const evalAt = (headcount: number) => analyticPlan(buildPlan(applyLevers(variantWithoutStaff, [{ lever: 'staff', mode: 'absolute', value: headcount, text: String(headcount) }]))).figures;
  const r = bisect((h) => meets(evalAt(h), hold), Math.max(1, 0.2 * current), 4 * current, 1);
  const staff = Math.ceil(r.x);
  return { found: r.found, staff, analytic: evalAt(staff), evaluations: r.evaluations + 1 };
}

/**
 * Baseline and variant, kernels and simulation, and the staff to hold a figure.
 * @param variantWithoutStaff the variant without its staff lever (for the hold search); default `variant`
 */
export function runWhatif(baseline: Scenario, variant: Scenario, o: WhatifOptions, hold?: Hold, variantWithoutStaff?: Scenario): WhatifResult {
  const started = performance.now();
  const b = side(baseline, o);
  const v = side(variant, o);
  const out: WhatifResult = {
    baseline: b.result,
    variant: v.result,
    scale: b.plan.runs.map((r) => ({ centreClass: r.centreClass, dayType: r.dayType, centres: r.centres, days: r.days, scale: r.scale, volumeFactor: r.volumeFactor, weight: r.weight })),
    analyticModel: [...new Set([analyticModelName(b.plan), analyticModelName(v.plan)])].join(' → '),
    analyticCaveats: analyticCaveats(v.plan),
  };
  if (b.result.simulated && v.result.simulated) out.difference = pairedDifference(b.result.simulated.perReplication, v.result.simulated.perReplication);
  if (hold) {
    const h = staffToHold(variantWithoutStaff ?? variant, hold);
    const hr: HoldResult = { hold, found: h.found, staff: h.staff, factorOfBaseline: h.staff / b.result.staff, analytic: h.analytic, evaluations: h.evaluations };
    if (o.simulate && h.found) {
      const at = applyLevers(variantWithoutStaff ?? variant, [{ lever: 'staff', mode: 'absolute', value: h.staff, text: String(h.staff) }]);
      const sim = (o.simulatePlan ?? simulatePlan)(buildPlan(at), { seed: o.seed, replications: o.replications, warmupSeconds: o.warmupSeconds ?? 0 });
      const val = sim.figures[hold.key];
      const ci = sim.ci95[hold.key];
      hr.simulated = { figures: sim.figures, ci95: sim.ci95, meetsWithinCi: hold.better === 'higher' ? val + ci >= hold.value : val - ci <= hold.value };
    }
    out.hold = hr;
  }
  if (o.simulate) out.simulation = { replications: o.replications, seed: o.seed, seconds: (performance.now() - started) / 1000 };
  return out;
}

/** Per-replication differences (variant − baseline) with their mean and 95% half-width. */
export function pairedDifference(base: readonly Figures[], variant: readonly Figures[]): { figures: Figures; ci95: Figures } {
  const figures = {} as Figures;
  const ci95 = {} as Figures;
  for (const key of Object.keys(base[0] ?? {}) as (keyof Figures)[]) {
    const s = summarize(base.map((f, i) => variant[i]![key] - f[key]));
    figures[key] = s.mean;
    ci95[key] = s.halfWidth95;
  }
  return { figures, ci95 };
}

/** The variant of a what-if and the same without its staff lever (for `--hold`), from the baseline (with its `--set`s and `--variant-set`s) and the levers. */
export interface WhatifVariants {
  variant: Scenario;
  /** the variant's levers except staff; a share solved on another definition stays as solved */
  variantWithoutStaff: Scenario;
}

/**
 * The variant scenarios of a what-if: the levers applied in order to `withVariantSets`.
 * @throws {RangeError} a lever the scenario cannot take (names the lever and the value)
 */
export function whatifVariants(withVariantSets: Scenario, levers: readonly Lever[]): WhatifVariants {
  const variant = applyLevers(withVariantSets, levers);
  const variantWithoutStaff = applyLevers(withVariantSets, pinSolvedShares(levers, variant).filter((l) => l.lever !== 'staff'));
  return { variant, variantWithoutStaff };
}

/** `runWhatif` with both sides' replications on worker threads first (the same numbers as `runWhatif` alone). */
export interface ParallelWhatifOptions extends WhatifOptions {
  workers: number;
  signal?: AbortSignal;
  /** (replication, run) pairs simulated so far and their total */
  onRun?: (done: number, total: number) => void;
}

/**
 * A what-if as `ccsim whatif` runs it (and `ccsim serve`): both sides simulated on worker
 * threads, then `runWhatif`; `simulation.seconds` is the wall time, the threads' part included.
 */
export async function runWhatifParallel(baseline: Scenario, v: WhatifVariants, o: ParallelWhatifOptions, hold?: Hold): Promise<WhatifResult> {
  const started = performance.now();
  const simOptions: SimulationOptions = { seed: o.seed, replications: o.replications, warmupSeconds: o.warmupSeconds ?? 0, ...(o.intervals ? { intervals: true } : {}) };
  const simulated = o.simulate ? await prefetchSimulations([buildPlan(baseline), buildPlan(v.variant)], simOptions, o.workers, o.signal, o.onRun) : undefined;
  const r = runWhatif(baseline, v.variant, { ...o, ...(simulated ? { simulatePlan: simulated } : {}) }, hold, v.variantWithoutStaff);
  if (r.simulation) r.simulation.seconds = (performance.now() - started) / 1000;
  return r;
}
