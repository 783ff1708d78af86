/**
 * `ccsim erlang`: the analytic kernels from the command line.
 *
 *   ccsim erlang --agents 14 --calls 100 --interval-seconds 1800 --aht 180 --target-seconds 20 [--patience 300]
 *   ccsim erlang --solve agents --erlangs 10 --aht 180 --sl-target 0.8 [--asa-target 15] [--shrinkage 0.3]
 *   ccsim erlang --batch FILE|-        (JSON lines in → JSON lines out; docs/batch.md, cli/batch/evaluate.ts)
 *   ccsim erlang --agents 100 --erlangs 95 --aht 300 --patience 120 --patience-dist lognormal --patience-cv 2.5
 *
 * Load: exactly one of `--calls` with `--interval-seconds`, `--erlangs`, or `--arrival-rate`
 * (per second); calls and rates are turned into erlangs with `--aht`. Model: Erlang C without
 * patience, Erlang A with exponential patience (`--patience` alone), M/M/N+G with any other
 * (`--patience-dist`/`--patience-cv`, or `--patience-spec`); `--model` forces one (erlang-b: the
 * lost-calls model; mmng: the general kernel even for exponential patience).
 * Names: docs/vocabulary.md. Exit codes: 0 ok; 1 bad value (or a batch line failed); 2 bad usage.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  describePatience,
  erlangAFigures,
  erlangB,
  erlangCFigures,
  mmngFigures,
  patienceCurve,
  solveAgents,
  type ErlangAFigures,
  type ErlangCFigures,
  type StaffingRequest,
  type StaffingTarget,
} from '../../engine/erlang/index.js';
import { UsageError } from '../errors.js';
import { figureLabel, formatFigure, renderFigureTable, toJson, type FigureKey, fixed, percent, seconds, unitCsv, wrapLines } from '../format/index.js';
import { RANGES } from '../io/fields.js';
import { given, numberFlag, numericOption, requiredNumberFlag, stringFlag } from '../io/flags.js';
import { openTextInput } from '../io/input.js';
import { runBatch } from '../batch/evaluate.js';
import { runBatchParallel, useParallelBatch } from '../batch/parallel.js';
import { withInterrupt, workersFlag, workersOption } from '../io/workers.js';
import { DEPRECATED_BATCH_FIELDS, deprecatedHelp, deprecation } from '../vocabulary.js';
import { patienceOptions, readPatience, type PatienceFlags } from '../io/distributions.js';
import type { DistributionSpec } from '../../engine/rng/index.js';

export type ErlangModel = 'erlang-b' | 'erlang-c' | 'erlang-a' | 'mmng';

/** Offered load and where it came from. */
export interface Load {
  erlangs: number;
  /** as given, for the report */
  source: { calls: number; intervalSeconds: number } | { arrivalRate: number } | { erlangs: number };
}

/** Targets of a staffing question: the engine's StaffingRequest fields, each optional. */
export type Targets = Pick<StaffingRequest, 'slTarget' | 'asaTarget' | 'abandonTarget' | 'maxOccupancy' | 'shrinkage' | 'maxAgents'>;

const MODELS = ['erlang-b', 'erlang-c', 'erlang-a', 'mmng'] as const;
const LOAD_FLAGS = ['calls', 'erlangs', 'arrival-rate'] as const;
const SOLVE_FLAGS = ['sl-target', 'asa-target', 'abandon-target', 'max-occupancy', 'shrinkage', 'max-agents'] as const;
const SINGLE_FLAGS = [
  'agents', 'calls', 'interval-seconds', 'erlangs', 'arrival-rate', 'aht', 'target-seconds', 'patience', 'patience-dist', 'patience-cv', 'patience-spec',
  'model', 'solve', 'csv', ...SOLVE_FLAGS,
] as const;

type Args = Record<string, unknown>;

/** Adds the flags shared with `ccsim staff`: targets and shrinkage. */
export function targetOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('sl-target', numericOption('service-level target: a fraction, e.g. 0.8 (or 80%) answered within --target-seconds'))
    .option('asa-target', numericOption('largest acceptable ASA (mean wait of answered), seconds'))
    .option('abandon-target', numericOption('largest acceptable abandonment rate, a fraction (Erlang A)'))
    .option('max-occupancy', numericOption('largest acceptable occupancy, a fraction in (0, 1]'))
    .option('shrinkage', numericOption('share of paid time off the phones, in [0, 1); staff = agents ÷ (1 − shrinkage)'))
    .option('max-agents', numericOption('upper bound of the agent search (default 10,000,000)'));
}

