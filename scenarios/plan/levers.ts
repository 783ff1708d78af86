/**
 * What-if levers a planner understands, as plain data, parsed from the words planners use
 * and applied to a validated scenario by a pure function (sweeps use the same levers as grid
 * axes). Definitions:
 *
 * - `staff`: every centre's head count × f (explicit `onDutyPerCentre` schedules × f; the simulator rounds).
 *   `-8%` → f = 0.92; `0.92` (a plain number < 10) → f = 0.92; `47104` (≥ 10) → the head
 *   count of the whole scenario, f = 47104 / current staff.
 * - `selfService`: the IVR share of every voice channel. Total voice arrivals stay fixed: calls
 *   move between the IVR and the agents. Forms: `0.75` or `75%` sets the model's share (the
 *   `selfServiceShare` figure, IVR / (IVR + offered), "ivr/offered"); `+6pt` / `-3pt` moves
 *   it by points (the report's "69% → 75%" is +6 points); `ivr/answered=0.70` sets the share
 *   that gives IVR / (IVR + answered) = 0.70 with the kernels, after every other lever
 *   (bisection on the share; `ivr/offered=0.75` is the same as `0.75`).
 * - `volume`: every channel's arrivals × f (`+5%`, or a factor `1.05`).
 * - `aht`, `patience`: the mean of every channel's handle-time (patience) distribution moves:
 *   `-10s` adds seconds, `-5%` scales, `180s` or `180` sets the mean (shape kept: an empirical
 *   list is scaled, a deterministic value moved); `patience` skips deferred channels (none).
 * - `shift`, `shiftConversion`, `concurrency`, `deadline`, `retrial`: levers on channels
 *   (channelLevers.ts: `voice:wechat=10%`, `1.2`, `wechat=3`, `email=4h`, `0.3` or `voice=0.3`).
 *   A shift's basis (`arrivals` or `agent`) is a property of the lever (`basis`).
 */
import { bisect } from '../../engine/calibrate/bisect.js';
import { meanOf } from '../../engine/rng/moments.js';
import { scaleSpec } from '../../engine/rng/scale.js';
import { analyticPlan } from './analytic.js';
import { buildPlan, totalStaff } from './build.js';
import type { Distribution, Scenario } from '../format/schema.js';
import { MAX_CONCURRENCY } from '../../engine/des/validate.js';
import {
  applyShifts, DEFAULT_SHIFT_BASIS, DEFAULT_SHIFT_CONVERSION, parseDuration, parseShare, setConcurrency, setDeadline, setRetrial,
  splitChannel, splitShift, type ShiftBasis,
} from './channelLevers.js';

export const LEVER_NAMES = ['staff', 'selfService', 'volume', 'aht', 'patience', 'shift', 'shiftConversion', 'concurrency', 'deadline', 'retrial'] as const;
export type LeverName = (typeof LEVER_NAMES)[number];

/** Levers that name a channel in a sweep axis (`shift.voice:wechat`, `concurrency.wechat`, `deadline.email`, `retrial.voice`). */
export const TARGETED_LEVERS: readonly LeverName[] = ['shift', 'concurrency', 'deadline', 'retrial'];

/** How a lever's number applies. `points`: a change of a share (0.06 for +6pt). */
export type LeverMode = 'relative' | 'factor' | 'absolute' | 'seconds' | 'points';

/**
 * Definitions of the self-service share a `selfService` lever may name (docs/figures.md):
 * `ivr/offered` is the model's (`selfServiceShare`), `ivr/answered` is IVR / (IVR + answered)
 * (`selfServiceShareAnswered`).
 */
export const SHARE_DEFINITIONS = ['ivr/offered', 'ivr/answered'] as const;
export type ShareDefinition = (typeof SHARE_DEFINITIONS)[number];

/** One lever setting, plain data. `relative`: value is a fraction (−0.08 for −8%). */
export interface Lever {
  lever: LeverName;
  mode: LeverMode;
  value: number;
  /** the text it was parsed from, for reports */
  text: string;
  /** `selfService` set on a named definition (absent: the model's, `ivr/offered`) */
  definition?: ShareDefinition;
  /** the channel a channel lever names (`shift`: the one demand leaves) */
  channel?: string;
  /** `shift`: the channel demand moves to */
  to?: string;
  /** `shift`: which contacts move (absent: DEFAULT_SHIFT_BASIS, arrivals before self-service) */
  basis?: ShiftBasis;
}

