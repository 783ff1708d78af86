/**
 * What-if levers on channels (docs/levers.md), applied to a validated scenario in place by
 * `applyInPlace` (levers.ts), with the same names in `whatif` and `sweep`:
 *
 * - `shift` (`--shift voice:wechat=10%`): a share p of channel FROM's demand moves to channel
 *   TO, each moved contact becoming `conversion` contacts there (`shiftConversion`, default 1:
 *   demand conserved; 1.2: a call becomes 1.2 chat sessions). Two bases (`shiftBasis`):
 *   - `arrivals` (default): p of FROM's arrivals *before self-service*: FROM's volume × (1 − p),
 *     TO's volume + conversion · p · FROM's volume; the self-service shares stay, so the moved
 *     contacts meet TO's self-service (chatbot) like its other arrivals;
 *   - `agent`: p of FROM's *agent-directed* contacts (those past self-service): m = p · V · (1 − s)
 *     leave FROM and conversion · m reach TO's agents; both channels' self-service completions
 *     stay as they were (their shares are reset so that share × volume is unchanged).
 *   With conversion 1 the total of every channel's arrivals is unchanged either way. Several
 *   shifts from one channel take their shares of its volume before any of them (so they may
 *   sum to at most 100%).
 * - `concurrency` (`--concurrency wechat=3`): a chat channel's sessions per agent, whole 1–100.
 * - `deadline` (`--deadline email=4h`): a deferred channel's deadline, seconds (`4h`, `30m`,
 *   `1d`, `900s` or seconds).
 * - `retrial` (`--retrial 0.3`, or `--retrial voice=0.3`): the share of abandoned contacts that
 *   try again, on every real-time channel with patience (or the one named); a channel without a
 *   redial delay gets DEFAULT_RETRIAL_DELAY.
 */
import { DEFAULT_CHAT_CONCURRENCY } from '../../engine/des/model.js';
import { MAX_CONCURRENCY } from '../../engine/des/validate.js';
import { periodDays } from './build.js';
import type { Distribution, Scenario } from '../format/schema.js';

/** Which contacts a `shift` moves: all arrivals of the channel (before self-service), or those reaching agents. */
export type ShiftBasis = 'arrivals' | 'agent';
export const SHIFT_BASES: readonly ShiftBasis[] = ['arrivals', 'agent'];
/** Default basis of a shift: arrivals before self-service. */
export const DEFAULT_SHIFT_BASIS: ShiftBasis = 'arrivals';
/** Default contacts on the receiving channel per moved contact: 1 (demand conserved). */
export const DEFAULT_SHIFT_CONVERSION = 1;
/** Delay of the redials a `retrial` lever adds to a channel that has none: exponential, mean 300 s (assumed: a redial about five minutes after hanging up). */
export const DEFAULT_RETRIAL_DELAY: Distribution = { kind: 'exponential', mean: 300 };

/** One shift, as plain data. */
export interface Shift {
  from: string;
  to: string;
  /** share of FROM's demand moved, in [0, 1] */
  share: number;
  basis: ShiftBasis;
  /** contacts on TO per moved contact, > 0 */
  conversion: number;
  /** the text it was parsed from */
  text: string;
}

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;

/** A share written `10%` or `0.1`, in [0, 1]; undefined when not a number. */
export function parseShare(text: string): number | undefined {
  const m = new RegExp(`^(${NUM})(%?)$`, 'i').exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) / (m[2] ? 100 : 1);
}

/**
 * A duration in seconds from `4h`, `30m`, `30min`, `1d`, `900s` or `900` (seconds).
 * @example parseDuration('4h') // 14400
 */
export function parseDuration(text: string): number | undefined {
  const m = new RegExp(`^(${NUM})\\s*(s|m|min|h|d)?$`, 'i').exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  const seconds = unit === 'd' ? 86_400 : unit === 'h' ? 3600 : unit === 's' ? 1 : 60;
  return Number(m[1]) * seconds;
}