/** The targets given by flags (undefined where absent). */
export function readTargets(argv: Args): Targets {
  return {
    slTarget: numberFlag(argv, 'sl-target', RANGES.openFraction),
    asaTarget: numberFlag(argv, 'asa-target', RANGES.positiveSeconds),
    abandonTarget: numberFlag(argv, 'abandon-target', RANGES.ceilingFraction),
    maxOccupancy: numberFlag(argv, 'max-occupancy', RANGES.ceilingFraction),
    shrinkage: numberFlag(argv, 'shrinkage', RANGES.shrinkage),
    maxAgents: numberFlag(argv, 'max-agents', RANGES.maxAgents),
  };
}

/**
 * The model a patience (or none) selects: Erlang C without, Erlang A for exponential patience,
 * M/M/N+G for any other distribution.
 */
export function modelForPatience(patience: DistributionSpec | undefined): ErlangModel {
  if (patience === undefined) return 'erlang-c';
  return patience.kind === 'exponential' ? 'erlang-a' : 'mmng';
}

/** `--model`, or the model the patience flags select (`modelForPatience`). */
export function resolveModel(argv: Args, patience: PatienceFlags | undefined): ErlangModel {
  const m = stringFlag(argv, 'model');
  if (m === undefined) return modelForPatience(patience?.spec);
  if ((m === 'erlang-a' || m === 'mmng') && patience === undefined) {
    throw new UsageError(`--model ${m} needs patience: --patience (mean, seconds) [--patience-dist, --patience-cv], or --patience-spec`);
  }
  if (m === 'erlang-a' && patience!.spec.kind !== 'exponential') {
    throw new UsageError(`--model erlang-a assumes exponential patience, got ${patience!.spec.kind}; drop --model (M/M/N+G takes any distribution)`);
  }
  return m as ErlangModel;
}

/**
 * The offered load from exactly one of --calls/--interval-seconds, --erlangs, --arrival-rate.
 * @throws {UsageError} none or several given, --interval-seconds without --calls, or --aht missing for calls/rates
 */
export function readLoad(argv: Args, aht: number | undefined): Load {
  const present = LOAD_FLAGS.filter((f) => given(argv, f));
  if (present.length === 0) {
    throw new UsageError('give the load: --calls N --interval-seconds SECONDS, or --erlangs A, or --arrival-rate PER_SECOND');
  }
  if (present.length > 1) {
    throw new UsageError(`give exactly one load flag (--calls with --interval-seconds, --erlangs, or --arrival-rate), got ${present.map((f) => `--${f}`).join(' and ')}`);
  }
  if (given(argv, 'interval-seconds') && present[0] !== 'calls') throw new UsageError('--interval-seconds applies only with --calls (calls offered per interval)');
  const needAht = (flag: string): number => {
    if (aht === undefined) throw new UsageError(`--${flag} needs --aht (average handle time, seconds) to give a load in erlangs`);
    return aht;
  };
  switch (present[0]) {
    case 'calls': {
      const calls = numberFlag(argv, 'calls', RANGES.calls) as number;
      const intervalSeconds = requiredNumberFlag(argv, 'interval-seconds', RANGES.positiveSeconds, 'interval length in seconds, with --calls');
      return { erlangs: (calls / intervalSeconds) * needAht('calls'), source: { calls, intervalSeconds } };
    }
    case 'arrival-rate': {
      const arrivalRate = numberFlag(argv, 'arrival-rate', RANGES.arrivalRate) as number;
      return { erlangs: arrivalRate * needAht('arrival-rate'), source: { arrivalRate } };
    }
    default: {
      const erlangs = numberFlag(argv, 'erlangs', RANGES.erlangs) as number;
      return { erlangs, source: { erlangs } };
    }
  }
}

