/**
 * `ccsim whatif FILE` with levers a planner understands (docs/levers.md):
 *   --staff -8% | 0.92 | 47104   --self-service 0.75 | +6pt | ivr/answered=0.70   --volume +5%
 *   --aht -10s | -5%   --patience +20%   --hold answerRate=0.9122 | sl20=0.8
 *   --set path=value (both sides)   --variant-set path=value (the variant only)
 * Prints baseline and variant side by side — kernels (period by period) and simulation (95%
 * intervals; the same seeds on both sides, so the difference has a paired interval) — and,
 * with --hold, the staff the variant needs to hold the figure (kernels, then simulation at
 * the answer). `--json` one document, `--csv` one row per figure.
 * The figure rows and cell formats are shared with `ccsim simulate FILE` (simulateFile.ts).
 */
import { describeScales } from '../../scenarios/index.js';
import { withInterrupt, workersFlag, workersOption } from '../io/workers.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { describeLever, HOLD_FIGURES, parseHold, parseLever, runWhatifParallel, whatifReport, whatifVariants, loadScenarioText, formatProblems } from '../../scenarios/index.js';
import type { Figures } from '../../engine/stats/figures.js';
import type { Hold, Lever, Scenario, WhatifResult, WhatifVariants } from '../../scenarios/index.js';
import { commandArgs, reportFlag, reportOption } from '../report/flag.js';
import { commandLine, reportDocument, sha256, writeReport } from '../report/write.js';
import { InputError } from '../errors.js';
import { count, countEstimate, csvLine, formatByKind, percent, renderTable, seconds, signedPercent, toJson, wrapLines } from '../format/index.js';
import { loadForCommand, replicationsOf, setsOf, withScenarioOptions } from '../io/scenario.js';
import { numericOption, stringFlag } from '../io/flags.js';
import { allowLargeOption, enforceWork, wantsProgress } from '../io/budget.js';
import { createProgress, type Progress } from '../io/progress.js';
import { buildPlan } from '../../scenarios/index.js';
import { planWork, sequentialWork } from '../../scenarios/plan/work.js';

type Args = Record<string, unknown>;

/** The rows of the side-by-side table: JSON key, label, how it prints. */
export const WHATIF_ROWS: { key: keyof Figures | 'staff'; label: (T: number) => string; kind: 'fraction' | 'seconds' | 'count' }[] = [
  { key: 'staff', label: () => 'staff (head count)', kind: 'count' },
  { key: 'agents', label: () => 'agents on duty (mean, whole scenario)', kind: 'count' },
  { key: 'answerRate', label: () => 'answer rate', kind: 'fraction' },
  { key: 'serviceLevel', label: (T) => `service level: answered ≤ ${T} s / offered`, kind: 'fraction' },
  { key: 'asa', label: () => 'ASA: mean wait of answered', kind: 'seconds' },
  { key: 'pAbandon', label: () => 'abandonment rate', kind: 'fraction' },
  { key: 'occupancy', label: () => 'occupancy', kind: 'fraction' },
  { key: 'offered', label: () => 'offered agent calls per period', kind: 'count' },
  { key: 'answered', label: () => 'answered agent calls per period', kind: 'count' },
  { key: 'selfServiceCompleted', label: () => 'self-service (IVR) calls per period', kind: 'count' },
  { key: 'selfServiceShare', label: () => 'self-service share: IVR / (IVR + offered)', kind: 'fraction' },
  { key: 'selfServiceShareAnswered', label: () => 'self-service share: IVR / (IVR + answered)', kind: 'fraction' },
];

