/**
 * What-if evaluation: a baseline and a variant scenario, each evaluated with the kernels
 * (period by period) and by simulation (replications with 95% intervals; the same seeds for
 * both, so the difference has a paired interval) — all channels together, per channel and per
 * agent group — and optionally the staff the variant needs to hold a figure
 * (`answerRate[voice] ≥ 0.9122`, `sl20 ≥ 0.8`, `asa ≤ 30`): a bisection on the head count with
 * the kernels where they are exact for the figure held (then confirmed by simulation at the
 * answer), else with the simulator itself (common random numbers: every evaluation draws the
 * same streams; bisection on whole staff). Pure apart from the worker threads of
 * `runWhatifParallel`: plain data in, plain data out.
 */
import { bisect } from '../../engine/calibrate/index.js';
import { figuresOf, groupFiguresOf, type Figures, type GroupFigures, type Tally } from '../../engine/stats/figures.js';
import { summarize } from '../../engine/stats/summarize.js';
import { analyticCaveats, analyticModelName, analyticPlan, definedFigures, kernelsOf, type ChannelKernel } from '../plan/analytic.js';
import { agentDirectedShare, buildPlan, periodVolume, totalStaff } from '../plan/build.js';
import type { Plan } from '../plan/build.js';
import { applyLevers, pinSolvedShares, type Lever } from '../plan/levers.js';
import type { Scenario } from '../format/schema.js';
import { simulatePlan, type PlanSimulation, type SimulationOptions, type SliceSummary } from '../plan/simulatePlan.js';
import { prefetchSimulations, simulatePlanParallel } from '../plan/simulatePlanParallel.js';

/** Figures a `--hold` may name, with the direction that is better. */
const HOLDABLE: Record<string, { key: keyof Figures; better: 'higher' | 'lower' }> = {
  answerRate: { key: 'answerRate', better: 'higher' },
  answerRatePerCustomer: { key: 'answerRatePerCustomer', better: 'higher' },
  serviceLevel: { key: 'serviceLevel', better: 'higher' },
  slAnswered: { key: 'slAnswered', better: 'higher' },
  asa: { key: 'asa', better: 'lower' },
  meanWait: { key: 'meanWait', better: 'lower' },
  pAbandon: { key: 'pAbandon', better: 'lower' },
  occupancy: { key: 'occupancy', better: 'lower' },
  handledWithinDeadline: { key: 'handledWithinDeadline', better: 'higher' },
  meanTimeToHandle: { key: 'meanTimeToHandle', better: 'lower' },
  p90TimeToHandle: { key: 'p90TimeToHandle', better: 'lower' },
};

/** Figure keys a `--hold` may name (besides `slT`, e.g. `sl20`, for serviceLevel), each optionally with `[CHANNEL]`. */
export const HOLD_FIGURES: readonly string[] = Object.keys(HOLDABLE);

/** Hold keys measured in seconds (the others are fractions). */
const SECONDS: readonly (keyof Figures)[] = ['asa', 'meanWait', 'meanTimeToHandle', 'p90TimeToHandle'];

/** Whether a figure key is in seconds (else a fraction). */
export function isSecondsFigure(key: keyof Figures): boolean {
  return SECONDS.includes(key);
}

/** A figure to hold: the variant's staff are searched until the figure reaches `value`. */
export interface Hold {
  key: keyof Figures;
  value: number;
  better: 'higher' | 'lower';
  text: string;
  /** the channel whose figure is held; absent: all channels together */
  channel?: string;
}

/**
 * Parses `answerRate[voice]=0.9122`, `answerRate=0.9122`, `sl20[voice]=0.8` (service level with a
 * 20-s threshold), `asa=30`. With the scenario, a channel must exist and `slT` must be its threshold.
 * @throws {RangeError} an unknown figure or channel, a bad number, or `slT` whose T differs from the channel's threshold
 */