/** Every figure of one evaluation, keys as in docs/figures.md. */
export type Evaluation =
  | { model: 'erlang-b'; agents: number; erlangs: number; blocking: number; answerRate: number; occupancy: number }
  | ({ model: 'erlang-c'; blocking: number } & ErlangCFigures)
  | ({ model: 'erlang-a' | 'mmng'; blocking: number } & ErlangAFigures);

/** The figures of `model` at `agents`: the engine's, plus Erlang B blocking beside C, A and M/M/N+G. */
export function evaluate(model: ErlangModel, agents: number, erlangs: number, aht: number, target: number, patience?: DistributionSpec): Evaluation {
  const blocking = erlangB(agents, erlangs);
  if (model === 'erlang-b') {
    // Lost-calls system: answered share 1 − B; busy agents carry A(1 − B) of N.
    const occupancy = agents === 0 ? 0 : (erlangs * (1 - blocking)) / agents;
    return { model, agents, erlangs, blocking, answerRate: 1 - blocking, occupancy };
  }
  if (model === 'erlang-a') return { model, blocking, ...erlangAFigures(agents, erlangs, aht, (patience as { mean: number }).mean, target) };
  if (model === 'mmng') return { model, blocking, ...mmngFigures(agents, erlangs, aht, patienceCurve(patience as DistributionSpec), target) };
  return { model, blocking, ...erlangCFigures(agents, erlangs, aht, target) };
}

const MODEL_NAMES: Record<ErlangModel, string> = {
  'erlang-b': 'Erlang B (M/M/N/N, blocked calls lost)',
  'erlang-c': 'Erlang C (M/M/N, callers wait without limit)',
  'erlang-a': 'Erlang A (M/M/N+M, exponential patience)',
  mmng: 'M/M/N+G (exact, any patience distribution)',
};

const C_ROWS: FigureKey[] = ['pWait', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'answerRate', 'occupancy', 'blocking'];
const A_ROWS: FigureKey[] = ['pWait', 'pAbandon', 'pAbandonGivenWait', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'occupancy', 'blocking'];
const B_ROWS: FigureKey[] = ['blocking', 'answerRate', 'occupancy'];

function loadWords(load: Load, aht: number | undefined): string {
  const s = load.source;
  const a = aht === undefined ? '' : `, AHT ${aht} s`;
  if ('calls' in s) return `${fixed(load.erlangs, 3)} erlangs (${s.calls} calls per ${s.intervalSeconds} s${a})`;
  if ('arrivalRate' in s) return `${fixed(load.erlangs, 3)} erlangs (${s.arrivalRate} calls/s${a})`;
  return `${fixed(load.erlangs, 3)} erlangs${a}`;
}

/** The patience in words for a headline: ", mean patience 120 s" (Erlang A) or ", patience lognormal, mean 120 s, CV 2.5". */
function patienceWords(model: ErlangModel, patience: DistributionSpec | undefined): string {
  if (patience === undefined) return '';
  if (model === 'erlang-a') return `, mean patience ${(patience as { mean: number }).mean} s`;
  return model === 'mmng' ? `, patience ${describePatience(patience)}` : '';
}

function headline(model: ErlangModel, load: Load, aht: number | undefined, target: number, patience: DistributionSpec | undefined): string {
  let text = `${MODEL_NAMES[model]}: ${loadWords(load, aht)}`;
  if (model !== 'erlang-b') text += `, SL threshold ${target} s`;
  return `${text}${patienceWords(model, patience)}\n`;
}

/** The input echo written into JSON output: `patience` is the mean (s), `patienceDistribution` the whole distribution. */
function inputsJson(load: Load, aht: number | undefined, target: number | undefined, patience: PatienceFlags | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...load.source };
  if (aht !== undefined) out.aht = aht;
  if (target !== undefined) out.targetSeconds = target;
  if (patience !== undefined) {
    out.patience = patience.meanSeconds;
    out.patienceDistribution = patience.spec;
  }
  return out;
}

/** A row for CSV: an object value (the patience distribution) as its JSON text, one cell. */
function csvCells(row: Record<string, unknown>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as number | string);
  return out;
}

const TARGET_WORDS: Record<StaffingTarget, string> = {
  sl: 'service level (sl)',
  asa: 'ASA (asa)',
  abandon: 'abandonment (abandon)',
  occupancy: 'occupancy (occupancy)',
};

