/**
 * `ccsim simulate`: the discrete-event simulator from the command line.
 *
 * Quick mode (no scenario file) — one stationary channel and one agent group, built as an
 * ordinary `Model` and run through the general engine (schedules, intervals, statistics),
 * shown beside Erlang C (no patience) or Erlang A (with patience) for the same inputs:
 *
 *   ccsim simulate --agents 100 --erlangs 95 --aht 300 --patience 120 --target-seconds 20 \
 *                  --calls-per-replication 1000000 --replications 8 --seed 1 [--json|--csv] [--trace FILE]
 *
 * `--calls-per-replication` counts arrivals per replication, warm-up included. Handle time and patience
 * are exponential unless `--aht-cv`/`--aht-dist` or `--patience-dist`/`--patience-cv` say
 * otherwise. Warm-up: `--warmup-seconds`, default 20 × max(AHT, mean patience).
 * Exit codes: 0 ok; 1 bad value; 2 bad usage.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { QUICK_KEYS, runQuickParallel, type QuickReport, type QuickRunOptions } from '../../scenarios/index.js';
import { quickUnstable, quickWork } from '../../scenarios/studies/quick.js';
import { allowLargeOption, enforceWork, wantsProgress, warnBefore } from '../io/budget.js';
import { createProgress } from '../io/progress.js';
import { InputError, UsageError } from '../errors.js';
import { describePatience } from '../../engine/erlang/index.js';
import { MAX_AGENTS_ON_DUTY } from '../../engine/des/index.js';
import { csvLine, figureLabel, fixed, formatFigure, renderFigureTable, roundFor, toJson, unitOf, type FigureKey, wrapLines } from '../format/index.js';
import { RANGES, type Range } from '../io/fields.js';
import { distributionKind, MEAN_CV_DISTRIBUTIONS, patienceOptions, RANGE_CV, readPatience, specFor } from '../io/distributions.js';
import { given, numberFlag, numericOption, requiredNumberFlag, stringFlag } from '../io/flags.js';
import { runTracedQuick } from '../io/trace.js';
import { runFullYearCommand } from './fullYear.js';
import { withInterrupt, workersFlag, workersOption } from '../io/workers.js';
import { deprecatedHelp } from '../vocabulary.js';
// scenario mode (issue 4)
import { runSimulateFile } from './simulateFile.js';
import { withScenarioOptions } from '../io/scenario.js';
import { reportOption } from '../report/flag.js';
import { byOption } from '../io/breakdowns.js';

type Args = Record<string, unknown>;

/** The typed options of quick mode: the run (scenarios/studies/quick.ts) and what to do with it. */
export interface QuickOptions extends QuickRunOptions {
  trace?: string;
  json: boolean;
  csv: boolean;
}

const RANGE_CALLS: Range = { min: 1, max: 1e12, integer: true, unit: 'calls' };
const RANGE_REPLICATIONS: Range = { min: 1, max: 100000, integer: true };
/** the simulator's limit on agents on duty in one group (engine/des/validate.ts) */
const RANGE_AGENTS: Range = { min: 0, max: MAX_AGENTS_ON_DUTY, integer: true };

/**
 * Quick mode's flags as typed options (a scenario-file mode can share the run flags).
 * @throws {UsageError} a missing or contradictory flag; {InputError} a value out of range
 */
