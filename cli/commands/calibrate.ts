/**
 * `ccsim calibrate FILE [--out calibrated.yaml]`: fits the parameters named in the file's
 * `calibration.parameters` to its `exact` targets — analytic kernels first (period by
 * period M/M/N+G, Erlang A for exponential patience), then confirmed (and corrected) by simulation with 95% intervals — and
 * prints target / reported / fitted / residual / exact-or-soft, the fitted parameters, and
 * plain findings (targets fixed by inputs, parameters not identifiable, conflicts, soft
 * targets that cannot hold). `--out` writes the scenario with the fitted values, each with a
 * comment keeping what it replaced (a formula stays readable there, with the number it gave):
 * atomically (a temporary file renamed over it, so a full disk or a kill never leaves a
 * truncated file), under a lock (one writer), and never over its own input FILE unless
 * `--in-place` is given.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { buildPlan, calibrateScenario, getAt, parameterWrites, planWork, rangePointsParallel, rangeScan, rewriteScenario } from '../../scenarios/index.js';
import type { CalibrationResult, TargetFit } from '../../scenarios/index.js';
import { allowLargeOption, enforceWork, wantsProgress } from '../io/budget.js';
import { createProgress, type Progress } from '../io/progress.js';
import { InputError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { lockOutput, type OutputLock } from '../io/lock.js';
import { describePatience } from '../../engine/erlang/index.js';
import type { DistributionSpec } from '../../engine/rng/index.js';
import { count, countEstimate, csvLine, fixed, percent, renderTable, roundFor, scenarioPathUnit, signedPercent, toJson, unitOf, withUnit, wrapLines, type Unit } from '../format/index.js';
import { loadForCommand, replicationsOf, setsOf, withScenarioOptions } from '../io/scenario.js';
import { numericOption } from '../io/flags.js';
import { withInterrupt, workersFlag, workersOption } from '../io/workers.js';
import { ALL_FIGURE_KEYS, GROUP_FIGURE_KEYS } from '../../engine/stats/figures.js';
import { breakdownsOf, byOption, channelInfos, type Breakdown } from '../io/breakdowns.js';
import { channelHeading, channelRows, groupTable, oneSideTable } from '../format/slices.js';

type Args = Record<string, unknown>;

/** Target figures that are counts (their simulated cells rounded to the interval: countEstimate). */
const COUNT_TARGETS = new Set(['offered', 'answered', 'abandoned', 'selfServiceCompleted', 'retrials', 'returns', 'customers', 'served']);

/** A target figure's value as a table cell: shares as %, counts as integers, seconds with 2 decimals. */
export function formatTargetValue(figure: string, v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '–';
  if (['answerRate', 'serviceLevel', 'slAnswered', 'pAbandon', 'occupancy', 'selfServiceShare', 'selfServiceShareAnswered', 'answerRatePerCustomer', 'handledWithinDeadline'].includes(figure)) return percent(v, 3);
  if (['asa', 'meanWait', 'meanTimeToHandle', 'p90TimeToHandle'].includes(figure)) return `${fixed(v, 2)} s`;
  if (figure === 'backlog') return fixed(v, 2);
  return count(v);
}