export function parseHold(text: string, s?: Scenario): Hold {
  const m = /^\s*([A-Za-z]+)(\d*)(?:\[([^\]]+)\])?\s*=\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(%?)\s*$/.exec(text);
  if (!m) throw new RangeError(`--hold ${JSON.stringify(text)}: expected figure=value or figure[channel]=value, e.g. answerRate[voice]=0.9122 or sl20=0.8`);
  let name = m[1]!;
  const t = m[2]!;
  const channel = m[3]?.trim();
  let value = Number(m[4]) / (m[5] ? 100 : 1);
  if (channel !== undefined && s && !s.channels.some((c) => c.name === channel)) {
    throw new RangeError(`--hold ${text}: no channel ${channel} in the scenario (channels: ${s.channels.map((c) => c.name).join(', ')})`);
  }
  if (name.toLowerCase() === 'sl') {
    const held = s?.channels.filter((c) => channel === undefined || c.name === channel) ?? [];
    if (t !== '' && held.some((c) => c.targetSeconds !== Number(t))) {
      throw new RangeError(`--hold ${text}: the service-level threshold of ${channel ?? 'the scenario'} is ${held.map((c) => c.targetSeconds).join('/')} s, not ${t} s; use --hold serviceLevel${channel ? `[${channel}]` : ''}=… or --set channels[…].targetSeconds=${t}`);
    }
    name = 'serviceLevel';
  } else if (t !== '') {
    throw new RangeError(`--hold ${text}: unknown figure ${name}${t}`);
  }
  const h = HOLDABLE[name];
  if (!h) throw new RangeError(`--hold ${text}: unknown figure ${name}; use one of ${Object.keys(HOLDABLE).join(', ')}, or slT (e.g. sl20), each optionally with [CHANNEL]`);
  if (!Number.isFinite(value)) throw new RangeError(`--hold ${text}: not a number`);
  const seconds = isSecondsFigure(h.key);
  if (!seconds && !(value > 0 && value < 1)) throw new RangeError(`--hold ${text}: a fraction in (0, 1) is needed, got ${value}`);
  if (seconds && !(value > 0)) throw new RangeError(`--hold ${text}: seconds > 0 needed, got ${value}`);
  value = Number(value);
  return { key: h.key, value, better: h.better, text, ...(channel !== undefined ? { channel } : {}) };
}

/** A hold in words: `answerRate[voice] ≥ 91.22%`. */
export function holdLabel(h: Hold): string {
  const v = isSecondsFigure(h.key) ? `${h.value} s` : `${Number((h.value * 100).toFixed(4))}%`;
  return `${h.key}${h.channel !== undefined ? `[${h.channel}]` : ''} ${h.better === 'higher' ? '≥' : '≤'} ${v}`;
}

/** Whether figures meet a hold. */
export function meets(f: Figures, h: Hold): boolean {
  const v = f[h.key];
  return h.better === 'higher' ? v >= h.value : v <= h.value;
}

/** The figures a hold reads: the channel's, or all channels together. */
export function heldFigures(s: Pick<Scenario, 'channels'>, total: Figures, byChannel: readonly Figures[], h: Hold): Figures {
  if (h.channel === undefined) return total;
  return byChannel[s.channels.findIndex((c) => c.name === h.channel)]!;
}

/** A channel's demand over the period, from the scenario (exact: no sampling): arrivals before self-service, self-service completions, contacts sent to agents (returns included, redials not). */
export interface ChannelDemand {
  channel: string;
  arrivals: number;
  selfServiceCompleted: number;
  toAgents: number;
}

/** The demand of every channel of a scenario. */
export function demandOf(s: Scenario): ChannelDemand[] {
  return s.channels.map((c, i) => {
    const arrivals = periodVolume(s, i);
    return { channel: c.name, arrivals, selfServiceCompleted: arrivals * (c.selfService?.share ?? 0), toAgents: arrivals * agentDirectedShare(c) };
  });
}