/** The target a figure is held to, in words, and whether `value` meets it. */
function targetOf(key: FigureKey, t: Targets): { text: string; meets: (v: number) => boolean } | undefined {
  if (key === 'serviceLevel' && t.slTarget !== undefined) return { text: `≥ ${percent(t.slTarget)}`, meets: (v) => v >= (t.slTarget as number) };
  if (key === 'asa' && t.asaTarget !== undefined) return { text: `≤ ${seconds(t.asaTarget)}`, meets: (v) => v <= (t.asaTarget as number) };
  if (key === 'pAbandon' && t.abandonTarget !== undefined) return { text: `≤ ${percent(t.abandonTarget)}`, meets: (v) => v <= (t.abandonTarget as number) };
  if (key === 'occupancy' && t.maxOccupancy !== undefined) return { text: `≤ ${percent(t.maxOccupancy)}`, meets: (v) => v <= (t.maxOccupancy as number) };
  return undefined;
}

function printEvaluate(argv: Args): void {
  const patience = readPatience(argv);
  const model = resolveModel(argv, patience);
  for (const f of SOLVE_FLAGS) if (given(argv, f)) throw new UsageError(`--${f} applies only with --solve agents`);
  const aht = numberFlag(argv, 'aht', RANGES.positiveSeconds);
  if (model !== 'erlang-b' && aht === undefined) throw new UsageError(`--aht is required for ${model} (average handle time, seconds)`);
  const load = readLoad(argv, aht);
  const agents = requiredNumberFlag(argv, 'agents', RANGES.agents, 'agents on duty; or --solve agents to find them');
  const target = numberFlag(argv, 'target-seconds', RANGES.seconds) ?? 20;
  const usedPatience = model === 'erlang-a' || model === 'mmng' ? patience : undefined;
  const ev = evaluate(model, agents, load.erlangs, aht ?? 0, target, usedPatience?.spec);

  if (argv.json || argv.csv) {
    const { model: _m, agents: _n, erlangs: _a, ...figures } = ev;
    const doc = {
      model, ...(model === 'mmng' ? { modelName: `M/M/N+G (${describePatience(usedPatience!.spec)})` } : {}),
      agents, erlangs: load.erlangs, ...inputsJson(load, aht, model === 'erlang-b' ? undefined : target, usedPatience), ...figures,
    };
    process.stdout.write(argv.json ? `${toJson(doc, 2)}\n` : unitCsv(Object.keys(doc), [csvCells(doc)]));
    return;
  }
  const rows = [
    { label: figureLabel('agents'), values: [formatFigure('agents', agents)], key: 'agents' },
    { label: figureLabel('erlangs'), values: [formatFigure('erlangs', load.erlangs)], key: 'erlangs' },
  ];
  const keys = model === 'erlang-b' ? B_ROWS : model === 'erlang-c' ? C_ROWS : A_ROWS;
  const byKey = ev as unknown as Record<string, number>;
  for (const key of keys) rows.push({ label: figureLabel(key, target), values: [formatFigure(key, byKey[key])], key });
  process.stdout.write(wrapLines(headline(model, load, aht, target, usedPatience?.spec)) + renderFigureTable(['value'], rows));
}