/** The readable calibration report. */
export function renderCalibration(file: string, r: CalibrationResult, by: Record<Breakdown, boolean> = { channel: false, group: false, interval: false }): string {
  const out: string[] = [];
  out.push(`Calibration of ${file}: ${r.parameters.length} parameter(s) fitted to ${r.targets.filter((t) => t.kind === 'exact').length} exact target(s).`);
  out.push(wrapLines(`Analytic: period by period, ${r.analyticModel}, over every interval of the representative days, per channel (docs/channels.md; ${r.analyticEvaluations} evaluations).`));
  if (r.simulation) {
    out.push(`Simulation: ${r.simulation.replications} replications, seed ${r.simulation.seed}, ${r.simulation.iterations} correction step(s), ${r.simulation.seconds.toFixed(1)} s; ± is the 95% half-width.`);
  }
  out.push('');
  out.push('Targets (residual = (fitted − reported) / reported):');
  const tRows = r.targets.map((t: TargetFit) => [
    t.name,
    t.kind + (t.noKernel ? ' (no kernel)' : t.moved ? '' : ' (input)'),
    formatTargetValue(t.figure, t.reported),
    formatTargetValue(t.figure, t.analytic),
    signedPercent(t.analyticResidual, 3),
    t.simulated ? (COUNT_TARGETS.has(t.figure) ? countEstimate(t.simulated.mean, t.simulated.ci95) : `${formatTargetValue(t.figure, t.simulated.mean)} ± ${formatTargetValue(t.figure, t.simulated.ci95)}`) : '',
    t.simulated ? signedPercent(t.simulated.residual, 3) : '',
    t.simulated ? (t.simulated.withinCi ? 'yes' : 'no') : '',
  ]);
  out.push(renderTable(
    [
      { header: 'target' }, { header: 'kind' }, { header: 'reported', align: 'right' }, { header: 'analytic fit', align: 'right' },
      { header: 'residual', align: 'right' }, { header: 'simulated', align: 'right' }, { header: 'residual', align: 'right' },
      { header: 'in 95% CI' },
    ],
    tRows,
  ).trimEnd());
  out.push('');
  out.push('Parameters:');
  out.push(renderTable(
    [{ header: 'parameter' }, { header: 'bounds' }, { header: 'start', align: 'right' }, { header: 'analytic fit', align: 'right' }, { header: 'after simulation', align: 'right' }],
    r.parameters.map((p) => [p.path, `[${bound(p.min)}, ${bound(p.max)}]`, num(p.start), num(p.analytic), num(p.final)]),
  ).trimEnd());
  // each parameter's note under the table (a column would pass 120 columns)
  for (const p of r.parameters) if (p.source) out.push(wrapLines(`  ${p.path}: ${p.source}`));
  if (by.channel) {
    const info = channelInfos(r.scenario, r.final.kernels);
    out.push('');
    out.push('By channel at the fitted values (each with its own definitions and threshold T):');
    info.forEach((c, i) => {
      out.push('');
      out.push(channelHeading(c));
      out.push(oneSideTable(channelRows(c), r.final.analyticByChannel[i], r.final.simulatedByChannel?.[i]));
    });
  }
  if (by.group) {
    out.push('');
    out.push('By agent group at the fitted values (busy: at least one contact in progress):');
    out.push(groupTable(r.scenario.groups.map((g) => g.name), r.final.analyticByGroup, r.final.simulatedByGroup));
  }
  out.push('');
  out.push('Findings:');
  for (const f of r.findings) out.push(wrapLines(`- ${f}`));
  for (const n of r.softNotes) out.push(wrapLines(`- ${n}`));
  for (const sc of r.softChecks) {
    const worst = sc.compromise.filter((c) => c.name !== sc.name).sort((a, b) => Math.abs(b.residual) - Math.abs(a.residual))[0];
    const self = sc.compromise.find((c) => c.name === sc.name);
    out.push(`- forcing the soft target ${sc.name} into the fit (equal weights on relative residuals): it reaches only ${formatTargetValue(sc.figure, self?.value)}` +
      (worst ? ` while ${worst.name} moves ${signedPercent(worst.residual, 2)} off its reported value` : '') + ': the targets conflict; it stays soft.');
    out[out.length - 1] = wrapLines(out[out.length - 1]!);
  }
  if (r.ranges) out.push(...renderRanges(r));
  return `${out.join('\n')}\n`;
}

/** A parameter bound as typed, large ones in exponent form: 2500000000 → 2.5e9. */
const bound = (x: number): string => (Math.abs(x) >= 1e6 ? x.toExponential().replace('e+', 'e') : String(x));

/**
 * The calibration as CSV, one table in long form: a row per target, a row per parameter, each
 * channel's and group's figures at the fitted values, then (when they ran) the ranges' refits —
 * per combination the figures the table shows and the fitted parameters. `figure` names the
 * figure key (a parameter: its scenario path is the name), `unit` its unit (a parameter's from
 * its key, docs/scenario-format.md; empty where the key names none, the value then as is);
 * every value is rounded for its unit, residuals are fractions.
 */
