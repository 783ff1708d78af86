/**
 * A scenario → the engine models to run and how to scale them up: one representative centre
 * of each class on one representative day of each type, each a `Model` of one day, with the
 * scale factor (centres of the class × days of the type) that turns its tally into the
 * scenario's period. Pure: plain data in, plain data out (worker threads can call it).
 *
 * Volumes. A channel's period volume V (callsPerYear × periodDays / 365, or callsPerDay ×
 * periodDays) goes to a day of type d in proportion to its volumeWeight w_d:
 *   V_d = V · w_d / Σ_e days_e · w_e,
 * to one centre of class k in proportion to its volumeShare: V_dk = V_d · share_k / centres_k,
 * and to interval i by the day type's intraday profile p (normalised to sum 1):
 *   λ_i = V_dk · p_i / intervalSeconds   (arrivals per second, before self-service).
 *
 * Staffing rule `followLoad`. A group's productive agent-seconds per centre over the period,
 *   H = staffPerCentre · staffShare · paidHoursPerYear · 3600 · (1 − shrinkage) · periodDays / 365,
 * go to day types in proportion to the group's workload W_d (agent-directed arrivals × agent
 * time per contact): H_d = H · W_d / Σ_e days_e · W_e per day, and within the day
 *   onDuty_i = round(H_d · ((1 − flatten) · W_i / W_d + flatten / K) / intervalSeconds),
 * at least minOnDuty (K intervals per day). `onDutyPerCentre` gives the agents directly.
 * The simulator's model gets these rounded to whole agents; the kernels interpolate.
 *
 * Day-to-day volume (`dayTypes[].volumeCv` = c > 0). A day's volume is its expected volume times a
 * gamma factor F of mean 1 and CV c, while the schedule follows the expected volume. Every
 * figure of the period is an expectation over F, taken by Gauss quadrature for the gamma law
 * (engine/stats/gammaQuadrature.ts, VOLUME_NODES nodes: exact for polynomials in F of degree
 * ≤ 5): each (class, day type) becomes VOLUME_NODES runs, the arrival rates times fⱼ, the same
 * agents on duty, the scale times pⱼ. Kernels and simulator both run these variants.
 */
import { DEFAULT_CHAT_CONCURRENCY, DEFAULT_CHAT_SLOWDOWN, type Model, type Channel, type AgentGroup } from '../../engine/des/model.js';
import { DEFAULT_BACKLOG_WARMUP_CYCLES } from '../../engine/des/warmup.js';
import { meanOf } from '../../engine/rng/moments.js';
import { gammaQuadrature } from '../../engine/stats/gammaQuadrature.js';

/** Quadrature nodes of a day type's volume factor when `volumeCv` > 0 (each one run per class). */
export const VOLUME_NODES = 3;
import type { Scenario } from '../format/schema.js';

/** One representative (centre class, day type) to run, and its scale-up. */
export interface Run {
  centreClass: string;
  dayType: string;
  /** A one-day model of one centre of the class. */
  model: Model;
  /** Centres of the class in the scenario. */
  centres: number;
  /** Days of the type in the period. */
  days: number;
  /** centres × days × weight: multiply the run's tally by this to get its part of the period. */
  scale: number;
  /** the day's volume against its expectation, fⱼ (1 without `volumeCv`) */
  volumeFactor: number;
  /** the probability pⱼ of that volume (1 without `volumeCv`): the share of the day type's days it stands for */
  weight: number;
  /**
   * Agents on duty per group and interval before rounding (the model's `onDuty` are these
   * rounded): the kernels interpolate between whole numbers of agents, so analytic figures
   * move smoothly with staff (calibration, staff searches) while the simulator gets whole agents.
   */
  onDutyExact: number[][];
}

