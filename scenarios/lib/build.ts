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
 * go to day types in proportion to the group's workload W_d (agent-directed arrivals × mean
 * handle time): H_d = H · W_d / Σ_e days_e · W_e per day, and within the day
 *   onDuty_i = round(H_d · ((1 − flatten) · W_i / W_d + flatten / K) / intervalSeconds),
 * at least minOnDuty (K intervals per day). `onDutyPerCentre` gives the agents directly.
 * The simulator's model gets these rounded to whole agents; the kernels interpolate.
 */
import type { Model, Channel, AgentGroup } from '../../engine/des/model.js';
import { meanOf } from '../../engine/rng/moments.js';
import type { Scenario } from './schema.js';

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
  /** centres × days: multiply the run's tally by this to get its part of the period. */
  scale: number;
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
 * @throws {RangeError} a group's schedule gives no agents where it has load (named by group)
 */
export function buildPlan(s: Scenario): Plan {
  const K = 86_400 / s.intervalSeconds;
  const T = s.intervalSeconds;
  const days = periodDays(s);
  const weightDays = s.dayTypes.reduce((a, d) => a + d.days * d.volumeWeight, 0);
  const volumes = s.channels.map((_, i) => periodVolume(s, i));
  const profiles = s.dayTypes.map((d) => normalised(d.intradayProfile));
  const agentShare = s.channels.map((c) => 1 - (c.selfService?.share ?? 0));
  const aht = s.channels.map((c) => meanOf(c.handleTimeSeconds));
  // The channels each group serves, by index, once (a skill naming no channel adds no load).
  const served = s.groups.map((g) => g.skills.map((name) => s.channels.findIndex((ch) => ch.name === name)).filter((c) => c >= 0));

  const runs: Run[] = [];
  const staffByGroup: Record<string, number> = {};
  for (const g of s.groups) {
    staffByGroup[g.name] = s.centreClasses.reduce((a, c) => a + c.centres * c.staffPerCentre * g.staffShare, 0);
  }

  for (const cls of s.centreClasses) {
    // Per day type d: arrivals per second of each channel c at one centre, rates[d][c][i], and
    // the workload (agent-seconds) of each group g, workload[d][g][i], with its day total dayWork[g][d].
    const rates: number[][][] = [];
    const workload: number[][][] = [];
    const dayWork: number[][] = s.groups.map(() => []);
    for (let d = 0; d < s.dayTypes.length; d++) {
      const perDayOf = (c: number) => (volumes[c]! * s.dayTypes[d]!.volumeWeight) / weightDays;
      const r = s.channels.map((_, c) => arrivalRates(perDayOf(c), cls.volumeShare, cls.centres, T, profiles[d]!));
      const w = served.map((chans) => workloadOf(r, chans, agentShare, aht, T, K));
      for (let g = 0; g < w.length; g++) dayWork[g]!.push(sum(w[g]!));
      rates.push(r);
      workload.push(w);
    }
    for (let d = 0; d < s.dayTypes.length; d++) {
      const day = s.dayTypes[d]!;
      const channels: Channel[] = s.channels.map((c, ci) => {
        const ch: Channel = {
          name: c.name,
          kind: c.kind,
          arrivalRatePerSecond: rates[d]![ci]!,
          handleTime: c.handleTimeSeconds,
          targetSeconds: c.targetSeconds,
        };
        if (c.rateCv !== undefined) ch.rateCv = c.rateCv;
        if (c.patienceSeconds) ch.patience = c.patienceSeconds;
        if (c.selfService) {
          ch.selfService = { share: c.selfService.share };
          if (c.selfService.durationSeconds) ch.selfService.duration = c.selfService.durationSeconds;
        }
        if (c.retrial) ch.retrial = { probability: c.retrial.probability, delay: c.retrial.delaySeconds };
        return ch;
      });
      const exact = s.groups.map((g, gi) => {
        if (g.schedule.onDutyPerCentre) return [...g.schedule.onDutyPerCentre];
        const hours = cls.staffPerCentre * g.staffShare * g.paidHoursPerYear * 3600 * (1 - g.shrinkage) * (days / 365);
        return followLoad(g.schedule.followLoad!, hours, days, s.dayTypes, dayWork[gi]!, d, workload[d]![gi]!, T);
      });
      const groups: AgentGroup[] = s.groups.map((g, gi) => ({ name: g.name, skills: [...g.skills], onDuty: rounded(exact[gi]!) }));
      runs.push({
        centreClass: cls.name,
        dayType: day.name,
        model: { intervalSeconds: s.intervalSeconds, days: 1, channels, groups },
        centres: cls.centres,
        days: day.days,
        scale: cls.centres * day.days,
        onDutyExact: exact,
      });
    }
  }
  return { runs, periodDays: days, staff: totalStaff(s), staffByGroup };
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
function arrivalRates(perDay: number, volumeShare: number, centres: number, T: number, profile: readonly number[]): number[] {
  const perDayShare = perDay * volumeShare;
  const out = new Array<number>(profile.length);
  for (let i = 0; i < profile.length; i++) out[i] = (perDayShare * profile[i]!) / centres / T;
  return out;
}

/** W_i = Σ_c λ_ci · (1 − selfService_c) · aht_c · T over the channels a group serves, agent-seconds per interval. */
function workloadOf(rates: readonly (readonly number[])[], served: readonly number[], agentShare: readonly number[], aht: readonly number[], T: number, K: number): number[] {
  const out = new Array<number>(K);
  for (let i = 0; i < K; i++) {
    let w = 0;
    for (let j = 0; j < served.length; j++) {
      const c = served[j]!;
      w += rates[c]![i]! * agentShare[c]! * aht[c]! * T;
    }
    out[i] = w;
  }
  return out;
}

/** Σ of a workload, in order from 0 (the order fixes the rounding). */
function sum(xs: readonly number[]): number {
  let a = 0;
  for (let i = 0; i < xs.length; i++) a += xs[i]!;
  return a;
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
  for (let i = 0; i < K; i++) {
    const frac = wDay > 0 ? (1 - rule.flatten) * (work[i]! / wDay) + rule.flatten / K : 1 / K;
    out[i] = Math.max(rule.minOnDuty, (hDay * frac) / T);
  }
  return out;
}

/** Each value rounded to the nearest integer (Math.round: halves up). */
function rounded(xs: readonly number[]): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = Math.round(xs[i]!);
  return out;
}
