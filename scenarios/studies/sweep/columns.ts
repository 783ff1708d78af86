/**
 * The figure columns of a sweep's rows (docs/figures.md, "Sweep rows"): every figure of
 * FIGURE_KEYS for all channels together (the columns a one-channel scenario has always had);
 * with several channels, every figure of each channel, `KEY[CHANNEL]` (FIGURE_KEYS then
 * CHANNEL_FIGURE_KEYS: `answerRate[voice]`, `handledWithinDeadline[email]`); with several agent
 * groups, each group's `groupOccupancy[GROUP]`, `groupAgents[GROUP]` and
 * `groupContactsPerBusyAgent[GROUP]`. A figure a channel does not have (the deadline share of a
 * voice channel) or the kernels do not give is NaN (an empty CSV cell, JSON null).
 */
import { ALL_FIGURE_KEYS, FIGURE_KEYS, GROUP_FIGURE_KEYS, type Figures, type GroupFigures } from '../../../engine/stats/figures.js';
import type { Scenario } from '../../format/schema.js';

/** What decides a sweep's columns: its channels and groups, by name, in scenario order. */
export interface SweepLayout {
  channels: string[];
  groups: string[];
}

/** The layout of a scenario. */
export function layoutOf(s: Scenario): SweepLayout {
  return { channels: s.channels.map((c) => c.name), groups: s.groups.map((g) => g.name) };
}

const groupColumn = (key: keyof GroupFigures) => `group${key[0]!.toUpperCase()}${key.slice(1)}`;

/** The figure columns' names, in order (each followed by its `…Ci95` in a results file). */
export function figureColumns(layout: SweepLayout): string[] {
  const out: string[] = [...FIGURE_KEYS];
  if (layout.channels.length > 1) for (const c of layout.channels) for (const k of ALL_FIGURE_KEYS) out.push(`${k}[${c}]`);
  if (layout.groups.length > 1) for (const g of layout.groups) for (const k of GROUP_FIGURE_KEYS) out.push(`${groupColumn(k)}[${g}]`);
  return out;
}

/** The figure values of one cell (or one replication), in `figureColumns` order, into `out` from `at`. */
export function figureValues(
  layout: SweepLayout, total: Figures, byChannel: readonly Figures[], byGroup: readonly GroupFigures[], out: Float64Array, at = 0,
): void {
  let i = at;
  for (const k of FIGURE_KEYS) out[i++] = total[k];
  if (layout.channels.length > 1) for (const f of byChannel) for (const k of ALL_FIGURE_KEYS) out[i++] = f[k];
  if (layout.groups.length > 1) for (const g of byGroup) for (const k of GROUP_FIGURE_KEYS) out[i++] = g[k];
}