/** One side of the comparison. */
export interface SideResult {
  staff: number;
  /** kernel figures; those undefined in overload are NaN when `overloadedIntervals` > 0 */
  analytic: Figures;
  /** intervals where callers never abandon and the load reaches the agents (the kernels have no steady state there) */
  overloadedIntervals: number;
  /** kernels per channel and per group (scenario order) */
  analyticByChannel: Figures[];
  analyticByGroup: GroupFigures[];
  simulated?: {
    figures: Figures; ci95: Figures; perReplication: Figures[];
    byChannel: SliceSummary[];
    byGroup: { figures: GroupFigures; ci95: GroupFigures }[];
    /** with `WhatifOptions.intervals`: [replication][run][interval][channel] tallies of one centre on one day (PlanSimulation.intervals) */
    intervals?: Tally[][][][];
  };
  demand: ChannelDemand[];
}

export interface HoldResult {
  hold: Hold;
  /** kernels: bisection on the kernels (exact for the figure held); simulation: bisection on the simulator */
  method: 'kernels' | 'simulation';
  /** whether some head count in the searched range meets the hold */
  found: boolean;
  /** head count needed, whole people */
  staff: number;
  /** its ratio to the baseline's staff */
  factorOfBaseline: number;
  /** the kernels' figures of the held slice at that staff (NaN where they have none) */
  analytic: Figures;
  /** the simulated figures of the held slice at that staff */
  simulated?: { figures: Figures; ci95: Figures; meetsWithinCi: boolean };
  /** evaluations of the searched model (kernel plans or simulated plans) */
  evaluations: number;
}

