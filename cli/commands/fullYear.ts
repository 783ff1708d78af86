/**
 * `ccsim simulate FILE --full-year [--workers N] [--seed S] [--set …] [--json] [--quiet]`:
 * loads the scenario (with `--set`), runs `runFullYear` on the workers with a progress bar
 * (centre-days) on stderr, and prints the year beside the model and the report.
 */
import { AbortedError } from '../../engine/parallel/index.js';
import { UsageError } from '../errors.js';
import { toJson } from '../format/index.js';
import { loadForCommand } from '../io/scenario.js';
import { fullYearDocument, runFullYear } from '../../scenarios/index.js';
import { renderFullYear } from '../format/fullYear.js';
import { createProgress } from '../io/progress.js';
import { withInterrupt, workersFlag } from '../io/workers.js';
import { QUICK_ONLY_FLAGS } from './simulateFile.js';

type Args = Record<string, unknown>;

/** Flags of quick mode or of replications that mean nothing for the full year. */
const NOT_WITH_FULL_YEAR = [...QUICK_ONLY_FLAGS, 'replications', 'csv'];

export async function runFullYearCommand(argv: Args): Promise<void> {
  if (typeof argv.file !== 'string' && argv.example === undefined) throw new UsageError('--full-year needs a scenario FILE: ccsim simulate scenarios/china-banking-2017.yaml --full-year');
  const stray = NOT_WITH_FULL_YEAR.filter((k) => argv[k] !== undefined);
  if (stray.length > 0) throw new UsageError(`${stray.map((k) => `--${k}`).join(', ')} cannot be used with --full-year; change the scenario with --set path=value`);
  const { scenario } = await loadForCommand(argv);
  const seed = typeof argv.seed === 'string' ? argv.seed : (scenario.simulation?.seed ?? 1);
  const workers = workersFlag(argv);
  const quiet = argv.quiet === true;
  try {
    const r = await withInterrupt((signal) =>
      runFullYear({ scenario, seed, workers, signal, progress: (total) => createProgress({ total, unit: 'centre-days', quiet }) }));
    process.stdout.write(argv.json === true ? `${toJson(fullYearDocument(r, scenario), 2)}\n` : renderFullYear(r, scenario));
  } catch (err) {
    if (err instanceof AbortedError) {
      process.stderr.write('ccsim: interrupted; the full year was not finished (nothing printed)\n');
      process.exitCode = 130;
      return;
    }
    throw err;
  }
}
