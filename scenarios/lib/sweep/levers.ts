/**
 * A sweep axis value as a what-if lever (scenarios/lib/levers.ts): `selfService` is the new
 * share (absolute), every other lever a relative change (−0.08 = −8%), checked by the same
 * rules as `ccsim whatif` flags.
 */
import { parseLever, type Lever } from '../levers.js';

/**
 * The lever for an axis value.
 * @throws {RangeError} a value the lever refuses (e.g. a share above 1, a change ≤ −100%)
 * @example leverOf('staff', -0.08) // { lever: 'staff', mode: 'relative', value: -0.08, text: '-8%' }
 */
export function leverOf(name: string, value: number): Lever {
  if (name === 'selfService') return parseLever(name, String(value));
  return parseLever(name, `${value >= 0 ? '+' : ''}${Number((value * 100).toPrecision(12))}%`);
}