const fmtDiff = (kind: 'fraction' | 'seconds' | 'count', v: number | undefined): string => {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const sign = v >= 0 ? '+' : '−';
  const a = Math.abs(v);
  return kind === 'fraction' ? `${sign}${(a * 100).toFixed(2)} pt` : kind === 'seconds' ? `${sign}${a.toFixed(2)} s` : `${sign}${count(a)}`;
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
    ? `Kernels: ${overloadedIntervals} interval(s) of the representative days have demand at or over the agents and callers who never abandon (no patience): Erlang C has no steady state there, so the kernel figures of the queue are shown as "overloaded" (the simulation shows what happens).`
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
 * The readable report: kernels and simulation in two blocks (≤ 120 columns), or with `wide`
 * side by side in one table.
 * @param sets `--set` overrides (both sides); @param variantSets `--variant-set` overrides (the variant only)
 */
export function renderWhatif(file: string, levers: readonly Lever[], sets: readonly string[], variantSets: readonly string[], r: WhatifResult, T: number, wide = false): string {
  const out: string[] = [];
  const prose = (line: string) => out.push(wrapLines(line));
  const change = [...levers.map(describeLever), ...variantSets.map((s) => `--variant-set ${s}`)].join(', ') || 'no change';
  const both = sets.length > 0 ? ` (both sides: ${sets.map((s) => `--set ${s}`).join(', ')})` : '';
  prose(`What-if on ${file}${both}: variant = ${change}.`);
  prose(`Scale: each one-day run of one centre × centres × days → the period: ${describeScales(r.scale, count)}.`);
  prose(`Kernels: period by period, ${r.analyticModel}${r.simulation ? `; unlike the simulation, ${r.analyticCaveats.join('; ')}` : ''}.`);
  if (r.simulation) prose(`Simulation: ${r.simulation.replications} replications per side, seed ${r.simulation.seed} (same seeds both sides); ± is the 95% half-width; ${r.simulation.seconds.toFixed(1)} s.`);
  out.push('');
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
  if (wide) {
    out.push(renderTable(
      [{ header: 'figure' }, right('baseline (kernels)'), right('variant (kernels)'), right('Δ kernels'),
        ...(sim ? [right('baseline (simulated)'), right('variant (simulated)'), right('Δ simulated (paired)')] : []), { header: 'JSON key' }],
      WHATIF_ROWS.map((row) => [row.label(T), ...kernelCells(row), ...(sim ? simCells(row, true) : []), row.key]),
    ).trimEnd());
  } else {
    out.push('Kernels (period by period, the model above):');
    out.push(renderTable([{ header: 'figure' }, right('baseline'), right('variant'), right('Δ'), { header: 'JSON key' }],
      WHATIF_ROWS.map((row) => [row.label(T), ...kernelCells(row), row.key])).trimEnd());
    if (sim) {
      out.push('');
      out.push('Simulation (mean ± 95% half-width; Δ is paired: both sides draw the same random numbers; --wide: one table):');
      out.push(renderTable([{ header: 'figure' }, right('baseline'), right('variant'), right('Δ (paired)')],
        WHATIF_ROWS.map((row) => [row.label(T), ...simCells(row, false)])).trimEnd());
    }
  }
  const note = overloadNote(Math.max(r.baseline.overloadedIntervals, r.variant.overloadedIntervals));
  if (note) prose(note);
  if (r.hold) {
    const h = r.hold;
    out.push('');
    const what = `${h.hold.key} ${h.hold.better === 'higher' ? '≥' : '≤'} ${h.hold.key === 'asa' || h.hold.key === 'meanWait' ? `${h.hold.value} s` : percent(h.hold.value, 2)}`;
    if (!h.found) {
      prose(`Hold ${what}: not reachable with up to 4 × the variant's staff (kernels).`);
    } else {
      prose(`Hold ${what} with the variant's other levers: staff needed ${count(h.staff)} (${fmtDiff('count', h.staff - r.baseline.staff)} vs the baseline's ${count(r.baseline.staff)}, ${signedPercent(h.factorOfBaseline - 1)}; ` +
        `${fmtDiff('count', h.staff - r.variant.staff)} vs the variant's ${count(r.variant.staff)}), found with the kernels in ${h.evaluations} evaluations.`);
      const kind = h.hold.key === 'asa' || h.hold.key === 'meanWait' ? 'seconds' : 'fraction';
      prose(`  at ${count(h.staff)} staff: kernels ${h.hold.key} = ${formatByKind(kind, h.analytic[h.hold.key])}, answer rate ${percent(h.analytic.answerRate)}, SL ${percent(h.analytic.serviceLevel)}, ASA ${seconds(h.analytic.asa)}, occupancy ${percent(h.analytic.occupancy)}` +
        (h.simulated
          ? `; simulated ${h.hold.key} = ${formatByKind(kind, h.simulated.figures[h.hold.key])}${ci(kind, h.simulated.ci95[h.hold.key])} — ${h.simulated.meetsWithinCi ? 'holds within its 95% interval' : 'misses beyond its 95% interval (the kernels are optimistic here)'}`
          : ''));
    }
  }
  return `${out.join('\n')}\n`;
}

/** The CSV document: one row per figure. */
export function whatifCsv(r: WhatifResult): string {
  let s = csvLine(['figure', 'baselineKernels', 'variantKernels', 'differenceKernels', 'baselineSimulated', 'baselineCi95', 'variantSimulated', 'variantCi95', 'differenceSimulated', 'differenceCi95']);
  const sim = r.simulation !== undefined;
  for (const row of WHATIF_ROWS) {
    const k = row.key;
    const ka = valueOf(r.baseline, r.baseline.analytic, k);
    const kv = valueOf(r.variant, r.variant.analytic, k);
    const f = k === 'staff' ? undefined : (k as keyof Figures);
    s += csvLine([
      k, ka, kv, ka !== undefined && kv !== undefined ? kv - ka : undefined,
      ...(sim
        ? [valueOf(r.baseline, r.baseline.simulated?.figures, k), f ? r.baseline.simulated?.ci95[f] : 0,
          valueOf(r.variant, r.variant.simulated?.figures, k), f ? r.variant.simulated?.ci95[f] : 0,
          f ? r.difference?.figures[f] : r.variant.staff - r.baseline.staff, f ? r.difference?.ci95[f] : 0]
        : []),
    ]);
  }
  if (r.hold) s += csvLine([`staffToHold:${r.hold.hold.key}=${r.hold.hold.value}`, undefined, r.hold.staff, r.hold.staff - r.baseline.staff]);
  return s;
}

/** The levers given on the command line, in a fixed order. */
export function leversOf(argv: Args): Lever[] {
  const out: Lever[] = [];
  for (const [flag, name] of [['staff', 'staff'], ['self-service', 'selfService'], ['volume', 'volume'], ['aht', 'aht'], ['patience', 'patience']] as const) {
    const v = stringFlag(argv, flag);
    if (v === undefined) continue;
    try {
      out.push(parseLever(name, v));
    } catch (err) {
      throw new InputError((err as Error).message);
    }
  }
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
  describe: 'baseline vs variant (levers: staff, self-service, volume, AHT, patience), kernels and simulation; --hold finds the staff needed',
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
      .option('hold', {
        type: 'string', requiresArg: true,
        describe: `staff the variant needs to hold a figure, FIGURE=VALUE with FIGURE one of ${HOLD_FIGURES.join(', ')}, or slT (sl20: serviceLevel, T checked against the file); ` +
          'fractions as 0.9122 or 91.22%, asa and meanWait in seconds; e.g. answerRate=0.9122 | sl20=0.8 | asa=30 | pAbandon=0.05',
      })
      .option('simulate', { type: 'boolean', default: true, describe: 'also simulate (--no-simulate: kernels only)' })
      .option('workers', workersOption)
      .option('allow-large', allowLargeOption)
      .option('replications', numericOption('replications per side (default: the file\'s simulation.replications, else 8)'))
      .option('seed', { type: 'string', requiresArg: true, describe: 'master seed (default: the file\'s simulation.seed)' })
      .option('json', { type: 'boolean', describe: 'one JSON document' })
      .option('csv', { type: 'boolean', describe: 'CSV, one row per figure' })
      .option('wide', { type: 'boolean', describe: 'kernels and simulation side by side in one table (wider than 120 columns)' })
      .option('report', reportOption)
      .conflicts('json', 'csv')
      .example('$0 whatif scenarios/china-banking-2017.yaml --staff -8% --self-service +6pt --hold answerRate=0.9122', 'the planners\' question: self-service 69% → 75% in the report\'s terms')
      .example('$0 whatif scenarios/china-banking-2017.yaml --self-service ivr/answered=0.75', 'a share on the IVR / (IVR + answered) definition')
      .example('$0 whatif scenarios/china-banking-2017.yaml --set channels[voice].patienceSeconds.mean=90 --staff -4%', 'another assumption on both sides')
      .example('$0 whatif scenarios/china-banking-2017.yaml --aht -10s --csv', 'CSV for a spreadsheet')
      .epilog('Both sides use the same random numbers, so Δ simulated is a paired difference with its own 95% interval. ' +
        'Figures: docs/figures.md; levers: docs/levers.md.') as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const levers = leversOf(argv);
    const sets = setsOf(argv);
    const variantSets = setsOf({ set: argv.variantSet });
    // The baseline is the file with --set; --variant-set and the levers make the variant.
    const { file, scenario: baseline, raw, text } = await loadForCommand(argv);
    const withSetsValid = await variantScenario(baseline, raw, variantSets, file);
    let hold: Hold | undefined;
    let variants: WhatifVariants;
    try {
      if (typeof argv.hold === 'string') hold = parseHold(argv.hold, withSetsValid);
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
    // --workers (issue 5): both sides' replications on worker threads first, then runWhatif
    const r = await withInterrupt((signal) => runWhatifParallel(baseline, variants, { ...o, workers, signal, intervals: report !== undefined, onRun: (done) => progress?.update(done) }, hold))
      .finally(() => progress?.stop());
    const T = baseline.channels[0]?.targetSeconds ?? 20;
    if (report !== undefined) {
      const change = [...levers.map(describeLever), ...variantSets.map((x) => `--variant-set ${x}`)].join(', ') || 'no change';
      const body = whatifReport({ baseline, variant: variants.variant, result: r, change });
      const doc = reportDocument(body, { scenario: { name: baseline.name, file, sha256: sha256(text) }, command: commandLine(commandArgs()), seed: o.seed, ...(o.simulate ? { replications: o.replications } : {}) }, T);
      const bytes = writeReport(report, doc);
      process.stderr.write(`whatif: report ${report} (${(bytes / 1024).toFixed(0)} KB)\n`);
    }
    if (argv.json === true) {
      const strip = (x: WhatifResult['baseline']) => ({ staff: x.staff, analytic: x.analytic, ...(x.simulated ? { simulated: { figures: x.simulated.figures, ci95: x.simulated.ci95 } } : {}) });
      process.stdout.write(`${toJson({ file, levers, sets, variantSets, ...r, baseline: strip(r.baseline), variant: strip(r.variant) }, 2)}\n`);
    } else if (argv.csv === true) {
      process.stdout.write(whatifCsv(r));
    } else {
      process.stdout.write(renderWhatif(file, levers, sets, variantSets, r, T, argv.wide === true));
    }
  },
};
