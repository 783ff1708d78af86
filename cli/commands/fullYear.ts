/**
 * `ccsim simulate FILE --full-year [--workers N] [--seed S] [--set …] [--json|--csv] [--quiet]`:
 * loads the scenario (with `--set`), runs `runFullYear` on the workers with a progress bar
 * (centre-days) on stderr, and prints the year beside the model and the report.
 */
import { AbortedError } from '../../engine/parallel/index.js';
import { UsageError } from '../errors.js';
import { toJson } from '../format/index.js';
import { loadForCommand } from '../io/scenario.js';
import { fullYearDocument, runFullYear } from '../../scenarios/index.js';
import { fullYearWork } from '../../scenarios/studies/fullYear.js';
import { enforceWork } from '../io/budget.js';
import { fullYearCsv, renderFullYear } from '../format/fullYear.js';
import { createProgress } from '../io/progress.js';
import { withInterrupt, workersFlag } from '../io/workers.js';
import { QUICK_ONLY_FLAGS } from './simulateFile.js';

type Args = Record<string, unknown>;


export async function runFullYearCommand(argv: Args): Promise<void> {
  if (typeof argv.file !== 'string' && argv.example === undefined) throw new UsageError('--full-year needs a scenario FILE: ccsim simulate scenarios/china-banking-2017.yaml --full-year');
  const stray = QUICK_ONLY_FLAGS.filter((k) => argv[k] !== undefined);
  if (stray.length > 0) throw new UsageError(`${stray.map((k) => `--${k}`).join(', ')} cannot be used with --full-year; change the scenario with --set path=value`);
  if (argv.replications !== undefined) throw new UsageError('--replications cannot be used with --full-year: it simulates every call of the period once');
  const { scenario } = await loadForCommand(argv);
  const seed = typeof argv.seed === 'string' ? argv.seed : (scenario.simulation?.seed ?? 1);
  const workers = workersFlag(argv);
  enforceWork(fullYearWork(scenario, workers), argv, 'simulate --full-year');
  const quiet = argv.quiet === true;
  try {
    const r = await withInterrupt((signal) =>
      runFullYear({ scenario, seed, workers, signal, progress: (total) => createProgress({ total, unit: 'centre-days', quiet }) }));
    process.stdout.write(argv.json === true ? `${toJson(fullYearDocument(r, scenario), 2)}\n` : argv.csv === true ? fullYearCsv(r, scenario) : renderFullYear(r, scenario));
  } catch (err) {
    if (err instanceof AbortedError) {
      process.stderr.write('ccsim: interrupted; the full year was not finished (nothing printed)\n');
      process.exitCode = 130;
      return;
    }
    throw err;
  }
}