export function calibrationCsv(r: CalibrationResult): string {
  let out = csvLine(['table', 'name', 'kind', 'figure', 'unit', 'reported', 'start', 'min', 'max', 'analytic', withUnit('analyticResidual', 'fraction'),
    'simulated', 'ci95', withUnit('simulatedResidual', 'fraction'), 'reportedInCi95']);
  /** One row: `values` (reported … analytic) and `sim` (simulated, ci95) rounded for `unit`; residuals as fractions. */
  const row = (table: string, name: string, kind: string | undefined, figure: string | undefined, unit: Unit | undefined,
    values: readonly (number | undefined)[], analyticResidual?: number, sim: readonly (number | undefined)[] = [], simulatedResidual?: number, within?: boolean) =>
    csvLine([table, name, kind, figure, unit, ...values.map((v) => roundFor(unit, v)), roundFor('fraction', analyticResidual),
      ...sim.map((v) => roundFor(unit, v)), ...(sim.length > 0 || within !== undefined ? [roundFor('fraction', simulatedResidual), within] : [])]);
  for (const t of r.targets) {
    out += row('targets', t.name, t.kind, t.figure, unitOf(t.figure), [t.reported, undefined, undefined, undefined, t.analytic], t.analyticResidual,
      [t.simulated?.mean, t.simulated?.ci95], t.simulated?.residual, t.simulated?.withinCi);
  }
  for (const p of r.parameters) {
    const u = scenarioPathUnit(p.path);
    out += row('parameters', p.path, undefined, undefined, u, [undefined, p.start, p.min, p.max, p.analytic], undefined, [p.final]);
  }
  // each channel's and group's figures at the fitted values
  r.final.channels.forEach((c, i) => {
    for (const k of ALL_FIGURE_KEYS) {
      out += row('channels', c, undefined, k, unitOf(k), [undefined, undefined, undefined, undefined, r.final.analyticByChannel[i]![k]], undefined,
        [r.final.simulatedByChannel?.[i]?.figures[k], r.final.simulatedByChannel?.[i]?.ci95[k]]);
    }
  });
  r.scenario.groups.forEach((g, i) => {
    for (const k of GROUP_FIGURE_KEYS) {
      out += row('groups', g.name, undefined, k, unitOf(k), [undefined, undefined, undefined, undefined, r.final.analyticByGroup[i]![k]], undefined,
        [r.final.simulatedByGroup?.[i]?.figures[k], r.final.simulatedByGroup?.[i]?.ci95[k]]);
    }
  });
  // the ranges' refits: name = the combination (each range's paths = its value), kind = whether it fits every exact target it moves
  const scan = r.ranges;
  if (scan) {
    for (const p of scan.points) {
      const name = scan.ranges.map((g, i) => `${g.paths.join('+')}=${valueWords(p.values[i])}`).join('; ');
      const kind = p.fits ? 'fits' : 'misses';
      for (const k of RANGE_FIGURES) out += row('ranges', name, kind, k, unitOf(k), [undefined, undefined, undefined, undefined, p[k]], p.worstResidual);
      r.parameters.forEach((q, i) => {
        out += row('ranges', name, kind, q.path, scenarioPathUnit(q.path), [undefined, undefined, undefined, undefined, p.parameters[i]]);
      });
    }
  }
  return out;
}

/** The figures of each ranges combination (the ranges table's columns). */
const RANGE_FIGURES = ['serviceLevel', 'asa', 'answerRate', 'pAbandonGivenWait', 'meanPatience'] as const;

/** A calibrated value's previous form for the comment beside it: its formula (and what it gave), or the number. */
function wasText(original: unknown, start: number): string {
  const value = Number(start.toPrecision(10));
  return typeof original === 'string' ? `${original.trim()} (= ${value})` : String(value);
}

/** A fitted value in four significant digits, large ones as 3.421e9 (the ranges table stays within 120 columns). */
const short = (x: number): string => (Math.abs(x) >= 1e6 ? x.toExponential(3).replace('e+', 'e') : String(Number(x.toPrecision(4))));