/** `CHANNEL=VALUE` → its parts; `VALUE` alone → no channel. */
export function splitChannel(text: string): { channel?: string; value: string } {
  const eq = text.indexOf('=');
  if (eq < 0) return { value: text.trim() };
  return { channel: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
}

/** `FROM:TO=SHARE` → its parts, or undefined when not of that form. */
export function splitShift(text: string): { from: string; to: string; share: string } | undefined {
  const m = /^\s*([^:=\s]+)\s*:\s*([^:=\s]+)\s*=\s*(.+)$/.exec(text);
  return m ? { from: m[1]!, to: m[2]!, share: m[3]!.trim() } : undefined;
}

type Channel = Scenario['channels'][number];

/** The channel named `name`, or a RangeError naming the flag and the channels there are. */
function channelNamed(s: Scenario, name: string, where: string): Channel {
  const c = s.channels.find((x) => x.name === name);
  if (!c) throw new RangeError(`${where}: no channel ${name} in the scenario (channels: ${s.channels.map((x) => x.name).join(', ')})`);
  return c;
}

/**
 * Moves demand between channels (see the module comment); `shifts` are applied together.
 * @throws {RangeError} an unknown channel, a channel shifted to itself, shares from one channel summing above 1
 */
export function applyShifts(out: Scenario, shifts: readonly Shift[]): void {
  if (shifts.length === 0) return;
  const days = periodDays(out);
  // Every share is of the channel's demand before any shift.
  const before = new Map(out.channels.map((c) => [c.name, { volume: volumeOf(c, days), selfService: c.selfService?.share ?? 0 }]));
  const sums = new Map<string, number>();
  for (const sh of shifts) {
    const where = `--shift ${sh.text}`;
    channelNamed(out, sh.from, where);
    channelNamed(out, sh.to, where);
    if (sh.from === sh.to) throw new RangeError(`${where}: moves ${sh.from} to itself; name two different channels (FROM:TO=SHARE)`);
    const sum = (sums.get(sh.from) ?? 0) + sh.share;
    sums.set(sh.from, sum);
    if (sum > 1 + 1e-12) throw new RangeError(`${where}: the shares moved out of ${sh.from} sum to ${Number((sum * 100).toPrecision(6))}%; at most 100% of a channel's demand can move`);
  }
  for (const sh of shifts) {
    const from = out.channels.find((c) => c.name === sh.from)!;
    const to = out.channels.find((c) => c.name === sh.to)!;
    const b = before.get(sh.from)!;
    if (sh.basis === 'arrivals') {
      const moved = sh.share * b.volume;
      addVolume(from, -moved, days);
      addVolume(to, sh.conversion * moved, days);
    } else {
      const moved = sh.share * b.volume * (1 - b.selfService);
      keepSelfServed(from, () => addVolume(from, -moved, days), days);
      keepSelfServed(to, () => addVolume(to, sh.conversion * moved, days), days);
    }
  }
}

/** A channel's arrivals over the period (before self-service). */
function volumeOf(c: Channel, days: number): number {
  return c.callsPerYear !== undefined ? (c.callsPerYear * days) / 365 : (c.callsPerDay ?? 0) * days;
}

/** Adds `delta` arrivals over the period to a channel, in the unit its file uses. */
function addVolume(c: Channel, delta: number, days: number): void {
  if (c.callsPerYear !== undefined) c.callsPerYear = Math.max(0, c.callsPerYear + (delta * 365) / days);
  else c.callsPerDay = Math.max(0, (c.callsPerDay ?? 0) + delta / days);
}

/** Runs `change` (a change of the channel's volume) keeping its self-service completions: share × volume unchanged. */
function keepSelfServed(c: Channel, change: () => void, days: number): void {
  const ss = c.selfService;
  const completions = (ss?.share ?? 0) * volumeOf(c, days);
  change();
  if (!ss) return;
  const v = volumeOf(c, days);
  c.selfService = { ...ss, share: v > 0 ? Math.min(1, completions / v) : ss.share };
}

/**
 * Sets a chat channel's concurrency.
 * @throws {RangeError} an unknown or non-chat channel, or a value not a whole number in [1, MAX_CONCURRENCY]
 */
export function setConcurrency(out: Scenario, channel: string, value: number, text: string): void {
  const where = `--concurrency ${text}`;
  const c = channelNamed(out, channel, where);
  if (c.kind !== 'chat') throw new RangeError(`${where}: channel ${channel} is a ${c.kind} channel; concurrency applies to chat channels (kind: chat)`);
  if (!(Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENCY)) {
    throw new RangeError(`${where}: channels[${channel}].concurrency must be a whole number of sessions per agent in [1, ${MAX_CONCURRENCY}], got ${value}`);
  }
  c.concurrency = value;
}

/** The concurrency a chat channel has (its own, else the default). */
export function concurrencyOf(c: Channel): number {
  return c.concurrency ?? DEFAULT_CHAT_CONCURRENCY;
}

/**
 * Sets a deferred channel's deadline, seconds.
 * @throws {RangeError} an unknown or real-time channel, or a deadline ≤ 0
 */
export function setDeadline(out: Scenario, channel: string, seconds: number, text: string): void {
  const where = `--deadline ${text}`;
  const c = channelNamed(out, channel, where);
  if (c.kind !== 'deferred') throw new RangeError(`${where}: channel ${channel} is a real-time ${c.kind} channel; a deadline applies to deferred channels (kind: deferred), real-time ones have targetSeconds`);
  if (!(seconds > 0 && Number.isFinite(seconds))) throw new RangeError(`${where}: channels[${channel}].deadlineSeconds must be > 0 seconds, got ${seconds}`);
  c.deadlineSeconds = seconds;
}

/**
 * Sets the redial share of one channel, or of every real-time channel with patience.
 * @throws {RangeError} an unknown channel, one without patience (nobody abandons), none to set, a share outside [0, 1]
 */
export function setRetrial(out: Scenario, channel: string | undefined, share: number, text: string): void {
  const where = `--retrial ${text}`;
  if (!(share >= 0 && share <= 1)) throw new RangeError(`${where}: the share of abandoned contacts that redial must be in [0, 1], got ${share}`);
  const targets = channel !== undefined ? [channelNamed(out, channel, where)] : out.channels.filter((c) => c.kind !== 'deferred' && c.patienceSeconds !== undefined);
  if (targets.length === 0) throw new RangeError(`${where}: no real-time channel with patienceSeconds (only contacts that abandon can redial)`);
  for (const c of targets) {
    if (c.kind === 'deferred' || c.patienceSeconds === undefined) {
      throw new RangeError(`${where}: channel ${c.name} has no patience (${c.kind === 'deferred' ? 'deferred items never abandon' : 'its contacts never abandon'}), so none redial`);
    }
    c.retrial = { probability: share, delaySeconds: c.retrial?.delaySeconds ?? DEFAULT_RETRIAL_DELAY };
  }
}
