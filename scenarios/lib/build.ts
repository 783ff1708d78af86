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
 * @throws {RangeError} a group's schedule gives no agents where it has load (named by group)
 */
export function buildPlan(s: Scenario): Plan {
  const K = 86_400 / s.intervalSeconds;
  const T = s.intervalSeconds;
  const days = periodDays(s);
  const weightDays = s.dayTypes.reduce((a, d) => a + d.days * d.volumeWeight, 0);
  const volumes = s.channels.map((_, i) => periodVolume(s, i));
  const profiles = s.dayTypes.map((d) => {
    const sum = d.intradayProfile.reduce((a, b) => a + b, 0);
    return d.intradayProfile.map((x) => x / sum);
  });

  // Arrival rate per second of channel c, one centre of class k, day type d, interval i.
  const rate = (c: number, k: number, d: number, i: number): number => {
    const cls = s.centreClasses[k]!;
    const day = s.dayTypes[d]!;
    const perDay = (volumes[c]! * day.volumeWeight) / weightDays;
    return (perDay * cls.volumeShare * profiles[d]![i]!) / cls.centres / T;
  };
  const agentShare = (c: number): number => 1 - (s.channels[c]!.selfService?.share ?? 0);
  const aht = s.channels.map((c) => meanOf(c.handleTimeSeconds));

  const runs: Run[] = [];
  const staffByGroup: Record<string, number> = {};
  for (const g of s.groups) {
    staffByGroup[g.name] = s.centreClasses.reduce((a, c) => a + c.centres * c.staffPerCentre * g.staffShare, 0);
  }

  s.centreClasses.forEach((cls, k) => {
    // Workload (agent-seconds) per interval of each group, per day type, one centre.
    const workload = s.groups.map((g) =>
      s.dayTypes.map((_, d) =>
        Array.from({ length: K }, (_, i) => {
          let w = 0;
          for (const name of g.skills) {
            const c = s.channels.findIndex((ch) => ch.name === name);
            if (c >= 0) w += rate(c, k, d, i) * agentShare(c) * aht[c]! * T;
          }
          return w;
        }),
      ),
    );
    const onDutyOf = (gi: number, d: number): number[] => {
      const g = s.groups[gi]!;
      if (g.schedule.onDutyPerCentre) return [...g.schedule.onDutyPerCentre];
      const rule = g.schedule.followLoad!;
      const hours = cls.staffPerCentre * g.staffShare * g.paidHoursPerYear * 3600 * (1 - g.shrinkage) * (days / 365);
      const wDay = workload[gi]!.map((w) => w.reduce((a, b) => a + b, 0));
      const wPeriod = s.dayTypes.reduce((a, day, e) => a + day.days * wDay[e]!, 0);
      const hDay = wPeriod > 0 ? (hours * wDay[d]!) / wPeriod : hours / days;
      return workload[gi]![d]!.map((wi) => {
        const frac = wDay[d]! > 0 ? (1 - rule.flatten) * (wi / wDay[d]!) + rule.flatten / K : 1 / K;
        return Math.max(rule.minOnDuty, (hDay * frac) / T);
      });
    };
    s.dayTypes.forEach((day, d) => {
      const channels: Channel[] = s.channels.map((c, ci) => {
        const ch: Channel = {
          name: c.name,
          kind: c.kind,
          arrivalRatePerSecond: Array.from({ length: K }, (_, i) => rate(ci, k, d, i)),
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
      const exact = s.groups.map((_, gi) => onDutyOf(gi, d));
      const groups: AgentGroup[] = s.groups.map((g, gi) => ({ name: g.name, skills: [...g.skills], onDuty: exact[gi]!.map((x) => Math.round(x)) }));
      runs.push({
        centreClass: cls.name,
        dayType: day.name,
        model: { intervalSeconds: s.intervalSeconds, days: 1, channels, groups },
        centres: cls.centres,
        days: day.days,
        scale: cls.centres * day.days,
        onDutyExact: exact,
      });
    });
  });
  return { runs, periodDays: days, staff: totalStaff(s), staffByGroup };
}
