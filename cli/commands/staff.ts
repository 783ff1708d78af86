/**
 * `ccsim staff FORECAST.csv`: required agents per interval for a forecast of calls and AHT,
 * raw and after shrinkage, the figures each interval then reaches, and the day's totals.
 *
 *   ccsim staff scenarios/bank-day-96.csv --sl-target 0.8 --target-seconds 20 [--shrinkage 0.3] [--csv|--json]
 *
 * CSV columns (see cli/io/forecast.ts for every accepted alias): `start` (HH:MM or ISO
 * date-time), `calls` (offered in the interval), `aht` (seconds), optional `patience`
 * (mean, seconds; selects Erlang A, or M/M/N+G with `--patience-dist`/`--patience-cv` or
 * `--patience-spec`, whose shape keeps each row's mean). Load per interval = calls / interval seconds × aht.
 *
 * The staffing and the day's figures (their definitions) are scenarios/studies/staffDay.ts's;
 * this module reads the flags and the CSV and formats the result.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { StaffingModel } from '../../engine/erlang/index.js';
import { staffIntervalsParallel, staffReport, summarizeDay, type StaffOptions } from '../../scenarios/index.js';
import { commandArgs, reportFlag, reportOption } from '../report/flag.js';
import { commandLine, reportDocument, sha256, writeReport } from '../report/write.js';
import { UsageError } from '../errors.js';
import { count, fixed, percent, renderFigureTable, renderTable, seconds, toJson, figureLabel, formatFigure, unitCsv, wrapLines } from '../format/index.js';
import { RANGES } from '../io/fields.js';
import { numberFlag, numericOption, stringFlag } from '../io/flags.js';
import { patienceOptions, readPatience } from '../io/distributions.js';
import { describePatience } from '../../engine/erlang/index.js';
import { FORECAST_ALIASES, parseForecast, type Forecast } from '../io/forecast.js';
import { readTextInput, inputName } from '../io/input.js';
import { readTargets, targetOptions } from './erlang.js';
import { workersFlag, workersOption } from '../io/workers.js';
import { deprecatedHelp } from '../vocabulary.js';

type Args = Record<string, unknown>;

const CSV_COLUMNS = [
  'start', 'calls', 'aht', 'patience', 'erlangs', 'requiredAgents', 'requiredStaff', 'requiredStaffRounded', 'binding',
  'pWait', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'answerRate', 'occupancy',
] as const;

function readOptions(argv: Args, forecast: Forecast): StaffOptions {
  // --patience-dist/--patience-cv without --patience: the shape, each row's patience its mean (1 s placeholder)
  const shapeOnly = argv.patience === undefined && argv.patienceSpec === undefined && (argv.patienceDist !== undefined || argv.patienceCv !== undefined);
  if (shapeOnly && !forecast.hasPatience) throw new UsageError('--patience-dist and --patience-cv need --patience (mean patience, seconds) or a patience column in the forecast');
  const flags = readPatience(shapeOnly ? { ...argv, patience: '1' } : argv);
  const distribution = flags?.spec;
  const patience = distribution?.kind === 'exponential' && !shapeOnly ? flags!.meanSeconds : undefined;
  const m = stringFlag(argv, 'model');
  const inferred: StaffingModel = distribution !== undefined && distribution.kind !== 'exponential' ? 'mmng'
    : patience !== undefined || forecast.hasPatience ? 'erlang-a' : 'erlang-c';
  const model: StaffingModel = (m as StaffingModel | undefined) ?? inferred;
  if (model === 'erlang-a' && patience === undefined && !forecast.hasPatience) {
    throw new UsageError('--model erlang-a needs --patience SECONDS or a patience column in the forecast');
  }
  if (model === 'erlang-a' && distribution !== undefined && distribution.kind !== 'exponential') {
    throw new UsageError(`--model erlang-a assumes exponential patience, got ${distribution.kind}; drop --model (M/M/N+G takes any distribution)`);
  }
  if (model === 'mmng' && distribution === undefined) throw new UsageError('--model mmng needs a patience distribution: --patience [--patience-dist, --patience-cv] or --patience-spec');
  const targets = readTargets(argv);
  if (targets.slTarget === undefined && targets.asaTarget === undefined && targets.abandonTarget === undefined && targets.maxOccupancy === undefined) {
    targets.slTarget = 0.8;
  }
  if (targets.abandonTarget !== undefined && model === 'erlang-c') {
    throw new UsageError('--abandon-target needs abandonment: give --patience SECONDS (or a patience column)');
  }
  const opts: StaffOptions = { model, targetSeconds: numberFlag(argv, 'target-seconds', RANGES.seconds) ?? 20, ...targets };
  if (patience !== undefined) opts.patienceSeconds = patience;
  if (model === 'mmng') opts.patienceDistribution = distribution!;
  return opts;
}

/** The model in words: erlang-c, erlang-a, or M/M/N+G with its patience (its mean from the rows when they give one). */
function modelWords(o: StaffOptions, rowsHavePatience: boolean): string {
  if (o.model !== 'mmng') return o.model;
  const words = describePatience(o.patienceDistribution!);
  return `M/M/N+G (${rowsHavePatience ? `${words.replace(/, mean [^,]+ s/, '')}, each row's patience its mean` : words})`;
}