/** The assumptions' table: each combination, refitted, and the spread of the figures over those that fit. */
function renderRanges(r: CalibrationResult): string[] {
  const scan = r.ranges!;
  const out: string[] = ['', `Assumptions the targets leave free (calibration.ranges), each combination refitted with the kernels:`];
  scan.ranges.forEach((g, i) => out.push(wrapLines(`  (${i + 1}) ${g.paths.join(', ')}${g.source ? ` — ${g.source}` : ''}`)));
  const T = scan.targetSeconds;
  out.push(renderTable(
    [...scan.ranges.map((_, i) => ({ header: `(${i + 1})` })), { header: 'fits', align: 'left' as const },
      { header: `SL ${T} s`, align: 'right' as const }, { header: 'ASA', align: 'right' as const }, { header: 'P(ab | wait)', align: 'right' as const },
      { header: 'mean patience', align: 'right' as const }, { header: 'fitted parameters', align: 'left' as const }],
    scan.points.map((p) => [
      ...p.values.map(valueWords), p.fits ? 'yes' : `no (${signedPercent(p.worstResidual, 2)})`,
      percent(p.serviceLevel), `${fixed(p.asa, 2)} s`, percent(p.pAbandonGivenWait), `${fixed(p.meanPatience, 1)} s`,
      p.parameters.map(short).join(', '),
    ]),
  ).trimEnd());
  const sp = scan.spread;
  out.push(wrapLines(sp
    ? `Over the assumptions that fit every exact target: SL ${T} s ${percent(sp.serviceLevel.min)}–${percent(sp.serviceLevel.max)}, ASA ${fixed(sp.asa.min, 2)}–${fixed(sp.asa.max, 2)} s, ` +
      `P(abandon | wait) ${percent(sp.pAbandonGivenWait.min)}–${percent(sp.pAbandonGivenWait.max)}, mean patience ${fixed(sp.meanPatience.min, 1)}–${fixed(sp.meanPatience.max, 1)} s.`
    : 'No combination fits every exact target.'));
  return out;
}

/** A range value in a table cell: a number as is, a distribution in words. */
function valueWords(v: unknown): string {
  if (typeof v === 'number') return String(v);
  try {
    return describePatience(v as DistributionSpec);
  } catch {
    return JSON.stringify(v);
  }
}

const num = (x: number) => (Math.abs(x) >= 1e4 ? count(x) : String(Number(x.toPrecision(6))));

export const calibrateCommand: CommandModule<object, Args> = {
  command: 'calibrate [file]',
  describe: 'fit the scenario\'s free parameters to its targets (kernels, then simulation); --out writes the calibrated file',
  builder: (y) =>
    withScenarioOptions(y)
      .option('out', { type: 'string', requiresArg: true, describe: 'write the calibrated scenario (comments kept) to this file (atomically, under a lock)' })
      .option('allow-large', allowLargeOption)
      .option('in-place', { type: 'boolean', describe: 'allow --out to name the input FILE (replaced once the new file is complete)' })
      .option('simulate', { type: 'boolean', default: true, describe: 'confirm by simulation (--no-simulate: kernels only)' })
      .option('ranges', { type: 'boolean', default: true, describe: 'refit over the file\'s calibration.ranges and print the spread (--no-ranges: skip)' })
      .option('workers', { ...workersOption, describe: 'worker threads for the ranges\' refits (default: the number of cores); results do not depend on it' })
      .option('replications', numericOption('replications of the confirmation (default: the file\'s simulation.replications, else 8)'))
      .option('seed', { type: 'string', requiresArg: true, describe: 'master seed (default: the file\'s simulation.seed)' })
      .option('by', { ...byOption, describe: `${byOption.describe.replace('per interval of the day', 'per interval (not in calibrate)')}, at the fitted values` })
      .option('json', { type: 'boolean', describe: 'one JSON document instead of the tables' })
      .option('csv', { type: 'boolean', describe: 'CSV: a row per target, a row per parameter, each channel\'s and group\'s figures, the ranges\' refits (a "table" column names each; a "unit" column, rounded per unit)' })
      .conflicts('json', 'csv')
      .example('$0 calibrate scenarios/china-banking-2017.yaml', 'target / fit / residual table')
      .example('$0 calibrate scenarios/china-banking-2017.yaml --out calibrated.yaml', 'write the fitted scenario') as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const { file, scenario, text, raw } = await loadForCommand(argv);
    const by = breakdownsOf(argv, scenario, ['channel', 'group']);
    const reps = replicationsOf(argv);
    let quiet = true;
    if (argv.simulate !== false) {
      // The confirmation simulates the plan up to 1 + 3 times (correction steps) on this thread.
      const work = planWork(buildPlan(scenario), reps ?? scenario.simulation?.replications ?? 8, 1, 4);
      enforceWork(work, argv, 'calibrate');
      quiet = !wantsProgress(work, 1);
    }
    // --out is checked and locked before the (long) fit, so a refusal costs nothing.
    const lock = typeof argv.out === 'string' ? lockOut(file, argv.out, argv['in-place'] === true) : undefined;
    try {
      await calibrateAndReport(argv, file, scenario, text, raw, reps, quiet, by);
    } finally {
      lock?.release();
    }
  },
};