function printSolve(argv: Args): void {
  if (argv.solve !== 'agents') throw new UsageError(`--solve must be "agents", got ${JSON.stringify(argv.solve)}`);
  if (given(argv, 'agents')) throw new UsageError('give either --agents (evaluate) or --solve agents (find them), not both');
  const patience = readPatience(argv);
  const model = resolveModel(argv, patience);
  if (model === 'erlang-b') throw new UsageError('--solve agents needs --model erlang-c, erlang-a or mmng (SL, ASA and abandonment targets)');
  const aht = requiredNumberFlag(argv, 'aht', RANGES.positiveSeconds, 'average handle time, seconds');
  const load = readLoad(argv, aht);
  const target = numberFlag(argv, 'target-seconds', RANGES.seconds) ?? 20;
  const targets = readTargets(argv);
  if (targets.slTarget === undefined && targets.asaTarget === undefined && targets.abandonTarget === undefined && targets.maxOccupancy === undefined) {
    throw new UsageError('--solve agents needs a target: --sl-target, --asa-target, --abandon-target or --max-occupancy');
  }
  if (targets.abandonTarget !== undefined && model === 'erlang-c') {
    throw new UsageError('--abandon-target needs abandonment: give --patience (mean patience, seconds) or --patience-spec');
  }
  const usedPatience = model === 'erlang-a' || model === 'mmng' ? patience : undefined;
  const r = solveAgents({
    model, erlangs: load.erlangs, ahtSeconds: aht, targetSeconds: target,
    ...(model === 'erlang-a' ? { patienceSeconds: usedPatience!.meanSeconds } : model === 'mmng' ? { patience: usedPatience!.spec } : {}),
    ...targets,
  });

  if (argv.json) {
    const doc = {
      model, ...inputsJson(load, aht, target, usedPatience), erlangs: load.erlangs,
      targets, shrinkage: targets.shrinkage ?? 0,
      requiredAgents: r.requiredAgents, requiredStaff: r.requiredStaff, requiredStaffRounded: r.requiredStaffRounded,
      binding: r.binding, figures: r.figures, figuresOneFewer: r.figuresOneFewer ?? null,
    };
    process.stdout.write(`${toJson(doc, 2)}\n`);
    return;
  }
  if (argv.csv) {
    // One row: the inputs, the targets, the answer and the figures it reaches.
    const row: Record<string, string | number | undefined> = {
      model, ...(inputsJson(load, aht, target, usedPatience) as Record<string, number>), erlangs: load.erlangs, ...targets, shrinkage: targets.shrinkage ?? 0,
      requiredAgents: r.requiredAgents, requiredStaff: r.requiredStaff, requiredStaffRounded: r.requiredStaffRounded, binding: r.binding.join('+'),
      ...(r.figures as unknown as Record<string, number>),
    };
    process.stdout.write(unitCsv(Object.keys(row), [csvCells(row)]));
    return;
  }
  const n = r.requiredAgents;
  const shrink = targets.shrinkage ?? 0;
  const lines = [
    `${MODEL_NAMES[model]} staffing: ${loadWords(load, aht)}, SL threshold ${target} s${patienceWords(model, usedPatience?.spec)}`,
    `required agents on duty:  ${n}   (requiredAgents)`,
    `required staff:           ${fixed(r.requiredStaff, 2)} → ${r.requiredStaffRounded} after ${percent(shrink, 1)} shrinkage   (requiredStaff = agents ÷ (1 − shrinkage))`,
    `binding targets:          ${r.binding.length ? r.binding.map((b) => TARGET_WORDS[b]).join(', ') : n === 0 ? 'none (no load)' : 'none'}`,
    '',
  ];
  const keys: FigureKey[] = model === 'erlang-c' ? C_ROWS.filter((k) => k !== 'blocking') : A_ROWS.filter((k) => k !== 'blocking');
  const at = r.figures as unknown as Record<string, number>;
  const fewer = r.figuresOneFewer as unknown as Record<string, number> | undefined;
  const rows = keys.map((key) => {
    const t = targetOf(key, targets);
    const mark = (v: number | undefined): string => (v !== undefined && t && !t.meets(v) ? ' ✗' : '');
    return {
      label: figureLabel(key, target),
      values: [
        formatFigure(key, at[key]) + mark(at[key]),
        fewer ? formatFigure(key, fewer[key]) + mark(fewer[key]) : '–',
        t ? t.text : '',
      ],
      key,
    };
  });
  process.stdout.write(`${wrapLines(lines.join('\n'))}\n${renderFigureTable([`at ${n} agents`, n > 0 ? `at ${n - 1} agents` : 'one fewer', 'target'], rows)}`);
  if (rows.some((row) => row.values.some((v) => v.endsWith(' ✗')))) process.stdout.write('✗ misses the target\n');
}