export interface WhatifResult {
  baseline: SideResult;
  variant: SideResult;
  /** variant − baseline, per replication (same seeds): mean and 95% half-width, all channels together */
  difference?: { figures: Figures; ci95: Figures };
  /** the same per channel */
  differenceByChannel?: { figures: Figures; ci95: Figures }[];
  hold?: HoldResult;
  /**
   * The channels (the variant's kinds and parameters), how the kernels treat each, whether
   * either side has self-service on it, and redials or returns (attempts and customers differ)
   */
  channels: {
    name: string; kind: string; targetSeconds: number; concurrency?: number; slowdown?: number; deadlineSeconds?: number; kernel: ChannelKernel;
    selfService: boolean; repeats: boolean;
  }[];
  groups: string[];
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

/**
 * The plan and kernels' figures of each scenario evaluated: a scenario is never changed once
 * loaded or made (levers make copies), and `ccsim serve` evaluates the same baseline at every
 * lever change (then once). Plain data shared by the results that show it.
 */
const kernelSides = new WeakMap<Scenario, { plan: Plan; kernels: Omit<SideResult, 'simulated'> }>();

function side(s: Scenario, o: WhatifOptions): { result: SideResult; plan: Plan } {
  let k = kernelSides.get(s);
  if (!k) {
    const plan = buildPlan(s);
    const a = analyticPlan(plan, undefined, false);
    k = {
      plan,
      kernels: {
        staff: plan.staff, analytic: definedFigures(a), overloadedIntervals: a.overloadedIntervals,
        analyticByChannel: a.slices.byChannel.map(figuresOf), analyticByGroup: a.slices.byGroup.map(groupFiguresOf),
        demand: demandOf(s),
      },
    };
    kernelSides.set(s, k);
  }
  const plan = k.plan;
  const result: SideResult = { ...k.kernels };
  if (o.simulate) {
    const sim = (o.simulatePlan ?? simulatePlan)(plan, { ...simOptions(o), ...(o.intervals ? { intervals: true } : {}) });
    result.simulated = {
      figures: sim.figures, ci95: sim.ci95, perReplication: sim.perReplication, byChannel: sim.byChannel, byGroup: sim.byGroup,
      ...(o.intervals && sim.intervals ? { intervals: sim.intervals } : {}),
    };
  }
  return { result, plan };
}

const simOptions = (o: WhatifOptions): SimulationOptions => ({ seed: o.seed, replications: o.replications, warmupSeconds: o.warmupSeconds ?? 0 });

/** The scenario at a given head count (the variant's other levers kept). */
const atStaff = (s: Scenario, headcount: number) => applyLevers(s, [{ lever: 'staff', mode: 'absolute', value: headcount, text: String(headcount) }]);

/**
 * Whether the kernels are exact for the figure a hold reads: the channel's kernel (or every
 * channel's, for all channels together) is exact (analytic.ts).
 */
export function kernelsExactFor(s: Scenario, h: Hold): boolean {
  const plan = buildPlan(s);
  const kernels = analyticPlan(plan, undefined, false).kernels;
  const held = h.channel === undefined ? kernels : [kernels[s.channels.findIndex((c) => c.name === h.channel)]!];
  return held.every((k) => k.status === 'exact');
}

/** The kernels' figures of the held slice of a scenario. */
function analyticHeld(s: Scenario, h: Hold): Figures {
  const a = analyticPlan(buildPlan(s), undefined, false);
  return heldFigures(s, a.figures, a.slices.byChannel.map(figuresOf), h);
}

/**
 * Staff needed for `variantWithoutStaff` (the variant's levers except staff) to meet `hold`,
 * by bisection on the head count with the kernels, to within one person. Exact where
 * `kernelsExactFor` says so; elsewhere a guess (`staffToHoldBySimulation` uses it to start).
 */
export function staffToHold(variantWithoutStaff: Scenario, hold: Hold): { found: boolean; staff: number; analytic: Figures; evaluations: number } {
  const current = totalStaff(variantWithoutStaff);
  const evalAt = (headcount: number) => analyticHeld(atStaff(variantWithoutStaff, headcount), hold);
  // from one person up: a floor above that returned itself as the answer whenever it already met the figure
  const r = bisect((h) => meets(evalAt(h), hold), 1, Math.max(2, 4 * current), 1);
  const staff = Math.ceil(r.x);
  return { found: r.found, staff, analytic: evalAt(staff), evaluations: r.evaluations + 1 };
}

/**
 * Staff needed for `variantWithoutStaff` to meet `hold` with the simulator: the mean over
 * replications of the held figure, every evaluation with the same seed (common random numbers,
 * so the figure moves with staff, not with noise), found by bracketing from `guess` (×/÷ 1.25
 * steps within 0.2–4 × the variant's staff, halving below that down to 1) and bisection on whole staff.
 */
export async function staffToHoldBySimulation(
  variantWithoutStaff: Scenario, hold: Hold, simulate: (plan: Plan) => Promise<PlanSimulation>, guess?: number,
): Promise<{ found: boolean; staff: number; simulated: { figures: Figures; ci95: Figures }; evaluations: number }> {
  const current = totalStaff(variantWithoutStaff);
  // ×/÷ 1.25 steps within 0.2–4 × the staff, halving below that down to one person
  const [floor, min, max] = [Math.max(1, Math.floor(0.2 * current)), 1, Math.ceil(4 * current)];
  const seen = new Map<number, { figures: Figures; ci95: Figures }>();
  const evalAt = async (headcount: number) => {
    let f = seen.get(headcount);
    if (!f) {
      const s = atStaff(variantWithoutStaff, headcount);
      const sim = await simulate(buildPlan(s));
      const c = hold.channel === undefined ? -1 : s.channels.findIndex((x) => x.name === hold.channel);
      f = c < 0 ? { figures: sim.figures, ci95: sim.ci95 } : { figures: sim.byChannel[c]!.figures, ci95: sim.byChannel[c]!.ci95 };
      seen.set(headcount, f);
    }
    return f;
  };
  const ok = async (h: number) => meets((await evalAt(h)).figures, hold);
  let start = Math.round(guess !== undefined && Number.isFinite(guess) ? guess : current);
  start = Math.min(max, Math.max(min, start));
  let lo: number, hi: number;
  if (await ok(start)) {
    hi = start;
    lo = start;
    while (lo > min) {
      lo = Math.max(min, Math.floor(lo / (lo > floor ? 1.25 : 2)));
      if (!(await ok(lo))) break;
      hi = lo;
    }
    if (hi === lo) return { found: true, staff: hi, simulated: (await evalAt(hi)), evaluations: seen.size };
  } else {
    lo = start;
    hi = start;
    for (;;) {
      if (hi >= max) return { found: false, staff: max, simulated: await evalAt(max), evaluations: seen.size };
      hi = Math.min(max, Math.ceil(hi * 1.25));
      if (await ok(hi)) break;
      lo = hi;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await ok(mid)) hi = mid;
    else lo = mid;
  }
  return { found: true, staff: hi, simulated: await evalAt(hi), evaluations: seen.size };
}

function describeChannels(baseline: Scenario, variant: Scenario, kernels: readonly ChannelKernel[]): WhatifResult['channels'] {
  const either = (i: number, has: (c: Scenario['channels'][number]) => boolean) => has(baseline.channels[i]!) || has(variant.channels[i]!);
  return variant.channels.map((c, i) => ({
    name: c.name, kind: c.kind, targetSeconds: c.targetSeconds,
    ...(c.kind === 'chat' ? { concurrency: c.concurrency ?? 1, slowdown: c.slowdown ?? 0.2 } : {}),
    ...(c.deadlineSeconds !== undefined ? { deadlineSeconds: c.deadlineSeconds } : {}),
    kernel: kernels[i]!,
    selfService: either(i, (x) => (x.selfService?.share ?? 0) > 0),
    repeats: either(i, (x) => (x.retrial?.probability ?? 0) > 0 || (x.selfService?.returnShare ?? 0) > 0),
  }));
}

/**
 * Baseline and variant, kernels and simulation, and the staff to hold a figure (kernels only:
 * a hold the kernels are not exact for needs `runWhatifParallel`, or `holdResult` computed by it).
 * @param variantWithoutStaff the variant without its staff lever (for the hold search); default `variant`
 * @param holdResult a hold already searched (e.g. with the simulator); `hold` is then not searched again
 */
export function runWhatif(baseline: Scenario, variant: Scenario, o: WhatifOptions, hold?: Hold, variantWithoutStaff?: Scenario, holdResult?: HoldResult): WhatifResult {
  const started = performance.now();
  const b = side(baseline, o);
  const v = side(variant, o);
  const out: WhatifResult = {
    baseline: b.result,
    variant: v.result,
    channels: describeChannels(baseline, variant, v.plan.runs[0] ? kernelsOf(v.plan.runs[0].model) : []),
    groups: variant.groups.map((g) => g.name),
    scale: b.plan.runs.map((r) => ({ centreClass: r.centreClass, dayType: r.dayType, centres: r.centres, days: r.days, scale: r.scale, volumeFactor: r.volumeFactor, weight: r.weight })),
    analyticModel: [...new Set([analyticModelName(b.plan), analyticModelName(v.plan)])].join(' → '),
    analyticCaveats: analyticCaveats(v.plan),
  };
  const bs = b.result.simulated, vs = v.result.simulated;
  if (bs && vs) {
    out.difference = pairedDifference(bs.perReplication, vs.perReplication);
    out.differenceByChannel = bs.byChannel.map((c, i) => pairedDifference(c.perReplication, vs.byChannel[i]!.perReplication));
  }
  if (holdResult) out.hold = holdResult;
  else if (hold) out.hold = kernelHold(b.result.staff, variantWithoutStaff ?? variant, hold, o);
  if (o.simulate) out.simulation = { replications: o.replications, seed: o.seed, seconds: (performance.now() - started) / 1000 };
  return out;
}

/** The hold searched with the kernels (or `searched` already), then simulated at the answer (with `o.simulate`). */
function kernelHold(baselineStaff: number, variantWithoutStaff: Scenario, hold: Hold, o: WhatifOptions, searched?: ReturnType<typeof staffToHold>): HoldResult {
  const h = searched ?? staffToHold(variantWithoutStaff, hold);
  const hr: HoldResult = { hold, method: 'kernels', found: h.found, staff: h.staff, factorOfBaseline: h.staff / baselineStaff, analytic: h.analytic, evaluations: h.evaluations };
  if (o.simulate && h.found) {
    const at = atStaff(variantWithoutStaff, h.staff);
    const sim = (o.simulatePlan ?? simulatePlan)(buildPlan(at), simOptions(o));
    const f = heldSimulated(at, sim, hold);
    const val = f.figures[hold.key];
    const ci = f.ci95[hold.key];
    hr.simulated = { ...f, meetsWithinCi: hold.better === 'higher' ? val + ci >= hold.value : val - ci <= hold.value };
  }
  return hr;
}

function heldSimulated(s: Scenario, sim: PlanSimulation, h: Hold): { figures: Figures; ci95: Figures } {
  if (h.channel === undefined) return { figures: sim.figures, ci95: sim.ci95 };
  const c = sim.byChannel[s.channels.findIndex((x) => x.name === h.channel)]!;
  return { figures: c.figures, ci95: c.ci95 };
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

/** `runWhatif` with the replications on worker threads. */
export interface ParallelWhatifOptions extends WhatifOptions {
  workers: number;
  signal?: AbortSignal;
  /** (replication, run) pairs simulated so far and their total (both sides and the hold's answer) */
  onRun?: (done: number, total: number) => void;
}

/**
 * A what-if as `ccsim whatif` (and `ccsim serve`) runs it: the hold searched first — with the kernels where they
 * are exact for it, else with the simulator (each evaluation's replications on worker threads)
 * — then both sides and the hold's answer simulated on worker threads together, then
 * `runWhatif`; `simulation.seconds` is the wall time, the threads' part included.
 * @throws {RangeError} a hold the kernels are not exact for, without simulation (`simulate: false`)
 */
export async function runWhatifParallel(baseline: Scenario, v: WhatifVariants, o: ParallelWhatifOptions, hold?: Hold): Promise<WhatifResult> {
  const started = performance.now();
  const sim: SimulationOptions = { ...simOptions(o), ...(o.intervals ? { intervals: true } : {}) };
  const parallel = (plan: Plan) => simulatePlanParallel(plan, { ...sim, workers: o.workers, ...(o.signal ? { signal: o.signal } : {}) });
  let holdResult: HoldResult | undefined;
  let searched: ReturnType<typeof staffToHold> | undefined;
  const plans = [buildPlan(baseline), buildPlan(v.variant)];
  if (hold) {
    const baselineStaff = totalStaff(baseline);
    if (kernelsExactFor(v.variantWithoutStaff, hold)) {
      searched = staffToHold(v.variantWithoutStaff, hold);
      if (o.simulate && searched.found) plans.push(buildPlan(atStaff(v.variantWithoutStaff, searched.staff)));
    } else {
      if (!o.simulate) {
        throw new RangeError(`--hold ${hold.text}: the kernels are not exact for ${hold.channel ?? 'all channels together'} (${hold.channel === undefined ? 'some channel has no exact kernel' : 'see the channel\'s kernel note'}), so the staff is searched with the simulator; drop --no-simulate${hold.channel === undefined ? ', or hold one channel\'s figure (e.g. answerRate[voice]=…)' : ''}`);
      }
      const guess = staffToHold(v.variantWithoutStaff, hold);
      const s = await staffToHoldBySimulation(v.variantWithoutStaff, hold, parallel, guess.found ? guess.staff : undefined);
      const val = s.simulated.figures[hold.key], ci = s.simulated.ci95[hold.key];
      holdResult = {
        hold, method: 'simulation', found: s.found, staff: s.staff, factorOfBaseline: s.staff / baselineStaff,
        analytic: analyticHeld(atStaff(v.variantWithoutStaff, s.staff), hold), evaluations: s.evaluations,
        simulated: { ...s.simulated, meetsWithinCi: hold.better === 'higher' ? val + ci >= hold.value : val - ci <= hold.value },
      };
    }
  }
  const simulated = o.simulate ? await prefetchSimulations(plans, sim, o.workers, o.signal, o.onRun) : undefined;
  const withSims: WhatifOptions = { ...o, ...(simulated ? { simulatePlan: simulated } : {}) };
  if (hold && searched) holdResult = kernelHold(totalStaff(baseline), v.variantWithoutStaff, hold, withSims, searched);
  const r = runWhatif(baseline, v.variant, withSims, hold, v.variantWithoutStaff, holdResult);
  if (r.simulation) r.simulation.seconds = (performance.now() - started) / 1000;
  return r;
}
