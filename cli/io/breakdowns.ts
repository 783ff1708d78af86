/**
 * `--by channel|group|interval`: which breakdowns of the figures a scenario command prints
 * beside its totals (table, `--json`, `--csv`). Default: per channel when the scenario has
 * several channels, per group when it has several groups; per interval only when asked (48 or
 * 96 rows per channel). Naming any `--by` prints exactly the breakdowns named.
 */
import type { ChannelKernel, Scenario } from '../../scenarios/index.js';
import type { ChannelInfo } from '../format/slices.js';
import { UsageError } from '../errors.js';

/** The breakdowns `--by` names. */
export const BREAKDOWNS = ['channel', 'group', 'interval'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The yargs option. */
export const byOption = {
  type: 'string' as const, array: true as const, requiresArg: true,
  describe: 'figures per channel, per agent group and/or per interval of the day beside the totals, repeatable ' +
    '(default: channel and group when the scenario has several; interval only when named)',
};

/**
 * The breakdowns to print for `argv.by` and the scenario.
 * @throws {UsageError} a value other than channel, group, interval
 */
export function breakdownsOf(argv: Record<string, unknown>, s: Scenario, allowed: readonly Breakdown[] = BREAKDOWNS): Record<Breakdown, boolean> {
  const v = argv.by;
  if (v === undefined) return { channel: s.channels.length > 1, group: s.groups.length > 1, interval: false };
  const list = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim());
  for (const x of list) {
    if (!(allowed as readonly string[]).includes(x)) throw new UsageError(`--by ${x}: use ${allowed.join(', ')} (repeatable)`);
  }
  return { channel: list.includes('channel'), group: list.includes('group'), interval: list.includes('interval') };
}

/** The channels of a scenario as the figure blocks need them (cli/format/slices.ts). */
export function channelInfos(s: Scenario, kernels: readonly ChannelKernel[]): ChannelInfo[] {
  return s.channels.map((c, i) => ({
    name: c.name, kind: c.kind, targetSeconds: c.targetSeconds,
    ...(c.kind === 'chat' ? { concurrency: c.concurrency ?? 1, slowdown: c.slowdown ?? 0.2 } : {}),
    ...(c.deadlineSeconds !== undefined ? { deadlineSeconds: c.deadlineSeconds } : {}),
    selfService: (c.selfService?.share ?? 0) > 0,
    repeats: (c.retrial?.probability ?? 0) > 0 || (c.selfService?.returnShare ?? 0) > 0,
    ...(kernels[i] ? { kernel: kernels[i] } : {}),
  }));
}
