/**
 * `ccsim whatif FILE` with levers a planner understands (docs/levers.md):
 *   --staff -8% | 0.92 | 47104   --self-service 0.75 | +6pt | ivr/answered=0.70   --volume +5%
 *   --aht -10s | -5%   --patience +20%   --shift voice:wechat=10% [--shift-basis agent] [--shift-conversion 1.2]
 *   --concurrency wechat=3   --deadline email=4h   --retrial 0.3
 *   --hold answerRate[voice]=0.9122 | sl20=0.8
 *   --set path=value (both sides)   --variant-set path=value (the variant only)
 * Prints where the demand went (per channel), baseline and variant side by side for all
 * channels together, per channel and per group — kernels (period by period) and simulation
 * (95% intervals; the same seeds on both sides, so the difference has a paired interval) — and,
 * with --hold, the staff the variant needs to hold the figure (kernels where they are exact for
 * it, then simulation at the answer; else the simulator itself). `--json` one document,
 * `--csv` one row per figure with its unit, rounded for it.
 * The figure rows and cell formats are shared with `ccsim simulate FILE` (simulateFile.ts).
 */
import { describeScales } from '../../scenarios/index.js';
import { withInterrupt, workersFlag, workersOption } from '../io/workers.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  describeLever, holdLabel, isSecondsFigure, HOLD_FIGURES, parseHold, parseLever, runWhatifParallel, whatifReport, whatifVariants, loadScenarioText, formatProblems, SHIFT_BASES,
} from '../../scenarios/index.js';
import type { Figures } from '../../engine/stats/figures.js';
import type { Hold, Lever, Scenario, ShiftBasis, WhatifResult, WhatifVariants } from '../../scenarios/index.js';
import { commandArgs, reportFlag, reportOption } from '../report/flag.js';
import { commandLine, reportDocument, sha256, writeReport } from '../report/write.js';
import { InputError, UsageError } from '../errors.js';
import { ALL_FIGURE_KEYS, GROUP_FIGURE_KEYS } from '../../engine/stats/figures.js';
import { blendWords, cell, change, channelHeading, channelRows, groupTable, twoSideTable } from '../format/slices.js';
import { breakdownsOf, byOption, type Breakdown } from '../io/breakdowns.js';
import { count, countEstimate, csvLine, formatByKind, INPUT_UNITS, percent, renderTable, roundFor, seconds, signedPercent, toJson, unitOf, wrapLines, type Unit } from '../format/index.js';
import { loadForCommand, replicationsOf, setsOf, withScenarioOptions } from '../io/scenario.js';
import { numericOption, stringFlag } from '../io/flags.js';
import { allowLargeOption, enforceWork, wantsProgress } from '../io/budget.js';
import { createProgress, type Progress } from '../io/progress.js';
import { buildPlan } from '../../scenarios/index.js';
import { planWork, sequentialWork } from '../../scenarios/plan/work.js';

type Args = Record<string, unknown>;

/**
 * The rows of the side-by-side table: JSON key, label, how it prints. `T` is the service-level
 * threshold when every channel has the same one (undefined: each contact is judged against its
 * own channel's T); `blend`: the figures add up several channels (calls, sessions, items).
 */
export const WHATIF_ROWS: { key: keyof Figures | 'staff'; label: (T: number | undefined, blend?: boolean) => string; kind: 'fraction' | 'seconds' | 'count' }[] = [
  { key: 'staff', label: () => 'staff (head count)', kind: 'count' },
  { key: 'agents', label: () => 'agents on duty (mean, whole scenario)', kind: 'count' },
  { key: 'answerRate', label: () => 'answer rate', kind: 'fraction' },
  { key: 'serviceLevel', label: (T) => (T === undefined ? 'service level: answered ≤ own T / offered' : `service level: answered ≤ ${T} s / offered`), kind: 'fraction' },
  { key: 'asa', label: () => 'ASA: mean wait of answered', kind: 'seconds' },
  { key: 'pAbandon', label: () => 'abandonment rate', kind: 'fraction' },
  { key: 'occupancy', label: () => 'occupancy', kind: 'fraction' },
  { key: 'offered', label: (_, blend) => (blend ? 'offered contacts per period (all kinds)' : 'offered agent calls per period'), kind: 'count' },
  { key: 'answered', label: (_, blend) => (blend ? 'answered contacts per period (all kinds)' : 'answered agent calls per period'), kind: 'count' },
  { key: 'selfServiceCompleted', label: (_, blend) => (blend ? 'self-service completions per period' : 'self-service (IVR) calls per period'), kind: 'count' },
  { key: 'selfServiceShare', label: () => 'self-service / (self-service + offered)', kind: 'fraction' },
  { key: 'selfServiceShareAnswered', label: () => 'self-service / (self-service + answered)', kind: 'fraction' },
];