export function readQuickOptions(argv: Args): QuickOptions {
  const agents = requiredNumberFlag(argv, 'agents', RANGE_AGENTS, `agents on duty, a whole number in [0, ${MAX_AGENTS_ON_DUTY}]`);
  const ahtSeconds = requiredNumberFlag(argv, 'aht', RANGES.positiveSeconds, 'average handle time, seconds');
  const hasErlangs = given(argv, 'erlangs'), hasRate = given(argv, 'arrival-rate');
  if (hasErlangs === hasRate) {
    throw new UsageError(hasErlangs ? 'give --erlangs or --arrival-rate, not both' : 'give the load: --erlangs A or --arrival-rate PER_SECOND');
  }
  const rate = hasErlangs ? undefined : (numberFlag(argv, 'arrival-rate', RANGES.arrivalRate) as number);
  const erlangs = rate === undefined ? (numberFlag(argv, 'erlangs', RANGES.erlangs) as number) : rate * ahtSeconds;
  if (!Number.isFinite(erlangs) || !Number.isFinite(erlangs / ahtSeconds)) {
    throw new InputError(hasErlangs
      ? `--erlangs ${erlangs} over --aht ${ahtSeconds} s is ${erlangs / ahtSeconds} calls per second: the arrival rate must be finite (a smaller --erlangs or a longer --aht)`
      : `--arrival-rate ${rate} per second × --aht ${ahtSeconds} s is ${erlangs} erlangs: the load must be finite (a smaller --arrival-rate or a shorter --aht)`);
  }
  const ahtCv = numberFlag(argv, 'aht-cv', RANGE_CV) ?? 1;
  const ahtDistText = stringFlag(argv, 'aht-dist');
  const ahtDist = ahtDistText === undefined ? (ahtCv === 1 ? 'exponential' : 'lognormal') : distributionKind('--aht-dist', ahtDistText);
  const handle = specFor('--aht-dist', ahtDist, ahtSeconds, ahtCv);
  const patienceFlags = readPatience(argv);
  const patience = patienceFlags?.spec;
  const patienceSeconds = patienceFlags?.meanSeconds;
  const seed = stringFlag(argv, 'seed') ?? '1';
  const trace = stringFlag(argv, 'trace');
  if (trace === '') throw new UsageError('--trace needs a file path');
  return {
    agents, erlangs, ahtSeconds, handle, patienceSeconds, patience,
    targetSeconds: numberFlag(argv, 'target-seconds', RANGES.seconds) ?? 20,
    calls: numberFlag(argv, 'calls-per-replication', RANGE_CALLS) ?? 1_000_000,
    replications: numberFlag(argv, 'replications', RANGE_REPLICATIONS) ?? 8,
    seed,
    warmupSeconds: numberFlag(argv, 'warmup-seconds', RANGES.seconds),
    trace,
    json: argv.json === true,
    csv: argv.csv === true,
  };
}

const LABELS: Record<(typeof QUICK_KEYS)[number], FigureKey> = {
  offered: 'offered', answered: 'answered', abandoned: 'abandoned', answerRate: 'answerRate', serviceLevel: 'serviceLevel',
  slAnswered: 'slAnswered', asa: 'asa', meanWait: 'meanWait', pAbandon: 'pAbandon', occupancy: 'occupancy',
};

/** The readable report: each figure, its 95% half-width, and the analytic value. */
export function renderQuick(o: QuickOptions, r: QuickReport): string {
  const modelName = r.analytic.model === 'erlang-a' ? 'Erlang A' : r.analytic.model === 'mmng' ? 'M/M/N+G' : 'Erlang C';
  const exact = o.handle.kind === 'exponential';
  const head = [
    `Simulated: ${o.agents} agents, ${fixed(o.erlangs, 3)} erlangs (${fixed(o.erlangs / o.ahtSeconds, 5)} calls/s), AHT ${o.ahtSeconds} s (${o.handle.kind})` +
      (o.patience ? `, patience ${describePatience(o.patience)}` : ', no abandonment') + `, SL threshold ${o.targetSeconds} s`,
    `${r.replications} replications × ${fixed(r.callsPerReplication, 0)} calls, seed ${r.seed}, warm-up ${fixed(r.warmupSeconds, 0)} s discarded; ± is the 95% half-width across replications`,
  ];
  const an = r.analytic as Record<string, number>;
  const rows = QUICK_KEYS.map((k) => {
    const key = LABELS[k];
    const isCount = k === 'offered' || k === 'answered' || k === 'abandoned';
    return {
      label: figureLabel(key, o.targetSeconds) + (isCount ? ' (per replication)' : ''),
      values: [formatFigure(key, r.figures[k]), `± ${formatFigure(key, r.ci95[k]).replace(/^–$/, '–')}`, isCount ? '' : formatFigure(key, an[k])],
      key: k,
    };
  });
  const unstable = quickUnstable(o)
    ? `\n(no steady state: ${fixed(o.erlangs, 3)} erlangs on ${o.agents} agents and callers never abandon; the queue and the waits grow with --calls-per-replication)`
    : '';
  const tail = `${fixed(r.arrivals ?? r.replications * r.callsPerReplication, 0)} calls in ${r.seconds.toFixed(2)} s: ${fixed(r.callsPerSecond / 1e6, 2)} million calls/s` +
    unstable + (exact ? '' : `\n(${modelName} assumes exponential handle time: an approximation here)`);
  return `${wrapLines(head.join('\n'))}\n${renderFigureTable(['simulated', '95% ±', modelName], rows)}${wrapLines(tail)}\n`;
}

