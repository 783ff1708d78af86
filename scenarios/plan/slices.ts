/**
 * A plan's tallies over the period, by slice: all channels together, per channel, per agent
 * group and per interval of the day — each the runs' tallies (one centre on one day type)
 * scaled by the run's centres × days and summed, exactly as the total is (`scaleUp`). The
 * simulated and the analytic paths both produce one `RunTallies` per run and share this, so
 * their figures are defined alike. Durations are the period's: the total, each channel and
 * each group last `periodDays` days, interval i of the day `periodDays × intervalSeconds`
 * (so `agents` is the mean on duty at any moment, all centres together).
 */
import type { RunTallies } from '../../engine/des/index.js';
import {
  addGroupTally, addTally, emptyGroupTally, emptyTally, figuresOf, groupFiguresOf, scaleTally,
  type Figures, type GroupFigures, type GroupTally, type Tally,
} from '../../engine/stats/figures.js';
import type { Plan } from './build.js';

/** The period's tallies of a plan by slice. */
export interface PlanSlices {
  /** every channel of every kind together (docs/channels.md: what the totals blend) */
  total: Tally;
  /** per channel, in scenario order */
  byChannel: Tally[];
  /** per agent group, in scenario order */
  byGroup: GroupTally[];
  /** [interval of the day][channel]: every day of every type folded onto its intervals */
  byInterval: Tally[][];
  /** [interval of the day][group] */
  byIntervalGroup: GroupTally[][];
}

/** The figures of a plan's slices. */
export interface SliceFigures {
  total: Figures;
  byChannel: Figures[];
  byGroup: GroupFigures[];
  byInterval: Figures[][];
}

/** A copy of a group tally with its seconds × `factor` and its duration × `durationFactor`. */
export function scaleGroupTally(t: GroupTally, factor: number, durationFactor = factor): GroupTally {
  return {
    onDutySeconds: t.onDutySeconds * factor, busySeconds: t.busySeconds * factor,
    contactSeconds: t.contactSeconds * factor, durationSeconds: t.durationSeconds * durationFactor,
  };
}

/**
 * The period's slices from one `RunTallies` per run of the plan (unscaled: one centre, one day).
 * @example planSlices(plan, plan.runs.map((r, i) => simulatedRun(i))).byChannel[1]
 */
export function planSlices(plan: Plan, runs: readonly RunTallies[]): PlanSlices {
  const model = plan.runs[0]!.model;
  const C = model.channels.length;
  const G = model.groups.length;
  const K = runs[0]?.byInterval.length ?? 0;
  const total = emptyTally();
  const byChannel = Array.from({ length: C }, emptyTally);
  const byGroup = Array.from({ length: G }, emptyGroupTally);
  const byInterval = Array.from({ length: K }, () => Array.from({ length: C }, emptyTally));
  const byIntervalGroup = Array.from({ length: K }, () => Array.from({ length: G }, emptyGroupTally));
  runs.forEach((t, r) => {
    const { scale, days } = plan.runs[r]!;
    addTally(total, scaleTally(t.total, scale, days));
    for (let c = 0; c < C; c++) addTally(byChannel[c]!, scaleTally(t.byChannel[c]!, scale, days));
    for (let g = 0; g < G; g++) addGroupTally(byGroup[g]!, scaleGroupTally(t.byGroup[g]!, scale, days));
    for (let i = 0; i < K; i++) {
      for (let c = 0; c < C; c++) addTally(byInterval[i]![c]!, scaleTally(t.byInterval[i]![c]!, scale, days));
      for (let g = 0; g < G; g++) addGroupTally(byIntervalGroup[i]![g]!, scaleGroupTally(t.byIntervalGroup[i]![g]!, scale, days));
    }
  });
  const period = plan.periodDays * 86_400;
  const interval = plan.periodDays * model.intervalSeconds;
  total.durationSeconds = period;
  for (const t of byChannel) t.durationSeconds = period;
  for (const t of byGroup) t.durationSeconds = period;
  for (const row of byInterval) for (const t of row) t.durationSeconds = interval;
  for (const row of byIntervalGroup) for (const t of row) t.durationSeconds = interval;
  return { total, byChannel, byGroup, byInterval, byIntervalGroup };
}

/** The figures of every slice. */
export function sliceFigures(s: PlanSlices): SliceFigures {
  return {
    total: figuresOf(s.total),
    byChannel: s.byChannel.map(figuresOf),
    byGroup: s.byGroup.map(groupFiguresOf),
    byInterval: s.byInterval.map((row) => row.map(figuresOf)),
  };
}