function targetWords(o: StaffOptions): string {
  const parts: string[] = [];
  if (o.slTarget !== undefined) parts.push(`service level ≥ ${percent(o.slTarget)} within ${o.targetSeconds} s`);
  if (o.asaTarget !== undefined) parts.push(`ASA ≤ ${seconds(o.asaTarget)}`);
  if (o.abandonTarget !== undefined) parts.push(`abandonment ≤ ${percent(o.abandonTarget)}`);
  if (o.maxOccupancy !== undefined) parts.push(`occupancy ≤ ${percent(o.maxOccupancy)}`);
  return parts.join(', ');
}

async function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  // yargs re-parses positionals as `--forecast -`, which turns a lone `-` into '' (an empty
  // path cannot name a file anyway), so '' means standard input.
  const file = argv.forecast === '' ? '-' : argv.forecast;
  if (typeof file !== 'string') throw new UsageError('name the forecast: ccsim staff FORECAST.csv (or - for stdin)');
  if (argv.csv && argv.json) throw new UsageError('give --csv or --json, not both');
  const intervalFlag = numberFlag(argv, 'interval-seconds', RANGES.positiveSeconds);
  const report = reportFlag(argv);
  const name = inputName(file);
  const text = await readTextInput(file);
  const forecast = parseForecast(text, name, intervalFlag === undefined ? {} : { intervalSeconds: intervalFlag });
  const opts = readOptions(argv, forecast);
  const rows = await staffIntervalsParallel(forecast, opts, name, { workers: workersFlag(argv) }); // --workers (issue 5)
  const day = summarizeDay(rows, forecast.intervalSeconds);
  if (report !== undefined) {
    const body = staffReport({ name, rows, day, options: opts, intervalSeconds: forecast.intervalSeconds, goal: targetWords(opts) });
    const doc = reportDocument(body, { input: { file: name, sha256: sha256(text) }, command: commandLine(commandArgs()) }, opts.targetSeconds);
    const bytes = writeReport(report, doc);
    process.stderr.write(`staff: report ${report} (${(bytes / 1024).toFixed(0)} KB)\n`);
  }

  if (argv.json) {
    const doc = {
      model: opts.model, targetSeconds: opts.targetSeconds,
      targets: { slTarget: opts.slTarget, asaTarget: opts.asaTarget, abandonTarget: opts.abandonTarget, maxOccupancy: opts.maxOccupancy },
      shrinkage: opts.shrinkage ?? 0, intervalSeconds: forecast.intervalSeconds, intervalSource: forecast.intervalSource,
      day, intervals: rows,
    };
    process.stdout.write(`${toJson(doc, 2)}\n`);
    return;
  }
  if (argv.csv) {
    process.stdout.write(unitCsv(CSV_COLUMNS, rows.map((r) => ({ ...r, binding: r.binding.join('+') }))));
    return;
  }
  const shrink = opts.shrinkage ?? 0;
  const head =
    `${name}: ${rows.length} intervals of ${forecast.intervalSeconds} s (${forecast.intervalSource}), ${modelWords(opts, forecast.hasPatience)}, ` +
    `targets: ${targetWords(opts)}, shrinkage ${percent(shrink, 1)}`;
  const table = renderTable(
    [
      { header: 'start' }, { header: 'calls', align: 'right' }, { header: 'AHT s', align: 'right' }, { header: 'erlangs', align: 'right' },
      { header: 'agents', align: 'right' }, { header: 'staff', align: 'right' }, { header: 'SL', align: 'right' },
      { header: 'ASA', align: 'right' }, { header: 'abandon', align: 'right' }, { header: 'occupancy', align: 'right' }, { header: 'binding' },
    ],
    rows.map((r) => [
      r.start, fixed(r.calls, Number.isInteger(r.calls) ? 0 : 1), fixed(r.aht, 0), fixed(r.erlangs, 2), count(r.requiredAgents),
      fixed(r.requiredStaff, 1), percent(r.serviceLevel), seconds(r.asa, 1), percent(r.pAbandon), percent(r.occupancy, 1), r.binding.join('+'),
    ]),
  );
  const dayRows = [
    { label: 'intervals', values: [count(day.intervals)], key: 'intervals' },
    { label: 'calls offered', values: [fixed(day.calls, 0)], key: 'calls' },
    { label: 'agent-intervals (Σ required agents)', values: [count(day.agentIntervals)], key: 'agentIntervals' },
    { label: 'agent-hours', values: [fixed(day.agentHours, 2)], key: 'agentHours' },
    { label: `staff-intervals after ${percent(shrink, 1)} shrinkage`, values: [fixed(day.staffIntervals, 1)], key: 'staffIntervals' },
    { label: 'staff-intervals, each interval rounded up', values: [count(day.staffIntervalsRounded)], key: 'staffIntervalsRounded' },
    { label: 'staff-hours', values: [fixed(day.staffHours, 2)], key: 'staffHours' },
    { label: `peak agents (at ${day.peakStart})`, values: [count(day.peakAgents)], key: 'peakAgents' },
    { label: `fewest agents (at ${day.minStart})`, values: [count(day.minAgents)], key: 'minAgents' },
    { label: `${figureLabel('serviceLevel', opts.targetSeconds)}, call-weighted`, values: [formatFigure('serviceLevel', day.serviceLevel)], key: 'serviceLevel' },
    { label: `${figureLabel('slAnswered', opts.targetSeconds)}`, values: [formatFigure('slAnswered', day.slAnswered)], key: 'slAnswered' },
    { label: `${figureLabel('asa')}, answered-weighted`, values: [formatFigure('asa', day.asa)], key: 'asa' },
    { label: `${figureLabel('meanWait')}, call-weighted`, values: [formatFigure('meanWait', day.meanWait)], key: 'meanWait' },
    { label: `${figureLabel('pAbandon')}, call-weighted`, values: [formatFigure('pAbandon', day.pAbandon)], key: 'pAbandon' },
    { label: `${figureLabel('answerRate')}, call-weighted`, values: [formatFigure('answerRate', day.answerRate)], key: 'answerRate' },
    { label: 'occupancy: Σ busy agent-time / Σ agent-time', values: [formatFigure('occupancy', day.occupancy)], key: 'occupancy' },
  ];
  process.stdout.write(`${wrapLines(head)}\n${table}\nday\n${renderFigureTable(['value'], dayRows)}`);
}