/** The flag of a lever: `self-service`, `shift-conversion`, `staff`. */
export function flagOf(lever: LeverName): string {
  return lever.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;

/**
 * Parses a lever from its command-line text.
 * @throws {RangeError} an unknown lever or a value in no accepted form (the message lists them)
 * @example parseLever('staff', '-8%') // { lever: 'staff', mode: 'relative', value: -0.08, text: '-8%' }
 */
export function parseLever(name: string, text: string): Lever {
  const lever = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as LeverName;
  if (!LEVER_NAMES.includes(lever)) throw new RangeError(`unknown lever ${name}: use one of ${LEVER_NAMES.map(flagOf).join(', ')}`);
  const t = String(text).trim();
  const pct = new RegExp(`^(${NUM})%$`, 'i').exec(t);
  const secs = new RegExp(`^(${NUM})\\s*s$`, 'i').exec(t);
  const plain = new RegExp(`^(${NUM})$`, 'i').exec(t);
  const signed = /^[+-]/.test(t);
  const bad = (forms: string) => new RangeError(`--${flagOf(lever)} ${JSON.stringify(text)}: expected ${forms}`);
  switch (lever) {
    case 'staff':
      if (pct) return check({ lever, mode: 'relative', value: Number(pct[1]) / 100, text: t });
      if (plain && !signed) {
        const v = Number(plain[1]);
        return check({ lever, mode: v < 10 ? 'factor' : 'absolute', value: v, text: t });
      }
      throw bad('a change like -8% or +5%, a factor like 0.92, or a head count like 47104');
    case 'selfService': {
      const points = new RegExp(`^(${NUM})\\s*pt$`, 'i').exec(t);
      if (points && signed) return check({ lever, mode: 'points', value: Number(points[1]) / 100, text: t });
      const named = /^([a-z]+\/[a-z]+)\s*=\s*(.+)$/i.exec(t);
      if (named) {
        const definition = named[1]!.toLowerCase() as ShareDefinition;
        if (!SHARE_DEFINITIONS.includes(definition)) throw bad(`a share on a known definition: ${SHARE_DEFINITIONS.join(' or ')} (e.g. ivr/answered=0.70)`);
        let share: Lever;
        try {
          share = parseLever('selfService', named[2]!);
        } catch {
          throw bad(`a share after ${definition}=, e.g. ${definition}=0.70 or ${definition}=70%`);
        }
        if (share.mode !== 'absolute') throw bad(`a share after ${definition}=, e.g. ${definition}=0.70 or ${definition}=70%`);
        return check(definition === 'ivr/offered' ? { ...share, text: t } : { ...share, definition, text: t });
      }
      if (pct && !signed) return check({ lever, mode: 'absolute', value: Number(pct[1]) / 100, text: t });
      if (plain && !signed) return check({ lever, mode: 'absolute', value: Number(plain[1]), text: t });
      throw bad('the new self-service share (0.75 or 75%), a change in points (+6pt), or a share on a named definition (ivr/answered=0.70)');
    }
    case 'volume':
      if (pct) return check({ lever, mode: 'relative', value: Number(pct[1]) / 100, text: t });
      if (plain && !signed) return check({ lever, mode: 'factor', value: Number(plain[1]), text: t });
      throw bad('a change like +5% or a factor like 1.05');
    case 'aht':
    case 'patience':
      if (pct) return check({ lever, mode: 'relative', value: Number(pct[1]) / 100, text: t });
      if (secs && signed) return check({ lever, mode: 'seconds', value: Number(secs[1]), text: t });
      if ((secs || plain) && !signed) return check({ lever, mode: 'absolute', value: Number((secs ?? plain)![1]), text: t });
      throw bad('a change like -10s or -5%, or a new mean like 180s');
    case 'shift': {
      const sh = splitShift(t);
      const share = sh ? parseShare(sh.share) : undefined;
      if (!sh || share === undefined) throw bad('FROM:TO=SHARE, e.g. voice:wechat=10% (a share of FROM\'s demand)');
      return check({ lever, mode: 'absolute', value: share, channel: sh.from, to: sh.to, text: t });
    }
    case 'shiftConversion':
      if (plain && !signed) return check({ lever, mode: 'factor', value: Number(plain[1]), text: t });
      throw bad('contacts on the receiving channel per moved contact, e.g. 1.2');
    case 'concurrency': {
      const { channel, value } = splitChannel(t);
      const n = new RegExp(`^(${NUM})$`).exec(value);
      if (channel === undefined || channel === '' || !n) throw bad('CHANNEL=SESSIONS, e.g. wechat=3 (a chat channel\'s sessions per agent)');
      return check({ lever, mode: 'absolute', value: Number(n[1]), channel, text: t });
    }
    case 'deadline': {
      const { channel, value } = splitChannel(t);
      const seconds = parseDuration(value);
      if (channel === undefined || channel === '' || seconds === undefined) throw bad('CHANNEL=DURATION, e.g. email=4h (or 30m, 1d, 900s, seconds)');
      return check({ lever, mode: 'absolute', value: seconds, channel, text: t });
    }
    case 'retrial': {
      const { channel, value } = splitChannel(t);
      const share = parseShare(value);
      if (channel === '' || share === undefined) throw bad('the share of abandoned contacts that redial, e.g. 0.3 or 30%, or CHANNEL=SHARE (voice=0.3)');
      return check({ lever, mode: 'absolute', value: share, ...(channel !== undefined ? { channel } : {}), text: t });
    }
  }
}

function check(l: Lever): Lever {
  const where = `--${flagOf(l.lever)} ${l.text}`;
  if (!Number.isFinite(l.value)) throw new RangeError(`${where}: not a finite number`);
  if ((l.lever === 'shift' || l.lever === 'retrial') && !(l.value >= 0 && l.value <= 1)) throw new RangeError(`${where}: the share must be in [0, 1] (0%–100%), got ${l.value}`);
  if (l.lever === 'concurrency' && !(Number.isInteger(l.value) && l.value >= 1 && l.value <= MAX_CONCURRENCY)) {
    throw new RangeError(`${where}: channels[${l.channel}].concurrency must be a whole number of sessions per agent in [1, ${MAX_CONCURRENCY}], got ${l.value}`);
  }
  if (l.lever === 'shift' || l.lever === 'retrial') return l;
  if (l.mode === 'relative' && !(l.value > -1)) throw new RangeError(`${where}: a change must be > -100%`);
  if (l.mode === 'factor' && !(l.value > 0)) throw new RangeError(`${where}: a factor must be > 0`);
  if (l.lever === 'selfService' && l.mode === 'absolute' && !(l.value >= 0 && l.value <= 1)) throw new RangeError(`${where}: the share must be in [0, 1]`);
  if (l.mode === 'points' && !(l.value >= -1 && l.value <= 1)) throw new RangeError(`${where}: a change of a share must be within ±100pt`);
  if (l.mode === 'absolute' && l.lever !== 'selfService' && !(l.value > 0)) throw new RangeError(`${where}: must be > 0${l.lever === 'deadline' ? ' seconds' : ''}`);
  return l;
}

/** The factor a multiplicative lever applies, given the current value (for `absolute` staff). */
function factorOf(l: Lever, current: number): number {
  switch (l.mode) {
    case 'relative': return 1 + l.value;
    case 'factor': return l.value;
    case 'absolute': return l.value / current;
    case 'seconds': return (current + l.value) / current;
    case 'points': return NaN; // not multiplicative; applyInPlace handles points itself
  }
}

function moveMean(d: Distribution, l: Lever, what: string): Distribution {
  const mean = meanOf(d);
  const target = l.mode === 'seconds' ? mean + l.value : l.mode === 'absolute' ? l.value : mean * factorOf(l, mean);
  if (!(target > 0)) throw new RangeError(`--${l.lever} ${l.text}: the mean ${what} would be ${target} seconds; it must stay > 0`);
  switch (d.kind) {
    case 'deterministic': return { kind: 'deterministic', value: target };
    case 'empirical': return { kind: 'empirical', values: d.values.map((v) => (v * target) / mean) };
    case 'mixture': return scaleSpec(d, target / mean) as Distribution; // every component scaled alike: the shape kept
    default: return { ...d, mean: target };
  }
}

/**
 * A copy of the scenario with the levers applied, in the order given (a deep copy: the
 * caller may change it freely).
 * @throws {RangeError} a lever that would make a value invalid (a mean ≤ 0), or patience on a channel without one
 */
export function applyLevers(s: Scenario, levers: readonly Lever[]): Scenario {
  return applyInPlace(structuredClone(s), levers);
}

/**
 * The scenario with the levers applied, for reading only: the same values as `applyLevers`,
 * but only the objects a lever may change are copied (the scenario, its centre classes,
 * channels, groups and their schedules); everything else (distributions, profiles, targets,
 * constants …) is shared with `s`, so neither `s` nor the result may be changed afterwards.
 * Costs O(classes + channels + groups) instead of a deep copy; a sweep calls it once per cell.
 * @throws {RangeError} as `applyLevers`
 */
export function withLevers(s: Scenario, levers: readonly Lever[]): Scenario {
  const frame: Scenario = {
    ...s,
    centreClasses: copyEach(s.centreClasses, (c) => ({ ...c })),
    channels: copyEach(s.channels, (c) => ({ ...c })),
    groups: copyEach(s.groups, (g) => ({ ...g, schedule: { ...g.schedule } })),
  };
  return applyInPlace(frame, levers);
}

/**
 * A list of copies, made by `slice` then replaced in place rather than by `map`: V8's compiled
 * `map` returns another storage kind than its interpreted one, so the sweep's frames changed
 * kind after ~1,000 cells and every compiled function reading them was thrown away.
 */
function copyEach<T>(list: readonly T[], copy: (x: T) => T): T[] {
  const out = list.slice();
  for (let i = 0; i < out.length; i++) out[i] = copy(out[i]!);
  return out;
}

/**
 * Applies the levers to `out` itself. Writes only numbers and fresh objects into the
 * scenario's centre classes, channels and group schedules (never into a distribution, a
 * list or a self-service object in place), so `withLevers` may share those with the original.
 */
function applyInPlace(out: Scenario, levers: readonly Lever[]): Scenario {
  // A share on another definition depends on every other lever (staff moves the answered calls): solved last.
  const solved = levers.filter((l) => l.lever === 'selfService' && l.definition === 'ivr/answered');
  // Shifts move demand together (each share of the demand before any of them), with the conversion given anywhere in the list.
  const conversion = levers.filter((l) => l.lever === 'shiftConversion').at(-1)?.value ?? DEFAULT_SHIFT_CONVERSION;
  const shifts = levers.filter((l) => l.lever === 'shift');
  let shifted = false;
  for (const l of levers) {
    if (solved.includes(l)) continue;
    switch (l.lever) {
      case 'staff': {
        const f = factorOf(l, totalStaff(out));
        if (!(f >= 0 && Number.isFinite(f))) throw new RangeError(`--staff ${l.text}: gives a staff factor of ${f}`);
        for (const c of out.centreClasses) c.staffPerCentre *= f;
        for (const g of out.groups) {
          if (g.schedule.onDutyPerCentre) g.schedule.onDutyPerCentre = g.schedule.onDutyPerCentre.map((x) => x * f);
        }
        break;
      }
      case 'selfService':
        for (const c of out.channels) {
          if (c.kind !== 'voice') continue;
          const share = l.mode === 'points' ? (c.selfService?.share ?? 0) + l.value : l.value;
          if (!(share >= 0 && share <= 1)) {
            throw new RangeError(`--self-service ${l.text}: channel ${c.name}'s self-service share would be ${Number(share.toPrecision(6))}; it must stay in [0, 1]`);
          }
          c.selfService = { ...(c.selfService ?? {}), share };
        }
        break;
      case 'volume':
        for (const c of out.channels) {
          const f = factorOf(l, 1);
          if (c.callsPerYear !== undefined) c.callsPerYear *= f;
          if (c.callsPerDay !== undefined) c.callsPerDay *= f;
        }
        break;
      case 'aht':
        for (const c of out.channels) c.handleTimeSeconds = moveMean(c.handleTimeSeconds, l, 'handle time');
        break;
      case 'patience':
        for (const c of out.channels) {
          if (c.kind === 'deferred') continue;
          if (!c.patienceSeconds) throw new RangeError(`--patience ${l.text}: channel ${c.name} has no patience (callers never abandon)`);
          c.patienceSeconds = moveMean(c.patienceSeconds, l, 'patience');
        }
        break;
      case 'shift':
        if (!shifted) {
          applyShifts(out, shifts.map((x) => ({
            from: x.channel!, to: x.to!, share: x.value, basis: x.basis ?? DEFAULT_SHIFT_BASIS, conversion, text: x.text,
          })));
          shifted = true;
        }
        break;
      case 'shiftConversion':
        break;
      case 'concurrency':
        setConcurrency(out, l.channel!, l.value, l.text);
        break;
      case 'deadline':
        setDeadline(out, l.channel!, l.value, l.text);
        break;
      case 'retrial':
        setRetrial(out, l.channel, l.value, l.text);
        break;
    }
  }
  for (const l of solved) setShareAnswered(out, l);
  return out;
}

/**
 * Sets every voice channel's self-service share to the one value s at which the kernels give
 * IVR / (IVR + answered) = `l.value` for the whole scenario (bisection on s to 1e-9; the
 * share is increasing in s: more IVR calls, fewer offered and so fewer answered).
 * @throws {RangeError} no voice channel, or a share no s in [0, 1] reaches
 */
function setShareAnswered(out: Scenario, l: Lever): void {
  const voice = out.channels.filter((c) => c.kind === 'voice');
  if (voice.length === 0) throw new RangeError(`--self-service ${l.text}: the scenario has no voice channel`);
  const setShare = (s: number) => {
    for (const c of voice) c.selfService = { ...(c.selfService ?? {}), share: s };
  };
  const shareAnswered = (s: number) => {
    setShare(s);
    return analyticPlan(buildPlan(out), undefined, false).figures.selfServiceShareAnswered;
  };
  if (l.value === 0) return setShare(0);
  const r = bisect((s) => shareAnswered(s) >= l.value, 0, 1, 1e-9);
  if (!r.found) throw new RangeError(`--self-service ${l.text}: not reachable (IVR / (IVR + answered) stays below ${l.value} at every share)`);
  setShare(r.x);
}

/**
 * The levers with each share set on another definition replaced by the share it was solved
 * to in `applied` (the scenario those levers made): for re-applying them without the solve,
 * e.g. with another staff level while keeping the variant's share.
 */
export function pinSolvedShares(levers: readonly Lever[], applied: Scenario): Lever[] {
  const share = applied.channels.find((c) => c.kind === 'voice')?.selfService?.share ?? 0;
  return levers.map((l) => (l.definition === undefined ? l : { lever: l.lever, mode: 'absolute', value: share, text: l.text }));
}

/** A lever in words for tables: `staff -8%`, `self-service 0.75`, `shift voice:wechat=10% (of agent-directed contacts)`. */
export function describeLever(l: Lever): string {
  const basis = l.lever === 'shift' ? ` (${(l.basis ?? DEFAULT_SHIFT_BASIS) === 'agent' ? 'of agent-directed contacts' : 'of arrivals, before self-service'})` : '';
  return `${flagOf(l.lever)} ${l.text}${basis}`;
}

/**
 * A sweep axis name as a lever and the channel(s) it names: `staff` → { lever: 'staff' },
 * `shift.voice:wechat` → { lever: 'shift', target: 'voice:wechat' }, `concurrency.wechat` →
 * { lever: 'concurrency', target: 'wechat' }; undefined when the name is no lever (a path).
 */
export function leverOfAxisName(name: string): { lever: LeverName; target?: string } | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return (LEVER_NAMES as readonly string[]).includes(name) ? { lever: name as LeverName } : undefined;
  const head = name.slice(0, dot) as LeverName;
  if (!TARGETED_LEVERS.includes(head)) return undefined;
  const target = name.slice(dot + 1);
  if (target === '' || /[.[\]=]/.test(target)) return undefined;
  if (head === 'shift' ? !/^[^:]+:[^:]+$/.test(target) : target.includes(':')) return undefined;
  return { lever: head, target };
}