export interface Plan {
  runs: Run[];
  /** Days in the period (Σ days of every day type). */
  periodDays: number;
  /** Head count of the whole scenario (Σ centres × staffPerCentre). */
  staff: number;
  /** Head count per group (Σ centres × staffPerCentre × staffShare). */
  staffByGroup: Record<string, number>;
  /**
   * Days simulated in front of each run with deferred work, and discarded, so that its day
   * starts with the backlog its own day type carries over (`simulation.backlogWarmupDays`,
   * default DEFAULT_BACKLOG_WARMUP_CYCLES; docs/channels.md).
   */
  backlogWarmupDays: number;
}

/** Days in the scenario's period. */
export function periodDays(s: Scenario): number {
  return s.dayTypes.reduce((a, d) => a + d.days, 0);
}

/** Head count of the whole scenario. */
export function totalStaff(s: Scenario): number {
  return s.centreClasses.reduce((a, c) => a + c.centres * c.staffPerCentre, 0);
}

/** A channel's arrivals (before self-service) over the whole period, whole scenario. */
export function periodVolume(s: Scenario, channelIndex: number): number {
  const c = s.channels[channelIndex]!;
  const days = periodDays(s);
  return c.callsPerYear !== undefined ? (c.callsPerYear * days) / 365 : (c.callsPerDay ?? 0) * days;
}

/**
 * The models and scale factors of a validated scenario.
 *
 * Cost: O(centre classes × day types × (channels + groups) × intervals), one pass each: each
 * interval's rate is computed once and serves both the channel's arrivals and the groups'
 * workload. The arithmetic (operands and their order) is that of the formulas above, so a
 * plan's numbers do not depend on how the loops are arranged.
 * @throws {RangeError} a channel's handle-time distribution is invalid (from `meanOf`, naming the field)
 */
export function buildPlan(s: Scenario): Plan {
  return planWith(s, arrivalRates(s));
}

/**
 * `buildPlan` for many variants of one scenario (a sweep's cells): keeps the arrival rates of
 * the last scenario and reuses them while every number they depend on is the same (compared by
 * value: interval length, day types' days, weights and profiles, classes' centres and volume
 * shares, channels' volumes), so levers that leave arrivals alone (staff, AHT, patience,
 * self-service) skip that part. Plans built by one builder may share those rate arrays with
 * each other: plans are read-only data.
 * @example const build = planBuilder(); const plans = variants.map(build);
 */
export function planBuilder(): (s: Scenario) => Plan {
  let key: number[] = [];
  let keyLength = -1;
  let scratch: number[] = [];
  let rates: number[][][][] | undefined;
  return (s) => {
    const n = arrivalInputs(s, scratch);
    if (rates === undefined || n !== keyLength || !sameNumbers(scratch, key, n)) {
      rates = arrivalRates(s);
      [key, scratch] = [scratch, key];
      keyLength = n;
    }
    return planWith(s, rates);
  };
}

/**
 * Arrivals per second (before self-service) at one centre of class k on a day of type d, per
 * channel c and interval i: rates[k][d][c][i] = λ_i of the module comment.
 */
export function arrivalRates(s: Scenario): number[][][][] {
  const T = s.intervalSeconds;
  const weightDays = s.dayTypes.reduce((a, d) => a + d.days * d.volumeWeight, 0);
  const volumes = s.channels.map((_, i) => periodVolume(s, i));
  const profiles = s.dayTypes.map((d) => normalised(d.intradayProfile));
  return s.centreClasses.map((cls) =>
    s.dayTypes.map((day, d) => s.channels.map((_, c) => ratesOf((volumes[c]! * day.volumeWeight) / weightDays, cls.volumeShare, cls.centres, T, profiles[d]!))),
  );
}

/**
 * Every number `arrivalRates` reads, written into `out` in a fixed order (list lengths
 * included, a volume given or not as 1 or 0): two scenarios with the same numbers have the
 * same arrival rates. Returns how many were written.
 */