/**
 * Quick mode as CSV: one row per figure with its unit, the simulated mean, its 95% half-width
 * and the analytic value, rounded for the unit (counts are per replication).
 */
export function quickCsv(r: QuickReport): string {
  const an = r.analytic as Record<string, number>;
  let out = csvLine(['figure', 'unit', 'simulated', 'ci95', 'analytic']);
  for (const k of QUICK_KEYS) {
    const u = unitOf(k);
    out += csvLine([k, u, ...[r.figures[k], r.ci95[k], an[k]].map((v) => roundFor(u, v))]);
  }
  return out;
}

export const simulateCommand: CommandModule<object, Args> = {
  command: 'simulate [file]',
  describe: 'discrete-event simulation of a scenario FILE, or quick mode: one stationary queue beside Erlang C / Erlang A / M/M/N+G',
  builder: (y) =>
    // scenario mode (issue 4): FILE and --set; see runSimulateFile in whatif.ts
    patienceOptions(withScenarioOptions(y), 'quick mode: mean patience, seconds (absent: callers never abandon, Erlang C)')
      .option('agents', numericOption('agents on duty (a whole number ≥ 0)'))
      .option('erlangs', numericOption('offered load in erlangs (arrivals per second × AHT)'))
      .option('arrival-rate', numericOption('arrivals per second (instead of --erlangs)'))
      .option('aht', numericOption('average handle time, seconds'))
      .option('aht-cv', numericOption('handle-time coefficient of variation (default 1)'))
      .option('aht-dist', { type: 'string', requiresArg: true, describe: `handle-time distribution: ${MEAN_CV_DISTRIBUTIONS.join('|')} (default exponential; lognormal when --aht-cv ≠ 1)` })
      .option('target-seconds', numericOption('service-level threshold T, seconds (default 20)'))
      .option('calls-per-replication', numericOption('quick mode: arrivals per replication, warm-up included (default 1,000,000)'))
      .option('replications', numericOption('independent replications (default: the file\'s simulation.replications, else 8)'))
      .option('seed', { type: 'string', requiresArg: true, describe: 'master seed (default: the file\'s simulation.seed, else 1)' })
      .option('warmup-seconds', numericOption('quick mode: seconds discarded at the start of each replication (default 20 × max(AHT, patience))'))
      .option('trace', { type: 'string', requiresArg: true, describe: 'quick mode: write one CSV row per contact to FILE (slow; for small runs)' })
      .option('json', { type: 'boolean', describe: 'one JSON document instead of the table' })
      .option('csv', { type: 'boolean', describe: 'CSV, one row per figure with its unit, rounded per unit (with FILE: figures, then targets and centre classes, a "table" column naming each)' })
      .option('report', reportOption)
      .conflicts('json', 'csv')
      .option('check-targets', { type: 'boolean', describe: "with FILE: exit 1 when an exact target's reported value lies outside its simulated 95% interval (after printing the report)" })
      // parallel layer (issue 5): --full-year, --workers, --quiet; see cli/commands/fullYear.ts
      .option('by', { ...byOption, describe: `with FILE: ${byOption.describe}` })
      .option('full-year', { type: 'boolean', describe: 'with FILE: simulate every call of every centre on every day of the period, on worker threads' })
      .option('workers', workersOption)
      .option('quiet', { type: 'boolean', describe: 'no progress bar' })
      .option('allow-large', allowLargeOption)
      .example('$0 simulate scenarios/china-banking-2017.yaml', 'a scenario file: its representative days scaled up, beside the kernels, with its targets')
      .example('$0 simulate scenarios/china-banking-2017.yaml --check-targets', 'the same, exit 1 if an exact target misses its 95% interval (CI)')
      .example('$0 simulate --example china-banking-2017 --full-year', 'every call of the shipped 2017 baseline, on all cores')
      .example('$0 simulate --agents 100 --erlangs 95 --aht 300 --patience 120 --calls-per-replication 1000000 --replications 8', 'quick mode, beside Erlang A')
      .example('$0 simulate --agents 10 --erlangs 8 --aht 180 --calls-per-replication 10000 --replications 2 --trace calls.csv', 'with a per-call trace')
      .epilog(deprecatedHelp('simulate')) as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    if (argv['check-targets'] === true && (argv.fullYear === true || !(typeof argv.file === 'string' || argv.example !== undefined))) {
      throw new UsageError('--check-targets needs a scenario FILE (its targets), without --full-year');
    }
    if (argv.report !== undefined && (argv.fullYear === true || !(typeof argv.file === 'string' || argv.example !== undefined))) {
      throw new UsageError(`--report needs a scenario FILE${argv.fullYear === true ? ' without --full-year (the report shows the representative days)' : ' (quick mode prints one table)'}`);
    }
    if (argv.fullYear === true) return runFullYearCommand(argv); // parallel layer (issue 5)
    // scenario mode (issue 4): `ccsim simulate FILE` runs the scenario's representative days, scaled up
    if (typeof argv.file === 'string' || argv.example !== undefined) return runSimulateFile(argv);
    if (argv.by !== undefined) throw new UsageError('--by belongs to a scenario FILE (quick mode has one channel and one group)');
    const o = readQuickOptions(argv);
    const workers = o.trace !== undefined ? 1 : workersFlag(argv);
    // Before anything runs: the work estimate (refused over the limits without --allow-large), a warning when there is no steady state.
    let work;
    try {
      work = quickWork(o, workers);
    } catch (err) {
      if (err instanceof RangeError) throw new InputError(err.message);
      throw err;
    }
    enforceWork(work, argv, 'simulate');
    if (quickUnstable(o)) {
      warnBefore(`${fixed(o.erlangs, 3)} erlangs on ${o.agents} agents and callers never abandon (no --patience): there is no steady state; the queue and the waits grow with --calls-per-replication, so the figures describe this run length only`);
    }
    const quiet = argv.quiet === true || !wantsProgress(work, workers);
    // --workers (issue 5): replications on worker threads, same figures; a trace is written by one worker thread
    let report: QuickReport | undefined;
    if (o.trace !== undefined) {
      report = await runTracedQuick(o, o.trace, quiet);
    } else {
      const progress = createProgress({ total: o.replications, unit: 'replications', quiet });
      try {
        report = await withInterrupt((signal) => runQuickParallel(o, workers, signal, (done) => progress.update(done)));
      } finally {
        progress.stop();
      }
    }
    if (report) process.stdout.write(o.json ? `${toJson(report, 2)}\n` : o.csv ? quickCsv(report) : renderQuick(o, report));
  },
};
