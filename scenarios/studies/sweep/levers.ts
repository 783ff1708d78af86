/**
 * A sweep axis value as a what-if lever (scenarios/plan/levers.ts): `staff`, `volume`, `aht`
 * and `patience` are relative changes (−0.08 = −8%); the others set a value — `selfService`
 * the share, `shift.FROM:TO` the share of FROM's demand moved (basis from `--shift-basis`),
 * `shiftConversion` the contacts per moved contact, `concurrency.CHANNEL` the sessions per
 * agent, `deadline.CHANNEL` the deadline in seconds, `retrial` (or `retrial.CHANNEL`) the
 * redial share — checked by the same rules as `ccsim whatif` flags.
 */
import { leverOfAxisName, parseLever, type Lever } from '../../plan/levers.js';
import type { ShiftBasis } from '../../plan/channelLevers.js';

/** Levers already made, by lever name then value: an axis repeats its values across cells. */
const made = new Map<string, Map<number, Readonly<Lever>>>();
/** Most levers kept (a few MB); past it the memo starts again. */
const MAX_MADE = 100_000;
let madeCount = 0;

/**
 * The lever for an axis value (frozen: the same object is handed to every cell with this value).
 * @throws {RangeError} a value the lever refuses (e.g. a share above 1, a change ≤ −100%)
 * @example leverOf('staff', -0.08) // { lever: 'staff', mode: 'relative', value: -0.08, text: '-8%' }
 */
export function leverOf(name: string, value: number, basis?: ShiftBasis): Readonly<Lever> {
  const key = basis === undefined ? name : `${name}@${basis}`;
  let byValue = made.get(key);
  const known = byValue?.get(value);
  if (known) return known;
  const l = Object.freeze(makeLever(name, value, basis));
  if (madeCount >= MAX_MADE) {
    made.clear();
    madeCount = 0;
  }
  byValue = made.get(key);
  if (!byValue) made.set(key, (byValue = new Map()));
  byValue.set(value, l);
  madeCount++;
  return l;
}

function makeLever(name: string, value: number, basis: ShiftBasis | undefined): Lever {
  const n = leverOfAxisName(name);
  if (n === undefined) throw new RangeError(`--vary ${name}: not a lever`);
  const v = String(value);
  switch (n.lever) {
    case 'selfService':
    case 'shiftConversion':
      return parseLever(n.lever, v);
    case 'shift': {
      const l = parseLever('shift', `${n.target ?? ''}=${v}`);
      return basis === undefined ? l : { ...l, basis };
    }
    case 'concurrency':
    case 'deadline':
      return parseLever(n.lever, `${n.target ?? ''}=${v}`);
    case 'retrial':
      return parseLever('retrial', n.target === undefined ? v : `${n.target}=${v}`);
    default:
      return parseLever(n.lever, `${value >= 0 ? '+' : ''}${Number((value * 100).toPrecision(12))}%`);
  }
}
