/**
 * The flags of a sweep on a cluster: `--backend redis://HOST:PORT[/DB]` (where the jobs go)
 * and `--reconnect-seconds S` (how long Redis may stay unreachable), shared by `ccsim sweep`
 * and `ccsim worker`.
 */
import type { Options } from 'yargs';
import { parseRedisUrl } from '../../scenarios/studies/sweep/cluster/address.js';
import { UsageError } from '../errors.js';
import { numberFlag, numericOption, stringFlag } from './flags.js';

/** `--backend` of `ccsim sweep`. */
export const backendOption: Options = {
  type: 'string',
  requiresArg: true,
  describe: 'redis://HOST:PORT[/DB]: run the cells on `ccsim worker` processes through this Redis (docs/cluster.md)',
};

/** `--backend` of `ccsim worker`. */
export const workerBackendOption: Options = {
  ...backendOption,
  describe: 'redis://HOST:PORT[/DB]: the Redis the coordinators (`ccsim sweep --backend`) send jobs to (docs/cluster.md)',
};

export const reconnectOption: Options = numericOption('with --backend: seconds Redis may stay unreachable before giving up (default 10)');

/** The `--backend` URL, checked, or undefined. @throws {UsageError} a malformed address */
export function backendFlag(argv: Record<string, unknown>): string | undefined {
  const url = stringFlag(argv, 'backend');
  if (url === undefined) return undefined;
  try {
    parseRedisUrl(url);
  } catch (err) {
    throw new UsageError(`--backend ${(err as Error).message}`);
  }
  return url;
}

/** `--reconnect-seconds` (default 10). */
export function reconnectFlag(argv: Record<string, unknown>): number {
  return numberFlag(argv, 'reconnect-seconds', { min: 1, max: 86_400 }) ?? 10;
}
