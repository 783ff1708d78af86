/**
 * `ccsim worker --backend redis://HOST:PORT[/DB] [--concurrency N]`: computes the cells of
 * sweeps run with `ccsim sweep --backend` (any coordinator, any number of machines), until
 * stopped. Each job runs on a worker thread; the main thread only talks to Redis.
 *
 *   ccsim worker --backend redis://10.0.0.5:6379/0 --concurrency 2
 *
 * Ctrl-C or SIGTERM: stops after the running jobs (a second one stops at once: those jobs run
 * again elsewhere once their lock expires). Redis unreachable at start, or lost for longer
 * than --reconnect-seconds: one line, exit 1. Settings and failures: docs/cluster.md.
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { ENGINE_VERSION } from '../../engine/version.js';
import { InputError, UsageError } from '../errors.js';
import { numberFlag, numericOption } from '../io/flags.js';
import { backendFlag, reconnectFlag, reconnectOption, workerBackendOption } from '../io/cluster.js';
import { parseRedisUrl } from '../../scenarios/studies/sweep/cluster/address.js';

type Args = Record<string, unknown>;

async function handler(argv: Args): Promise<void> {
  const url = backendFlag(argv);
  if (url === undefined) throw new UsageError('--backend redis://HOST:PORT[/DB] is required (the Redis the coordinators use)');
  const concurrency = numberFlag(argv, 'concurrency', { min: 1, max: 1024, integer: true }) ?? availableParallelism();
  const lockSeconds = numberFlag(argv, 'lock-seconds', { min: 1, max: 86_400 }) ?? 30;
  const stalledSeconds = numberFlag(argv, 'stalled-seconds', { min: 1, max: 86_400 }) ?? 30;
  const reconnectSeconds = reconnectFlag(argv);
  const verbose = argv.verbose === true;
  const say = (line: string) => void process.stderr.write(`worker: ${line}\n`);

  const { runClusterWorker } = await import('../../scenarios/studies/sweep/cluster/worker.js');
  const { ClusterError } = await import('../../scenarios/studies/sweep/cluster/connection.js');
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    say('stopping after the running jobs (Ctrl-C again to stop now)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const s = await runClusterWorker({
      url, concurrency, lockSeconds, stalledSeconds, reconnectSeconds, verbose,
      signal: controller.signal,
      log: say,
      onReady: (name) => say(`${name} serving ${parseRedisUrl(url).text} with ${concurrency} thread(s), ccsim ${ENGINE_VERSION}; Ctrl-C stops after the running jobs`),
    });
    say(`stopped: ${s.jobs} job(s) done, ${s.cells} cell(s) computed${s.failed ? `, ${s.failed} job(s) failed` : ''}`);
  } catch (err) {
    throw err instanceof ClusterError ? new InputError(err.message) : err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const workerCommand: CommandModule<object, Args> = {
  command: 'worker',
  describe: 'compute the cells of `ccsim sweep --backend` jobs from Redis, on worker threads, until stopped',
  builder: (y) =>
    (y as Argv<Args>)
      .option('backend', workerBackendOption)
      .option('concurrency', numericOption('jobs at once, one thread each (default: the number of cores)'))
      .option('lock-seconds', numericOption('a job\'s lock, renewed every half of it while the job runs (default 30)'))
      .option('stalled-seconds', numericOption('how often to put back jobs whose worker died (lock expired) (default 30)'))
      .option('reconnect-seconds', reconnectOption)
      .option('verbose', { type: 'boolean', describe: 'one line per job' })
      .example('$0 worker --backend redis://10.0.0.5:6379/0 --concurrency 2', 'serve sweeps on 2 threads'),
  handler: (argv) => handler(argv as Args),
};