function arrivalInputs(s: Scenario, out: number[]): number {
  let n = 0;
  out[n++] = s.intervalSeconds;
  out[n++] = s.dayTypes.length;
  for (const d of s.dayTypes) {
    out[n++] = d.days;
    out[n++] = d.volumeWeight;
    out[n++] = d.intradayProfile.length;
    for (let i = 0; i < d.intradayProfile.length; i++) out[n++] = d.intradayProfile[i]!;
  }
  out[n++] = s.centreClasses.length;
  for (const c of s.centreClasses) {
    out[n++] = c.volumeShare;
    out[n++] = c.centres;
  }
  out[n++] = s.channels.length;
  for (const c of s.channels) {
    out[n++] = c.callsPerYear === undefined ? 0 : 1;
    out[n++] = c.callsPerYear ?? 0;
    out[n++] = c.callsPerDay === undefined ? 0 : 1;
    out[n++] = c.callsPerDay ?? 0;
  }
  return n;
}

/** The first n numbers of a and b are the same (Object.is: NaN equals NaN, 0 differs from −0). */
function sameNumbers(a: readonly number[], b: readonly number[], n: number): boolean {
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The plan of `s` given its arrival rates (`arrivalRates(s)`); the rate arrays become the models'.
 * Plain loops over small functions: a sweep runs this per cell, and V8 compiles small
 * functions quickly (one function holding every step took ~30 ms per (re)compilation).
 */
function planWith(s: Scenario, rateTable: readonly (readonly number[][][])[]): Plan {
  // Filled by push from `[]`, not by map: V8 then learns once what these arrays hold, where
  // map's arrays change storage kind from cell to cell (an AHT of 135 s, then 135.375 s) and
  // between its interpreted and compiled forms, and each change throws away compiled code.
  const agentShare: number[] = [];
  const aht: number[] = [];
  for (const c of s.channels) {
    agentShare.push(agentDirectedShare(c));
    aht.push(agentSecondsPerContact(c));
  }
  const served: number[][] = [];
  for (const g of s.groups) served.push(servedBy(s, g.skills));
  const inputs: PlanInputs = { s, K: 86_400 / s.intervalSeconds, days: periodDays(s), agentShare, aht, served };
  const runs: Run[] = [];
  for (let k = 0; k < s.centreClasses.length; k++) classRuns(inputs, k, rateTable[k]!, runs);
  const staffByGroup: Record<string, number> = {};
  for (const g of s.groups) {
    staffByGroup[g.name] = s.centreClasses.reduce((a, c) => a + c.centres * c.staffPerCentre * g.staffShare, 0);
  }
  return { runs, periodDays: inputs.days, staff: totalStaff(s), staffByGroup, backlogWarmupDays: s.simulation?.backlogWarmupDays ?? DEFAULT_BACKLOG_WARMUP_CYCLES };
}

/** What every run of a plan needs, computed once per plan. */
interface PlanInputs {
  s: Scenario;
  /** intervals per day */
  K: number;
  /** days in the period */
  days: number;
  /** share of each channel's arrivals that reach agents (`agentDirectedShare`) */
  agentShare: number[];
  /** agent-seconds per agent contact of each channel (`agentSecondsPerContact`) */
  aht: number[];
  /** the channels each group serves, by index (a skill naming no channel adds no load) */
  served: number[][];
}

/** Indices of the channels named in `skills`, in skill order (unknown names skipped). */
function servedBy(s: Scenario, skills: readonly string[]): number[] {
  const out: number[] = [];
  for (const name of skills) {
    for (let c = 0; c < s.channels.length; c++) {
      if (s.channels[c]!.name === name) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}

/** The runs of centre class k (one per day type), pushed onto `runs`; rates[d][c] are its arrival rates. */
function classRuns(p: PlanInputs, k: number, rates: readonly number[][][], runs: Run[]): void {
  const { s, K } = p;
  const cls = s.centreClasses[k]!;
  // The workload (agent-seconds) of each group g per day type d and interval, workload[d][g][i],
  // and its day total dayWork[g][d].
  const workload: number[][][] = [];
  const dayWork: number[][] = [];
  for (let g = 0; g < s.groups.length; g++) dayWork.push([]);
  for (let d = 0; d < s.dayTypes.length; d++) {
    const w: number[][] = [];
    for (let g = 0; g < s.groups.length; g++) {
      const work = new Array<number>(K);
      dayWork[g]!.push(workloadInto(work, rates[d]!, p.served[g]!, p.agentShare, p.aht, s.intervalSeconds));
      w.push(work);
    }
    workload.push(w);
  }
  for (let d = 0; d < s.dayTypes.length; d++) {
    const day = s.dayTypes[d]!;
    // Lists the plan keeps are made at their final length (push from [] reserves 17 slots).
    const channels = new Array<Channel>(s.channels.length);
    for (let c = 0; c < s.channels.length; c++) channels[c] = channelModel(s.channels[c]!, rates[d]![c]!);
    const exact = new Array<number[]>(s.groups.length);
    const groups = new Array<AgentGroup>(s.groups.length);
    for (let g = 0; g < s.groups.length; g++) {
      const group = s.groups[g]!;
      const onDuty = group.schedule.onDutyPerCentre
        ? [...group.schedule.onDutyPerCentre]
        : followLoad(group.schedule.followLoad!, groupHours(cls, group, p.days), p.days, s.dayTypes, dayWork[g]!, d, workload[d]![g]!, s.intervalSeconds);
      exact[g] = onDuty;
      const model: AgentGroup = { name: group.name, skills: [...group.skills], onDuty: rounded(onDuty) };
      if (group.callsWhileChatting !== undefined) model.callsWhileChatting = group.callsWhileChatting;
      groups[g] = model;
    }
    const run: Run = {
      centreClass: cls.name,
      dayType: day.name,
      model: { intervalSeconds: s.intervalSeconds, days: 1, channels, groups },
      centres: cls.centres,
      days: day.days,
      scale: cls.centres * day.days,
      onDutyExact: exact,
      volumeFactor: 1,
      weight: 1,
    };
    if (day.volumeCv !== undefined && day.volumeCv > 0) volumeVariants(run, day.volumeCv, runs);
    else runs.push(run);
  }
}

type ScaleFields = Pick<Run, 'centreClass' | 'dayType' | 'centres' | 'days' | 'scale' | 'volumeFactor' | 'weight'>;

/**
 * The scale factors of a plan's runs in words, one entry per (class, day type), e.g.
 * "large/weekday 19 × 260 = 4,940", and once at the end the day volumes when `volumeCv` split them:
 * "each (class, day type) at day volumes × 0.849 / 1.013 / 1.198 of the forecast, probabilities 0.219 / 0.657 / 0.123"
 * (per day type when their volumeCv differ).
 */
export function describeScales(runs: readonly ScaleFields[], count: (x: number) => string): string {
  const parts: string[] = [];
  const volumes = new Map<string, string[]>();
  for (const r of runs) {
    const key = `${r.centreClass}/${r.dayType}`;
    const group = runs.filter((x) => `${x.centreClass}/${x.dayType}` === key);
    if (group[0] !== r) continue;
    parts.push(`${key} ${r.centres} × ${r.days} = ${count(r.centres * r.days)}`);
    if (group.length < 2) continue;
    const v = `day volumes × ${group.map((x) => x.volumeFactor.toFixed(3)).join(' / ')} of the forecast, probabilities ${group.map((x) => x.weight.toFixed(3)).join(' / ')}`;
    volumes.set(v, [...(volumes.get(v) ?? []), r.dayType]);
  }
  const split = [...volumes.values()].reduce((n, d) => n + d.length, 0);
  if (volumes.size === 1 && split === parts.length) return `${parts.join('; ')}; each (class, day type) at ${[...volumes.keys()][0]}`;
  const each = [...volumes].map(([v, days]) => `${[...new Set(days)].join(', ')} at ${v}`);
  return [...parts, ...each].join('; ');
}

/** The VOLUME_NODES variants of `run` for a day volume of CV `cv` (module comment), pushed onto `runs`. */
function volumeVariants(run: Run, cv: number, runs: Run[]): void {
  const q = gammaQuadrature(cv, VOLUME_NODES);
  for (let j = 0; j < VOLUME_NODES; j++) {
    const f = q.nodes[j]!;
    const channels = run.model.channels.map((ch) => ({ ...ch, arrivalRatePerSecond: ch.arrivalRatePerSecond.map((r) => r * f) }));
    runs.push({ ...run, model: { ...run.model, channels }, scale: run.scale * q.weights[j]!, volumeFactor: f, weight: q.weights[j]! });
  }
}

/**
 * Whole days for each run (the full-year simulation's): a run's day type's days, shared among
 * its volume variants by weight (largest remainder, in run order), so that the year's days
 * carry the variants' volumes in their quadrature proportions.
 */
export function wholeDays(plan: Plan): number[] {
  const out = plan.runs.map((r) => r.days);
  for (let i = 0; i < plan.runs.length; ) {
    const r = plan.runs[i]!;
    let j = i;
    while (j < plan.runs.length && plan.runs[j]!.centreClass === r.centreClass && plan.runs[j]!.dayType === r.dayType) j++;
    const group = plan.runs.slice(i, j);
    const exact = group.map((g) => g.days * g.weight);
    const floors = exact.map(Math.floor);
    let left = Math.round(r.days) - floors.reduce((a, x) => a + x, 0);
    const byRemainder = exact.map((x, k) => k).sort((a, b) => (exact[b]! - floors[b]!) - (exact[a]! - floors[a]!) || a - b);
    for (const k of byRemainder) if (left-- > 0) floors[k] = floors[k]! + 1;
    floors.forEach((d, k) => (out[i + k] = d));
    i = j;
  }
  return out;
}

/** H = staffPerCentre · staffShare · paidHoursPerYear · 3600 · (1 − shrinkage) · periodDays / 365: a group's productive agent-seconds per centre over the period. */
function groupHours(cls: Scenario['centreClasses'][number], g: Scenario['groups'][number], days: number): number {
  return cls.staffPerCentre * g.staffShare * g.paidHoursPerYear * 3600 * (1 - g.shrinkage) * (days / 365);
}

/**
 * Share of a channel's arrivals that reach agents: 1 − s + s·r with s the self-service share
 * and r the share of self-service completions that come back (`selfService.returnShare`).
 * @example agentDirectedShare({ selfService: { share: 0.6, returnShare: 0.1 }, … }) // 0.46
 */
export function agentDirectedShare(c: Scenario['channels'][number]): number {
  const s = c.selfService?.share ?? 0;
  return 1 - s + s * (c.selfService?.returnShare ?? 0);
}

/**
 * Agent-seconds one agent contact of a channel takes, for sizing staff (`followLoad`): the mean
 * handle time; for chat, the time of one of `concurrency` sessions held at once, each slowed by
 * the others: AHT · (1 + slowdown · (c − 1)) / c (docs/channels.md; at full concurrency).
 * @example agentSecondsPerContact(chat with AHT 300 s, concurrency 3, slowdown 0.2) // 140
 */
export function agentSecondsPerContact(c: Scenario['channels'][number]): number {
  const aht = meanOf(c.handleTimeSeconds);
  if (c.kind !== 'chat') return aht;
  const n = c.concurrency ?? DEFAULT_CHAT_CONCURRENCY;
  return (aht * (1 + (c.slowdown ?? DEFAULT_CHAT_SLOWDOWN) * (n - 1))) / n;
}

/** A scenario channel as the engine's channel, with its arrival rates for one run. */
function channelModel(c: Scenario['channels'][number], arrivalRatePerSecond: number[]): Channel {
  const ch: Channel = {
    name: c.name,
    kind: c.kind,
    arrivalRatePerSecond,
    handleTime: c.handleTimeSeconds,
    targetSeconds: c.targetSeconds,
  };
  if (c.rateCv !== undefined) ch.rateCv = c.rateCv;
  if (c.patienceSeconds) ch.patience = c.patienceSeconds;
  if (c.selfService) {
    ch.selfService = { share: c.selfService.share };
    if (c.selfService.durationSeconds) ch.selfService.duration = c.selfService.durationSeconds;
    if (c.selfService.returnShare !== undefined) ch.selfService.returnShare = c.selfService.returnShare;
    if (c.selfService.returnDelaySeconds) ch.selfService.returnDelay = c.selfService.returnDelaySeconds;
  }
  if (c.retrial) ch.retrial = { probability: c.retrial.probability, delay: c.retrial.delaySeconds };
  if (c.concurrency !== undefined) ch.concurrency = c.concurrency;
  if (c.slowdown !== undefined) ch.slowdown = c.slowdown;
  if (c.deadlineSeconds !== undefined) ch.deadlineSeconds = c.deadlineSeconds;
  return ch;
}

/** An intraday profile scaled to sum 1: p_i = x_i / Σ x (the sum taken in order from 0). */
function normalised(profile: readonly number[]): number[] {
  // Its own loop, not `sum`: scenario arrays come in other element kinds than the plan's,
  // and one shared summing loop seeing both runs several times slower.
  let total = 0;
  for (let i = 0; i < profile.length; i++) total += profile[i]!;
  const out = new Array<number>(profile.length);
  for (let i = 0; i < profile.length; i++) out[i] = profile[i]! / total;
  return out;
}

/**
 * λ_i = V_dk · p_i / intervalSeconds: arrivals per second of one channel at one centre of a
 * class on one day type, from `perDay` = V_d = V · w_d / Σ_e days_e · w_e and V_dk = V_d · share_k / centres_k.
 */
function ratesOf(perDay: number, volumeShare: number, centres: number, T: number, profile: readonly number[]): number[] {
  const perDayShare = perDay * volumeShare;
  const out = new Array<number>(profile.length);
  for (let i = 0; i < profile.length; i++) out[i] = (perDayShare * profile[i]!) / centres / T;
  return out;
}

/**
 * W_i = Σ_c λ_ci · agentDirectedShare_c · agentSecondsPerContact_c · T over the channels a group serves,
 * agent-seconds per interval, written into `out` (K long); returns the day's W_d = Σ_i W_i
 * (summed in interval order from 0: the order fixes the rounding).
 */
function workloadInto(out: number[], rates: readonly (readonly number[])[], served: readonly number[], agentShare: readonly number[], aht: readonly number[], T: number): number {
  let day = 0;
  for (let i = 0; i < out.length; i++) {
    let w = 0;
    for (let j = 0; j < served.length; j++) {
      const c = served[j]!;
      w += rates[c]![i]! * agentShare[c]! * aht[c]! * T;
    }
    out[i] = w;
    day += w;
  }
  return day;
}

/**
 * Agents on duty per interval by the `followLoad` rule (see the module comment), unrounded:
 * the group's productive agent-seconds `hours` over the period go to day type `d` in proportion
 * to its workload `dayWork[d]`, then to intervals by `(1 − flatten)·W_i/W_d + flatten/K`.
 */
function followLoad(
  rule: { flatten: number; minOnDuty: number },
  hours: number,
  days: number,
  dayTypes: readonly { days: number }[],
  dayWork: readonly number[],
  d: number,
  work: readonly number[],
  T: number,
): number[] {
  const K = work.length;
  let wPeriod = 0;
  for (let e = 0; e < dayTypes.length; e++) wPeriod += dayTypes[e]!.days * dayWork[e]!;
  const wDay = dayWork[d]!;
  const hDay = wPeriod > 0 ? (hours * wDay) / wPeriod : hours / days;
  const out = new Array<number>(K);
  const min = rule.minOnDuty;
  if (wDay > 0) {
    const follow = 1 - rule.flatten;
    const even = rule.flatten / K;
    for (let i = 0; i < K; i++) out[i] = Math.max(min, (hDay * (follow * (work[i]! / wDay) + even)) / T);
  } else {
    const each = Math.max(min, (hDay * (1 / K)) / T);
    for (let i = 0; i < K; i++) out[i] = each;
  }
  return out;
}

/** Each value rounded to the nearest integer (Math.round: halves up). */
function rounded(xs: readonly number[]): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = Math.round(xs[i]!);
  return out;
}