/** The one service-level threshold of a scenario's channels, or undefined when they differ. */
export function commonTarget(channels: readonly { targetSeconds: number }[]): number | undefined {
  const t = channels[0]?.targetSeconds;
  return channels.every((c) => c.targetSeconds === t) ? t : undefined;
}

const fmtDiff = (kind: 'fraction' | 'seconds' | 'count', v: number | undefined): string => {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const text = kind === 'fraction' ? `${(a * 100).toFixed(2)} pt` : kind === 'seconds' ? `${a.toFixed(2)} s` : count(a);
  return `${v >= 0 || !/[1-9]/.test(text) ? '+' : '−'}${text}`; // a change that rounds to zero is +0, never −0
};
/** The ` ± half-width` suffix of a simulated cell ('' when there is none). */
export const ci = (kind: 'fraction' | 'seconds' | 'count', v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '' : ` ± ${kind === 'fraction' ? `${(v * 100).toFixed(2)} pt` : kind === 'seconds' ? `${v.toFixed(2)} s` : count(v)}`;

/** A kernel cell: `overloaded` where the kernels have no figure (overload without patience: NaN), else the formatted value. */
export function kernelCell(kind: 'fraction' | 'seconds' | 'count', v: number | undefined, overloadedIntervals: number): string {
  return overloadedIntervals > 0 && v !== undefined && Number.isNaN(v) ? 'overloaded' : formatByKind(kind, v);
}

/** The note under a table with `overloaded` kernel cells (empty when there are none). */
export function overloadNote(overloadedIntervals: number): string {
  return overloadedIntervals > 0
    ? `Kernels: ${overloadedIntervals} interval(s) of the representative days have demand at or over the agents and callers who never give up (no patience, or every abandoned call redialled): the kernels have no steady state there, so their figures of the queue are shown as "overloaded" (the simulation shows what happens).`
    : '';
}

/** A row's value: the head count for `staff`, else the figure. */
export function valueOf(r: { staff: number }, f: Figures | undefined, key: keyof Figures | 'staff'): number | undefined {
  if (key === 'staff') return r.staff;
  return f?.[key];
}

/** A simulated cell: mean ± 95% half-width, counts rounded to what the interval supports. */
function estimate(kind: 'fraction' | 'seconds' | 'count', mean: number | undefined, half: number | undefined): string {
  return kind === 'count' ? countEstimate(mean, half) : formatByKind(kind, mean) + ci(kind, half);
}

/** A simulated difference: ± its paired 95% half-width. */
function difference(kind: 'fraction' | 'seconds' | 'count', mean: number | undefined, half: number | undefined): string {
  if (kind === 'count' && mean !== undefined && Number.isFinite(mean) && half !== undefined && Number.isFinite(half) && half > 0) {
    return (mean >= 0 ? '+' : '−') + countEstimate(Math.abs(mean), half);
  }
  return fmtDiff(kind, mean) + ci(kind, half);
}

/**
 * The readable report (≤ 120 columns; with `wide` the totals side by side in one table): the
 * demand by channel (where a shift sent it), all channels together — kernels and simulation in
 * two blocks — each channel's block (its own definitions, threshold and kernel status), each
 * group's occupancy, and the staff to hold a figure.
 * @param sets `--set` overrides (both sides); @param variantSets `--variant-set` overrides (the variant only)
 * @param T the one service-level threshold of the channels, or undefined when they differ
 */
export function renderWhatif(
  file: string, levers: readonly Lever[], sets: readonly string[], variantSets: readonly string[], r: WhatifResult, T: number | undefined, wide = false,
  by: Record<Breakdown, boolean> = { channel: r.channels.length > 1, group: r.groups.length > 1, interval: false },
): string {
  const out: string[] = [];
  const prose = (line: string) => out.push(wrapLines(line));
  const change_ = [...levers.map(describeLever), ...variantSets.map((s) => `--variant-set ${s}`)].join(', ') || 'no change';
  const both = sets.length > 0 ? ` (both sides: ${sets.map((s) => `--set ${s}`).join(', ')})` : '';
  prose(`What-if on ${file}${both}: variant = ${change_}.`);
  prose(`Scale: each one-day run of one centre × centres × days → the period: ${describeScales(r.scale, count)}.`);
  prose(`Kernels: period by period, ${r.analyticModel}${r.simulation ? `; unlike the simulation, ${r.analyticCaveats.join('; ')}` : ''}.`);
  if (r.simulation) prose(`Simulation: ${r.simulation.replications} replications per side, seed ${r.simulation.seed} (same seeds both sides); ± is the 95% half-width; ${r.simulation.seconds.toFixed(1)} s.`);
  const blend = r.channels.length > 1;
  const moved = r.baseline.demand.some((d, i) => d.arrivals !== r.variant.demand[i]!.arrivals || d.toAgents !== r.variant.demand[i]!.toAgents);
  if (blend || moved) {
    out.push('');
    prose('Demand by channel over the period (exact, from the scenario): arrivals before self-service, and those reaching agents:');
    out.push(demandTable(r));
  }
  out.push('');
  if (blend) prose(`All channels together: ${blendWords(r.channels)} added up (a blend; each channel below; kernels "–" where a channel has none).`);
  const sim = r.simulation !== undefined;
  const kernelCells = (row: (typeof WHATIF_ROWS)[number]) => {
    const ka = valueOf(r.baseline, r.baseline.analytic, row.key);
    const kv = valueOf(r.variant, r.variant.analytic, row.key);
    return [kernelCell(row.kind, ka, r.baseline.overloadedIntervals), kernelCell(row.kind, kv, r.variant.overloadedIntervals), fmtDiff(row.kind, ka !== undefined && kv !== undefined ? kv - ka : undefined)];
  };
  const simCells = (row: (typeof WHATIF_ROWS)[number], exact: boolean) => {
    const sb = valueOf(r.baseline, r.baseline.simulated?.figures, row.key);
    const sv = valueOf(r.variant, r.variant.simulated?.figures, row.key);
    if (row.key === 'staff') return [formatByKind(row.kind, sb), formatByKind(row.kind, sv), fmtDiff(row.kind, (sv ?? 0) - (sb ?? 0))];
    const key = row.key as keyof Figures;
    const [hb, hv, d, hd] = [r.baseline.simulated?.ci95[key], r.variant.simulated?.ci95[key], r.difference?.figures[key], r.difference?.ci95[key]];
    return exact
      ? [formatByKind(row.kind, sb) + ci(row.kind, hb), formatByKind(row.kind, sv) + ci(row.kind, hv), fmtDiff(row.kind, d) + ci(row.kind, hd)]
      : [estimate(row.kind, sb, hb), estimate(row.kind, sv, hv), difference(row.kind, d, hd)];
  };
  const right = (header: string) => ({ header, align: 'right' as const });
  const label = (row: (typeof WHATIF_ROWS)[number]) => row.label(T, blend);
  if (wide) {
    out.push(renderTable(
      [{ header: 'figure' }, right('baseline (kernels)'), right('variant (kernels)'), right('Δ kernels'),
        ...(sim ? [right('baseline (simulated)'), right('variant (simulated)'), right('Δ simulated (paired)')] : []), { header: 'JSON key' }],
      WHATIF_ROWS.map((row) => [label(row), ...kernelCells(row), ...(sim ? simCells(row, true) : []), row.key]),
    ).trimEnd());
  } else {
    out.push('Kernels (period by period, the model above; "–" where they give no value):');
    out.push(renderTable([{ header: 'figure' }, right('baseline'), right('variant'), right('Δ'), { header: 'JSON key' }],
      WHATIF_ROWS.map((row) => [label(row), ...kernelCells(row), row.key])).trimEnd());
    if (sim) {
      out.push('');
      out.push('Simulation (mean ± 95% half-width; Δ is paired: both sides draw the same random numbers; --wide: one table):');
      out.push(renderTable([{ header: 'figure' }, right('baseline'), right('variant'), right('Δ (paired)')],
        WHATIF_ROWS.map((row) => [label(row), ...simCells(row, false)])).trimEnd());
    }
  }
  const note = overloadNote(Math.max(r.baseline.overloadedIntervals, r.variant.overloadedIntervals));
  if (note) prose(note);
  if (by.channel) {
    out.push('');
    prose('By channel, before (baseline) and after (variant), each with its own definitions and threshold T (JSON keys as above):');
    r.channels.forEach((c, i) => {
      out.push('');
      out.push(channelHeading(c));
      const bs = r.baseline.simulated?.byChannel[i], vs = r.variant.simulated?.byChannel[i], d = r.differenceByChannel?.[i];
      const kernels = c.kernel.status !== 'none' || !sim ? { baseline: r.baseline.analyticByChannel[i]!, variant: r.variant.analyticByChannel[i]! } : false;
      out.push(twoSideTable(channelRows(c), kernels, bs && vs && d ? { baseline: bs, variant: vs, difference: d } : undefined));
    });
  }
  if (by.group) {
    out.push('');
    out.push('By agent group, baseline and variant (busy: at least one contact in progress):');
    out.push(groupTable(r.groups, r.baseline.analyticByGroup, r.baseline.simulated?.byGroup, { kernels: r.variant.analyticByGroup, sim: r.variant.simulated?.byGroup }));
  }
  if (r.hold) {
    out.push('');
    for (const line of holdLines(r)) prose(line);
  }
  return `${out.join('\n')}\n`;
}

/** The demand table: per channel, arrivals and contacts to agents, baseline → variant, and the totals. */
function demandTable(r: WhatifResult): string {
  const rows = r.baseline.demand.map((b, i) => {
    const v = r.variant.demand[i]!;
    return [b.channel, r.channels[i]!.kind, cell('count', b.arrivals), cell('count', v.arrivals), change('count', v.arrivals - b.arrivals),
      cell('count', b.toAgents), cell('count', v.toAgents), change('count', v.toAgents - b.toAgents)];
  });
  const sum = (side: 'baseline' | 'variant', k: 'arrivals' | 'toAgents') => r[side].demand.reduce((a, d) => a + d[k], 0);
  rows.push(['all channels', '', cell('count', sum('baseline', 'arrivals')), cell('count', sum('variant', 'arrivals')), change('count', sum('variant', 'arrivals') - sum('baseline', 'arrivals')),
    cell('count', sum('baseline', 'toAgents')), cell('count', sum('variant', 'toAgents')), change('count', sum('variant', 'toAgents') - sum('baseline', 'toAgents'))]);
  const right = (header: string) => ({ header, align: 'right' as const });
  return renderTable([{ header: 'channel' }, { header: 'kind' }, right('arrivals'), right('→ variant'), right('Δ'), right('to agents'), right('→ variant'), right('Δ')], rows).trimEnd();
}

/** The hold's lines: the staff needed, how it was found, the figures at that staff. */
function holdLines(r: WhatifResult): string[] {
  const h = r.hold!;
  const what = holdLabel(h.hold);
  const kind = isSecondsFigure(h.hold.key) ? 'seconds' : 'fraction';
  const method = h.method === 'kernels'
    ? `found with the kernels (exact for ${h.hold.channel ?? 'these channels'}) in ${h.evaluations} evaluations`
    : `found with the simulator (the kernels are not exact for ${h.hold.channel ?? 'all channels together'}): bisection on whole staff, ${h.evaluations} simulated evaluations with the same random numbers`;
  if (!h.found) return [`Hold ${what}: not reachable with up to 4 × the variant's staff (${h.method}).`];
  const name = `${h.hold.key}${h.hold.channel !== undefined ? `[${h.hold.channel}]` : ''}`;
  const slice = h.hold.channel !== undefined ? `${h.hold.channel}'s` : 'all channels\'';
  return [
    `Hold ${what} with the variant's other levers: staff needed ${count(h.staff)} (${fmtDiff('count', h.staff - r.baseline.staff)} vs the baseline's ${count(r.baseline.staff)}, ${signedPercent(h.factorOfBaseline - 1)}; ` +
      `${fmtDiff('count', h.staff - r.variant.staff)} vs the variant's ${count(r.variant.staff)}), ${method}.`,
    `  at ${count(h.staff)} staff, ${slice} figures: kernels ${name} = ${formatByKind(kind, h.analytic[h.hold.key])}, answer rate ${percent(h.analytic.answerRate)}, SL ${percent(h.analytic.serviceLevel)}, ASA ${seconds(h.analytic.asa)}, occupancy ${percent(h.analytic.occupancy)}` +
      (h.simulated
        ? `; simulated ${name} = ${formatByKind(kind, h.simulated.figures[h.hold.key])}${ci(kind, h.simulated.ci95[h.hold.key])} — ${h.simulated.meetsWithinCi ? 'holds within its 95% interval' : `misses beyond its 95% interval${h.method === 'kernels' ? ' (the kernels are optimistic here)' : ''}`}`
        : ''),
  ];
}

/**
 * The CSV document: one row per figure (all channels, then `figure[channel]` per channel, then
 * `groupOccupancy[group]`…) with its unit, every value rounded for it; the staff to hold a
 * figure last (`staffToHold:KEY=VALUE`, in head count).
 */
export function whatifCsv(r: WhatifResult): string {
  let s = csvLine(['figure', 'unit', 'baselineKernels', 'variantKernels', 'differenceKernels', 'baselineSimulated', 'baselineCi95', 'variantSimulated', 'variantCi95', 'differenceSimulated', 'differenceCi95']);
  const line = (name: string, unit: Unit | undefined, values: readonly (number | undefined)[]) => csvLine([name, unit, ...values.map((v) => roundFor(unit, v))]);
  const sim = r.simulation !== undefined;
  for (const row of WHATIF_ROWS) {
    const k = row.key;
    const ka = valueOf(r.baseline, r.baseline.analytic, k);
    const kv = valueOf(r.variant, r.variant.analytic, k);
    const f = k === 'staff' ? undefined : (k as keyof Figures);
    s += line(k, unitOf(k), [
      ka, kv, ka !== undefined && kv !== undefined ? kv - ka : undefined,
      ...(sim
        ? [valueOf(r.baseline, r.baseline.simulated?.figures, k), f ? r.baseline.simulated?.ci95[f] : 0,
          valueOf(r.variant, r.variant.simulated?.figures, k), f ? r.variant.simulated?.ci95[f] : 0,
          f ? r.difference?.figures[f] : r.variant.staff - r.baseline.staff, f ? r.difference?.ci95[f] : 0]
        : []),
    ]);
  }
  if (r.channels.length > 1) {
    r.channels.forEach((c, i) => {
      for (const k of ALL_FIGURE_KEYS) {
        const ka = r.baseline.analyticByChannel[i]![k], kv = r.variant.analyticByChannel[i]![k];
        const bs = r.baseline.simulated?.byChannel[i], vs = r.variant.simulated?.byChannel[i], d = r.differenceByChannel?.[i];
        s += line(`${k}[${c.name}]`, unitOf(k), [ka, kv, kv - ka, ...(sim ? [bs?.figures[k], bs?.ci95[k], vs?.figures[k], vs?.ci95[k], d?.figures[k], d?.ci95[k]] : [])]);
      }
    });
  }
  if (r.groups.length > 1) {
    r.groups.forEach((g, i) => {
      for (const k of GROUP_FIGURE_KEYS) {
        const ka = r.baseline.analyticByGroup[i]![k], kv = r.variant.analyticByGroup[i]![k];
        const bs = r.baseline.simulated?.byGroup[i], vs = r.variant.simulated?.byGroup[i];
        s += line(`group${k[0]!.toUpperCase()}${k.slice(1)}[${g}]`, unitOf(k), [ka, kv, kv - ka, ...(sim ? [bs?.figures[k], bs?.ci95[k], vs?.figures[k], vs?.ci95[k]] : [])]);
      }
    });
  }
  if (r.hold) {
    const h = r.hold;
    s += line(`staffToHold:${h.hold.key}${h.hold.channel !== undefined ? `[${h.hold.channel}]` : ''}=${h.hold.value}`, INPUT_UNITS.staffToHold, [undefined, h.staff, h.staff - r.baseline.staff]);
  }
  return s;
}

/** The whatif flags of the levers, in the order they apply: flag, lever name, repeatable. */
const LEVER_FLAGS: readonly [string, string, boolean][] = [
  ['staff', 'staff', false], ['self-service', 'selfService', false], ['volume', 'volume', false], ['aht', 'aht', false], ['patience', 'patience', false],
  ['shift', 'shift', true], ['shift-conversion', 'shiftConversion', false], ['concurrency', 'concurrency', true], ['deadline', 'deadline', true], ['retrial', 'retrial', true],
];

/** The levers given on the command line, in a fixed order; `--shift-basis` applies to every `--shift`. */
export function leversOf(argv: Args): Lever[] {
  const out: Lever[] = [];
  const basis = stringFlag(argv, 'shift-basis') as ShiftBasis | undefined;
  for (const [flag, name, repeatable] of LEVER_FLAGS) {
    const raw = argv[flag];
    if (raw === undefined) continue;
    const values = repeatable && Array.isArray(raw) ? raw.map(String) : [stringFlag(argv, flag)!];
    for (const v of values) {
      try {
        const l = parseLever(name, v);
        out.push(name === 'shift' && basis !== undefined ? { ...l, basis } : l);
      } catch (err) {
        throw new InputError((err as Error).message);
      }
    }
  }
  if (basis !== undefined && !out.some((l) => l.lever === 'shift')) throw new UsageError('--shift-basis applies to --shift; give a --shift FROM:TO=SHARE');
  if (out.some((l) => l.lever === 'shiftConversion') && !out.some((l) => l.lever === 'shift')) throw new UsageError('--shift-conversion applies to --shift; give a --shift FROM:TO=SHARE');
  return out;
}

/** Run options from flags and the scenario's `simulation` block. */
export function runOptionsOf(argv: Args, s: Scenario): { simulate: boolean; replications: number; seed: string | number; warmupSeconds: number } {
  return {
    simulate: argv.simulate !== false,
    replications: replicationsOf(argv) ?? s.simulation?.replications ?? 8,
    seed: typeof argv.seed === 'string' ? argv.seed : (s.simulation?.seed ?? 1),
    warmupSeconds: s.simulation?.warmupSeconds ?? 0,
  };
}

/** The baseline with `--variant-set` applied (re-validated from its raw data), or the baseline itself. */
async function variantScenario(baseline: Scenario, raw: unknown, variantSets: readonly string[], file: string): Promise<Scenario> {
  if (variantSets.length === 0) return baseline;
  const r = await loadScenarioText(JSON.stringify(raw), variantSets, { maxBytes: Infinity }); // the file's size was checked when it was read
  // the overrides are --variant-set's: name that flag in their problems
  if (r.state === 'invalid') throw new InputError(formatProblems(file, r.problems.map((p) => ({ ...p, path: p.path.replace(/^--set\b/, '--variant-set') }))));
  return r.scenario;
}

export const whatifCommand: CommandModule<object, Args> = {
  command: 'whatif [file]',
  describe: 'baseline vs variant (levers: staff, self-service, volume, AHT, patience, channel shifts, concurrency, deadlines, redials), kernels and simulation, per channel and group; --hold finds the staff needed',
  builder: (y) =>
    withScenarioOptions(y, 'override one value on both sides: path=value (e.g. channels[voice].patienceSeconds.mean=90); repeatable')
      .option('variant-set', { type: 'string', requiresArg: true, describe: 'override one value in the variant only: path=value; repeatable' })
      .option('staff', { type: 'string', requiresArg: true, describe: 'staff change: -8% | factor 0.92 | head count 47104' })
      .option('self-service', {
        type: 'string', requiresArg: true,
        describe: 'IVR share of voice calls (total voice arrivals fixed): the model\'s share 0.75 or 75% | a change +6pt | a share on a definition ivr/answered=0.70 or ivr/offered=0.75',
      })
      .option('volume', { type: 'string', requiresArg: true, describe: 'volume change: +5% | factor 1.05' })
      .option('aht', { type: 'string', requiresArg: true, describe: 'handle-time change: -10s | -5% | new mean 180s' })
      .option('patience', { type: 'string', requiresArg: true, describe: 'patience change: +20% | +30s | new mean 150s' })
      .option('shift', {
        type: 'string', requiresArg: true,
        describe: 'move a share of one channel\'s demand to another: FROM:TO=SHARE, e.g. voice:wechat=10% (of FROM\'s arrivals before self-service, or with --shift-basis agent of its agent-directed contacts); repeatable',
      })
      .option('shift-basis', { type: 'string', choices: [...SHIFT_BASES], describe: 'what --shift moves: arrivals (default: before self-service, shares kept) or agent (agent-directed contacts; self-service completions kept)' })
      .option('shift-conversion', { type: 'string', requiresArg: true, describe: 'contacts on the receiving channel per contact --shift moves (default 1: demand conserved), e.g. 1.2 sessions per call' })
      .option('concurrency', { type: 'string', requiresArg: true, describe: 'a chat channel\'s sessions per agent: CHANNEL=N, e.g. wechat=3; repeatable' })
      .option('deadline', { type: 'string', requiresArg: true, describe: 'a deferred channel\'s deadline: CHANNEL=DURATION, e.g. email=4h (30m, 1d, 900s); repeatable' })
      .option('retrial', { type: 'string', requiresArg: true, describe: 'share of abandoned contacts that redial: 0.3 (every real-time channel with patience) or CHANNEL=SHARE, e.g. voice=0.3; repeatable' })
      .option('hold', {
        type: 'string', requiresArg: true,
        describe: `staff the variant needs to hold a figure, FIGURE=VALUE or FIGURE[CHANNEL]=VALUE with FIGURE one of ${HOLD_FIGURES.join(', ')}, or slT (sl20: serviceLevel, T checked against the channel); ` +
          'fractions as 0.9122 or 91.22%, times in seconds; e.g. answerRate[voice]=0.9122 | sl20=0.8 | asa=30 | pAbandon=0.05; searched with the kernels where they are exact for it, else with the simulator',
      })
      .option('by', byOption)
      .option('simulate', { type: 'boolean', default: true, describe: 'also simulate (--no-simulate: kernels only)' })
      .option('workers', workersOption)
      .option('allow-large', allowLargeOption)
      .option('replications', numericOption('replications per side (default: the file\'s simulation.replications, else 8)'))
      .option('seed', { type: 'string', requiresArg: true, describe: 'master seed (default: the file\'s simulation.seed)' })
      .option('json', { type: 'boolean', describe: 'one JSON document' })
      .option('csv', { type: 'boolean', describe: 'CSV, one row per figure with its unit, rounded per unit' })
      .option('wide', { type: 'boolean', describe: 'kernels and simulation of all channels side by side in one table (wider than 120 columns)' })
      .option('report', reportOption)
      .conflicts('json', 'csv')
      .example('$0 whatif scenarios/china-banking-2017.yaml --shift voice:wechat=10% --staff -4% --hold answerRate[voice]=0.9122', 'move 10% of voice to WeChat, 4% fewer staff: every channel, and the staff that keeps voice at 91.22%')
      .example('$0 whatif scenarios/china-banking-2017.yaml --staff -8% --self-service +6pt --hold answerRate[voice]=0.9122', 'the planners\' question: self-service 69% → 75% in the report\'s terms')
      .example('$0 whatif scenarios/china-banking-2017.yaml --self-service ivr/answered=0.75', 'a share on the IVR / (IVR + answered) definition')
      .example('$0 whatif scenarios/china-banking-2017.yaml --set channels[voice].patienceSeconds.mean=90 --staff -4%', 'another assumption on both sides')
      .example('$0 whatif scenarios/china-banking-2017.yaml --aht -10s --csv', 'CSV for a spreadsheet')
      .epilog('Both sides use the same random numbers, so Δ simulated is a paired difference with its own 95% interval. ' +
        'Figures: docs/figures.md and docs/channels.md; levers: docs/levers.md.') as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const levers = leversOf(argv);
    const sets = setsOf(argv);
    const variantSets = setsOf({ set: argv.variantSet });
    // The baseline is the file with --set; --variant-set and the levers make the variant.
    const { file, scenario: baseline, raw, text } = await loadForCommand(argv);
    const by = breakdownsOf(argv, baseline, ['channel', 'group']);
    const withSetsValid = await variantScenario(baseline, raw, variantSets, file);
    let hold: Hold | undefined;
    let variants: WhatifVariants;
    try {
      if (typeof argv.hold === 'string') hold = parseHold(argv.hold, withSetsValid);
      // The hold search moves staff with the variant's other levers kept: a share solved on another definition stays as solved.
      variants = whatifVariants(withSetsValid, levers);
    } catch (err) {
      if (err instanceof RangeError) throw new InputError(err.message);
      throw err;
    }
    const o = runOptionsOf(argv, baseline);
    const report = reportFlag(argv);
    const workers = workersFlag(argv);
    let progress: Progress | undefined;
    if (o.simulate) {
      // Before anything runs: both sides (and the hold's answer) simulated, against the limits.
      const plans = [buildPlan(baseline), buildPlan(variants.variant)];
      const work = sequentialWork([planWork(plans[0]!, o.replications, workers), planWork(plans[1]!, o.replications, workers, hold ? 2 : 1)],
        `baseline and variant${hold ? ' and the hold\'s answer' : ''}, ${o.replications} replications × ${plans[0]!.runs.length} one-day runs each`);
      enforceWork(work, argv, 'whatif');
      progress = createProgress({ total: 2 * o.replications * plans[0]!.runs.length, unit: 'runs', quiet: !wantsProgress(work, workers) });
    }
    // --workers (issue 5): the replications on worker threads (the hold first, then both sides and the hold's answer)
    let r: WhatifResult;
    try {
      r = await withInterrupt((signal) => runWhatifParallel(baseline, variants, { ...o, workers, signal, intervals: report !== undefined, onRun: (done) => progress?.update(done) }, hold))
        .finally(() => progress?.stop());
    } catch (err) {
      if (err instanceof RangeError && !(err.name === 'ModelError')) throw new InputError(err.message);
      throw err;
    }
    const T = commonTarget(baseline.channels);
    if (report !== undefined) {
      const change = [...levers.map(describeLever), ...variantSets.map((x) => `--variant-set ${x}`)].join(', ') || 'no change';
      const body = whatifReport({ baseline, variant: variants.variant, result: r, change });
      const doc = reportDocument(body, { scenario: { name: baseline.name, file, sha256: sha256(text) }, command: commandLine(commandArgs()), seed: o.seed, ...(o.simulate ? { replications: o.replications } : {}) }, T);
      const bytes = writeReport(report, doc);
      process.stderr.write(`whatif: report ${report} (${(bytes / 1024).toFixed(0)} KB)\n`);
    }
    if (argv.json === true) {
      const strip = (x: WhatifResult['baseline']) => ({
        staff: x.staff, analytic: x.analytic, demand: x.demand,
        byChannel: r.channels.map((c, i) => ({ channel: c.name, analytic: x.analyticByChannel[i], ...(x.simulated ? { simulated: { figures: x.simulated.byChannel[i]!.figures, ci95: x.simulated.byChannel[i]!.ci95 } } : {}) })),
        byGroup: r.groups.map((g, i) => ({ group: g, analytic: x.analyticByGroup[i], ...(x.simulated ? { simulated: x.simulated.byGroup[i] } : {}) })),
        ...(x.simulated ? { simulated: { figures: x.simulated.figures, ci95: x.simulated.ci95 } } : {}),
      });
      const { differenceByChannel, ...rest } = r;
      process.stdout.write(`${toJson({
        file, levers, sets, variantSets, ...rest, baseline: strip(r.baseline), variant: strip(r.variant),
        ...(differenceByChannel ? { differenceByChannel: r.channels.map((c, i) => ({ channel: c.name, ...differenceByChannel[i]! })) } : {}),
      }, 2)}\n`);
    } else if (argv.csv === true) {
      process.stdout.write(whatifCsv(r));
    } else {
      process.stdout.write(renderWhatif(file, levers, sets, variantSets, r, T, argv.wide === true, by));
    }
  },
};