async function runBatchMode(argv: Args): Promise<void> {
  const path = argv.batch;
  if (Array.isArray(path)) throw new UsageError('--batch given twice; give one file (or - for stdin)');
  if (typeof path !== 'string' || path === '') throw new UsageError('--batch needs a file path, or - for stdin');
  const stray = SINGLE_FLAGS.filter((f) => given(argv, f));
  if (stray.length) throw new UsageError(`--batch takes every value from the file; drop ${stray.map((f) => `--${f}`).join(', ')}`);
  if (argv.json) throw new UsageError('--batch always writes JSON lines; drop --json');
  if (argv.csv) throw new UsageError('--batch always writes JSON lines; drop --csv');
  const input = openTextInput(path);
  const stdout = process.stdout;
  const onError = (err: NodeJS.ErrnoException): void => {
    // The reader went away (`| head`): stop quietly.
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  };
  stdout.on('error', onError);
  try {
    const workers = workersFlag(argv); // --workers: parallel layer (issue 5); large files only, see useParallelBatch
    const summary = useParallelBatch(path, workers, given(argv, 'workers'))
      ? await withInterrupt((signal) => runBatchParallel(input, stdout, { workers, signal, minLines: 0 }))
      : await runBatch(input, stdout);
    for (const old of summary.deprecated) process.stderr.write(`${deprecation(`batch field "${old}"`, `"${DEPRECATED_BATCH_FIELDS[old]}"`)}\n`);
    if (summary.failed > 0) {
      process.stderr.write(`ccsim: ${summary.failed} of ${summary.lines} batch lines failed; see their "error" fields\n`);
      process.exitCode = 1;
    }
  } finally {
    stdout.off('error', onError);
  }
}

export const erlangCommand: CommandModule<object, Args> = {
  command: 'erlang',
  describe: 'Erlang B/C/A and M/M/N+G figures for given agents, the agents a target needs (--solve agents), or a JSON-lines batch',
  builder: (y) =>
    targetOptions(
      patienceOptions(y, 'mean patience, seconds: abandonment (Erlang A; M/M/N+G with --patience-dist/--patience-cv)')
        .option('agents', numericOption('agents on duty (a whole number ≥ 0)'))
        .option('calls', numericOption('calls offered per interval (with --interval-seconds)'))
        .option('interval-seconds', numericOption('interval length, seconds (with --calls)'))
        .option('erlangs', numericOption('offered load in erlangs (arrivals per second × AHT)'))
        .option('arrival-rate', numericOption('arrivals per second (with --aht)'))
        .option('aht', numericOption('average (mean) handle time, seconds'))
        .option('target-seconds', numericOption('service-level threshold T, seconds (default 20)'))
        .option('model', { type: 'string', choices: MODELS, describe: 'force a model (default: erlang-a for exponential patience, mmng for any other, erlang-c without)' })
        .option('solve', { type: 'string', choices: ['agents'], describe: 'find the fewest agents meeting the targets' })
        .option('batch', { type: 'string', requiresArg: true, describe: 'JSON lines file (- for stdin) → JSON lines on stdout (line format: docs/batch.md)' })
        .option('workers', workersOption)
        .option('json', { type: 'boolean', describe: 'one JSON document instead of the table' })
        .option('csv', { type: 'boolean', describe: 'CSV: a header and one row (inputs, then figures; with --solve: targets, the answer, its figures); units in the header, rounded per unit' })
        .conflicts('json', 'csv'),
    )
      .example('$0 erlang --agents 14 --calls 100 --interval-seconds 1800 --aht 180 --target-seconds 20', 'Erlang C figures')
      .example('$0 erlang --agents 14 --erlangs 10 --aht 180 --patience 300', 'Erlang A figures')
      .example('$0 erlang --agents 100 --erlangs 95 --aht 300 --patience 120 --patience-dist lognormal --patience-cv 2.5', 'M/M/N+G figures (lognormal patience)')
      .example('$0 erlang --solve agents --erlangs 10 --aht 180 --sl-target 0.8 --shrinkage 0.3', 'agents for 80/20')
      .example('$0 erlang --agents 14 --erlangs 10 --aht 180 --csv', 'one CSV row')
      .example('$0 erlang --batch scenarios/examples/cells.jsonl > figures.jsonl', 'JSON lines in and out (docs/batch.md)')
      .epilog(deprecatedHelp('erlang')) as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    if (given(argv, 'batch')) return runBatchMode(argv);
    if (given(argv, 'solve')) return printSolve(argv);
    return printEvaluate(argv);
  },
};