const ALIAS_HELP = (Object.keys(FORECAST_ALIASES) as (keyof typeof FORECAST_ALIASES)[])
  .map((f) => `  ${f}: ${FORECAST_ALIASES[f].join(', ')}`)
  .join('\n');

export const staffCommand: CommandModule<object, Args> = {
  command: 'staff <forecast>',
  describe: 'required agents per interval for a CSV forecast (calls, AHT), with shrinkage and the day totals',
  builder: (y) =>
    targetOptions(
      patienceOptions(y, 'mean patience, seconds, where the forecast has none: selects Erlang A (M/M/N+G with --patience-dist/--patience-cv)')
        .positional('forecast', { type: 'string', describe: 'CSV file (- for stdin) with columns start, calls, aht [, patience]' })
        .option('model', { type: 'string', choices: ['erlang-c', 'erlang-a', 'mmng'], describe: 'default: erlang-a with --patience or a patience column, mmng with a non-exponential --patience-dist/--patience-spec, else erlang-c' })
        .option('target-seconds', numericOption('service-level threshold T, seconds (default 20)'))
        .option('interval-seconds', numericOption('interval length, seconds (default: the gap between the first two starts, else 900)'))
        .option('csv', { type: 'boolean', describe: 'one CSV row per interval, units in the header (readable again as a forecast)' })
        .option('json', { type: 'boolean', describe: 'one JSON document: day totals and intervals' })
        .option('workers', workersOption)
        .option('report', reportOption),
    )
      .epilog(
        'Forecast columns (header names case-insensitive; spaces read as _; a unit such as "(s)" dropped):\n' +
          '  start (HH:MM or ISO date-time), calls (offered per interval), aht (seconds), optional patience (seconds)\n' +
          `Accepted names:\n${ALIAS_HELP}\n` +
          'Lines starting with # are comments. Without --sl-target/--asa-target/--abandon-target/--max-occupancy the target is --sl-target 0.8.\n' +
          deprecatedHelp('staff'),
      )
      .example('$0 staff scenarios/bank-day-96.csv --sl-target 0.8 --target-seconds 20', '80/20 staffing of the 96-interval bank day')
      .example('$0 staff day.csv --patience 120 --abandon-target 0.05 --shrinkage 0.3 --csv > plan.csv', 'Erlang A, CSV out') as Argv<Args>,
  handler,
};
