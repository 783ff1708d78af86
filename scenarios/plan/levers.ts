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
 *   list is scaled, a deterministic value moved).
 */
import { bisect } from '../../engine/calibrate/bisect.js';
import { meanOf } from '../../engine/rng/moments.js';
import { scaleSpec } from '../../engine/rng/scale.js';
import { analyticPlan } from './analytic.js';
import { buildPlan, totalStaff } from './build.js';
import type { Distribution, Scenario } from '../format/schema.js';

export const LEVER_NAMES = ['staff', 'selfService', 'volume', 'aht', 'patience'] as const;
export type LeverName = (typeof LEVER_NAMES)[number];

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
}

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;

/**
 * Parses a lever from its command-line text.
 * @throws {RangeError} an unknown lever or a value in no accepted form (the message lists them)
 * @example parseLever('staff', '-8%') // { lever: 'staff', mode: 'relative', value: -0.08, text: '-8%' }
 */
export function parseLever(name: string, text: string): Lever {
  const lever = (name === 'self-service' ? 'selfService' : name) as LeverName;
  if (!LEVER_NAMES.includes(lever)) throw new RangeError(`unknown lever ${name}: use one of staff, self-service, volume, aht, patience`);
  const t = String(text).trim();
  const pct = new RegExp(`^(${NUM})%$`, 'i').exec(t);
  const secs = new RegExp(`^(${NUM})\\s*s$`, 'i').exec(t);
  const plain = new RegExp(`^(${NUM})$`, 'i').exec(t);
  const signed = /^[+-]/.test(t);
  const bad = (forms: string) => new RangeError(`--${name === 'selfService' ? 'self-service' : name} ${JSON.stringify(text)}: expected ${forms}`);
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
  }
}

function check(l: Lever): Lever {
  const where = `--${l.lever === 'selfService' ? 'self-service' : l.lever} ${l.text}`;
  if (!Number.isFinite(l.value)) throw new RangeError(`${where}: not a finite number`);
  if (l.mode === 'relative' && !(l.value > -1)) throw new RangeError(`${where}: a change must be > -100%`);
  if (l.mode === 'factor' && !(l.value > 0)) throw new RangeError(`${where}: a factor must be > 0`);
  if (l.lever === 'selfService' && l.mode === 'absolute' && !(l.value >= 0 && l.value <= 1)) throw new RangeError(`${where}: the share must be in [0, 1]`);
  if (l.mode === 'points' && !(l.value >= -1 && l.value <= 1)) throw new RangeError(`${where}: a change of a share must be within ±100pt`);
  if (l.mode === 'absolute' && l.lever !== 'selfService' && !(l.value > 0)) throw new RangeError(`${where}: must be > 0`);
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
          if (!c.patienceSeconds) throw new RangeError(`--patience ${l.text}: channel ${c.name} has no patience (callers never abandon)`);
          c.patienceSeconds = moveMean(c.patienceSeconds, l, 'patience');
        }
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
    return analyticPlan(buildPlan(out)).figures.selfServiceShareAnswered;
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

/** A lever in words for tables: `staff -8%`, `self-service 0.75`, `self-service ivr/answered=0.7`. */
export function describeLever(l: Lever): string {
  return `${l.lever === 'selfService' ? 'self-service' : l.lever} ${l.text}`;
}
