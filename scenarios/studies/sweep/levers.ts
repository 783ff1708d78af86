/**
 * A sweep axis value as a what-if lever (scenarios/plan/levers.ts): `selfService` is the new
 * share (absolute), every other lever a relative change (−0.08 = −8%), checked by the same
 * rules as `ccsim whatif` flags.
 */
import { parseLever, type Lever } from '../../plan/levers.js';

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
export function leverOf(name: string, value: number): Readonly<Lever> {
  let byValue = made.get(name);
  const known = byValue?.get(value);
  if (known) return known;
  const l = Object.freeze(makeLever(name, value));
  if (madeCount >= MAX_MADE) {
    made.clear();
    madeCount = 0;
  }
  byValue = made.get(name);
  if (!byValue) made.set(name, (byValue = new Map()));
  byValue.set(value, l);
  madeCount++;
  return l;
}

function makeLever(name: string, value: number): Lever {
  if (name === 'selfService') return parseLever(name, String(value));
  return parseLever(name, `${value >= 0 ? '+' : ''}${Number((value * 100).toPrecision(12))}%`);
}