/** The path a file resolves to (symbolic links followed), or its absolute path when it does not exist yet. */
const canonical = (path: string): string => (existsSync(path) ? realpathSync(path) : resolve(path));

/** Checks `--out` against the input and takes its lock. @throws {UsageError} --out is the input without --in-place */
function lockOut(file: string, out: string, inPlace: boolean): OutputLock {
  if (out === '') throw new UsageError('--out needs a file path');
  if (canonical(out) === canonical(file) && !inPlace) {
    throw new UsageError(`--out ${out} is the input file ${file}; add --in-place to replace it (it is replaced only once the new file is complete), or give another --out`);
  }
  return lockOutput(out, '--out');
}

/** Runs the fit, writes `--out` (atomically) and prints the report. */
async function calibrateAndReport(argv: Args, file: string, scenario: Parameters<typeof calibrateScenario>[0], text: string, raw: unknown, reps: number | undefined, quiet: boolean, by: Record<Breakdown, boolean>): Promise<void> {
  let result: CalibrationResult;
  // The bar's total is the most simulations there can be (every correction step): it may stop short of 100%.
  let progress: Progress | undefined;
  const workers = workersFlag(argv);
  try {
    result = calibrateScenario(scenario, {
      simulate: argv.simulate !== false,
      // on several workers the ranges' combinations come back as inputs, refitted on the threads below
      ranges: argv.ranges === false ? false : workers > 1 ? 'inputs' : true,
      ...(reps !== undefined ? { replications: reps } : {}),
      ...(typeof argv.seed === 'string' ? { seed: argv.seed } : {}),
      onRun: (done, most) => (progress ??= createProgress({ total: most, unit: 'runs', quiet })).update(done),
    });
    const inputs = result.rangeInputs;
    if (inputs) {
      const scan = rangeScan(scenario, await withInterrupt((signal) => rangePointsParallel(inputs, workers, signal)));
      // the scan where calibrateScenario puts it (the JSON's key order does not depend on --workers)
      result = Object.fromEntries(Object.entries(result).map(([k, v]) => (k === 'rangeInputs' ? ['ranges', scan] : [k, v]))) as unknown as CalibrationResult;
    }
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(`${file}: ${err.message}`);
    throw err;
  } finally {
    progress?.stop();
  }
  if (typeof argv.out === 'string') {
    const outText = rewriteScenario(text, setsOf(argv), result.parameters.flatMap((p) => parameterWrites(result.scenario, p.keys,
      `calibrated by ccsim calibrate; was ${wasText(getAt(raw, p.keys), p.start)}`)), `Calibrated by ccsim calibrate from ${file} on ${new Date().toISOString().slice(0, 10)}.`);
    writeFileAtomic(argv.out, outText, '--out');
  }
  if (argv.json === true) {
    const { scenario: _s, ...rest } = result;
    process.stdout.write(`${toJson(rest, 2)}\n`);
  } else if (argv.csv === true) {
    process.stdout.write(calibrationCsv(result));
  } else {
    process.stdout.write(renderCalibration(file, result, by));
    if (typeof argv.out === 'string') process.stdout.write(`Wrote ${argv.out}.\n`);
  }
}
