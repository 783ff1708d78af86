/**
 * What the full-year run is compared with: for each figure, the year's value from every
 * simulated call, the calibrated model's mean ± 95% half-width (representative days,
 * replications), and the report's value (the scenario's target of that figure, with its
 * source) with the year's relative difference (year − report) / report. Plain data: the CLI
 * prints it as a table, `fullYearDocument` is its JSON form.
 */
import type { Figures } from '../../engine/stats/figures.js';
import type { Scenario } from '../format/schema.js';
import type { FullYearResult } from './fullYear.js';
import { targetName } from '../plan/targets.js';

/** The figures compared, in order. */
export const FULL_YEAR_KEYS = [
  'offered', 'answered', 'abandoned', 'answerRate', 'pAbandon', 'serviceLevel', 'slAnswered', 'asa', 'meanWait',
  'occupancy', 'agents', 'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered',
] as const satisfies readonly (keyof Figures)[];

/** One compared figure (`staff` is the head count, an input). */
export interface FullYearRow {
  key: (typeof FULL_YEAR_KEYS)[number] | 'staff' | 'served';
  /** the channel whose contacts the figure counts; absent: all channels together */
  channel?: string;
  year: number;
  /** the model's mean and 95% half-width, when the model was run */
  model?: { mean: number; ci95: number };
  /** the scenario's target of this figure */
  reported?: { value: number; source: string };
  /** (year − reported) / reported */
  relativeDifference?: number;
}

/** The scenario's target of `key` for `channel` (undefined: the target naming no channel). */
function reported(s: Scenario, key: string, channel: string | undefined): { value: number; source: string } | undefined {
  const t = s.targets?.find((x) => x.figure === key && x.channel === channel);
  return t ? { value: t.value, source: t.source } : undefined;
}

function row(key: FullYearRow['key'], channel: string | undefined, year: number, model: FullYearRow['model'], rep: FullYearRow['reported']): FullYearRow {
  return { key, ...(channel !== undefined ? { channel } : {}), year, ...(model ? { model } : {}), ...(rep ? { reported: rep, relativeDifference: (year - rep.value) / rep.value } : {}) };
}

/**
 * Every compared figure of a full-year run, then the head count. Each target is compared with the
 * figures it names (targets/plan: its channel's, or all channels together), never with a blend
 * of channels it does not name. One channel: its figures (= all channels), matched with the
 * targets naming it or none. Several: the figures of each channel in turn (matched with the
 * targets naming that channel), then all channels together for the targets that name no channel.
 */
export function fullYearComparison(r: FullYearResult, s: Scenario): FullYearRow[] {
  const rows: FullYearRow[] = [];
  const single = s.channels.length === 1;
  r.byChannel.forEach(({ channel, figures: own }, c) => {
    // one channel: the totals themselves (the same figures, summed as before)
    const figures = single ? r.figures : own;
    const model = single && r.model ? r.model : r.model?.byChannel[c];
    for (const key of FULL_YEAR_KEYS) {
      const rep = reported(s, key, channel) ?? (single ? reported(s, key, undefined) : undefined);
      rows.push(row(key, single ? undefined : channel, figures[key], model ? { mean: model.figures[key], ci95: model.ci95[key] } : undefined, rep));
    }
  });
  if (!single) {
    for (const t of s.targets ?? []) {
      if (t.channel !== undefined || t.figure === 'staff' || !(t.figure in r.figures)) continue;
      const key = t.figure as keyof Figures;
      if (!(FULL_YEAR_KEYS as readonly string[]).includes(key) && key !== 'served') continue;
      const model = r.model ? { mean: r.model.figures[key], ci95: r.model.ci95[key] } : undefined;
      rows.push(row(key as FullYearRow['key'], undefined, r.figures[key], model, { value: t.value, source: t.source }));
    }
  }
  rows.push(row('staff', undefined, r.staff, undefined, reported(s, 'staff', undefined)));
  return rows;
}

/**
 * A centre class's slices as the table and CSV print them: all channels together when the
 * scenario has one channel, else each channel (a blend of voice and messages would mean nothing).
 */
export function classSlices(c: FullYearResult['byClass'][number], s: Scenario): { channel?: string; figures: Figures }[] {
  return s.channels.length === 1 ? [{ figures: c.figures }] : c.byChannel;
}

/** The full-year run as one JSON-ready document. */
export function fullYearDocument(r: FullYearResult, s: Scenario): Record<string, unknown> {
  return {
    figures: r.figures,
    model: r.model,
    // keyed as targets are named (answered[voice]): two targets of one figure on different channels must not collide
    report: Object.fromEntries((s.targets ?? []).map((t) => [targetName(t), t.value])),
    byChannel: r.byChannel,
    byClass: r.byClass,
    tally: r.tally,
    centreDays: r.centreDays,
    calls: r.calls,
    simulatedCalls: r.simulatedCalls,
    selfServiceDrawn: r.calls - r.simulatedCalls,
    events: r.events,
    staff: r.staff,
    seconds: r.seconds,
    workers: r.workers,
  };
}
