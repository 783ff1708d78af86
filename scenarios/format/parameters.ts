/**
 * Calibration parameters and assumption ranges as values at paths, with the two meanings a plain
 * path cannot carry alone:
 *  - `….mean` of a distribution that has no `mean` field (mixture, deterministic, empirical) is
 *    its mean: setting it rescales every duration of the distribution (its shape kept, `scaleSpec`);
 *  - `….components[i].weight` of a mixture: setting it rescales the other weights in proportion,
 *    so the weights keep summing to 1.
 * Everything else is the number at the path (`setAt`).
 */
import { meanOf, scaleSpec, type DistributionSpec } from '../../engine/rng/index.js';
import { formatPath, getAt, setAt } from './paths.js';

/** A new value at a concrete path, with an optional trailing comment (what `rewriteScenario` writes). */
export interface ValueChange {
  keys: (string | number)[];
  value: unknown;
  comment?: string;
}

type Keys = readonly (string | number)[];

const SCALED_KINDS = new Set(['mixture', 'deterministic', 'empirical']);

/** The distribution whose mean `keys` names when it has no `mean` field, else undefined. */
function meanHolder(data: unknown, keys: Keys): DistributionSpec | undefined {
  if (keys[keys.length - 1] !== 'mean') return undefined;
  const parent = getAt(data, keys.slice(0, -1)) as { kind?: unknown } | undefined;
  return parent && typeof parent === 'object' && SCALED_KINDS.has(String(parent.kind)) ? (parent as DistributionSpec) : undefined;
}

/** Whether `keys` names a mixture component's weight: the index of the component, else −1. */
function weightIndex(data: unknown, keys: Keys): number {
  const n = keys.length;
  if (n < 3 || keys[n - 1] !== 'weight' || keys[n - 3] !== 'components' || typeof keys[n - 2] !== 'number') return -1;
  const mixture = getAt(data, keys.slice(0, -3)) as { kind?: unknown } | undefined;
  return mixture && mixture.kind === 'mixture' ? (keys[n - 2] as number) : -1;
}

/** Whether `keys` names one of the two parameters with more meaning than the number at the path (module comment). */
export function isDerivedParameter(data: unknown, keys: Keys): boolean {
  return meanHolder(data, keys) !== undefined || weightIndex(data, keys) >= 0;
}

/**
 * The value of a parameter (module comment): the mean of a distribution without a `mean` field, else the number at `keys`.
 * @throws {RangeError} the path holds no number
 */
export function getParameter(data: unknown, keys: Keys): number {
  const d = meanHolder(data, keys);
  const v = d ? meanOf(d) : getAt(data, keys);
  if (typeof v !== 'number') throw new RangeError(`${formatPath(keys)} is not a number (got ${JSON.stringify(v)}); name a number, or the mean of a distribution`);
  return v;
}

/** Sets a parameter in place (module comment). */
export function setParameter(data: unknown, keys: Keys, value: unknown): void {
  const d = meanHolder(data, keys);
  if (d && typeof value === 'number') {
    setAt(data, keys.slice(0, -1), scaleSpec(d, value / meanOf(d)));
    return;
  }
  const i = weightIndex(data, keys);
  if (i >= 0 && typeof value === 'number') {
    const components = getAt(data, keys.slice(0, -2)) as { weight: number }[];
    const others = components.reduce((a, c, j) => (j === i ? a : a + c.weight), 0);
    components.forEach((c, j) => {
      c.weight = j === i ? value : others > 0 ? (c.weight * (1 - value)) / others : (1 - value) / (components.length - 1);
    });
    return;
  }
  setAt(data, keys, value);
}

/** What to write back into a file for a parameter set by `setParameter` (the whole distribution or every weight when they moved together). */
export function parameterWrites(data: unknown, keys: Keys, comment: string): ValueChange[] {
  const parentKeys = keys.slice(0, -1);
  const parent = getAt(data, parentKeys) as { kind?: unknown } | undefined;
  if (keys[keys.length - 1] === 'mean' && parent && SCALED_KINDS.has(String(parent.kind))) {
    return [{ keys: parentKeys, value: rounded(parent), comment }];
  }
  if (weightIndex(data, keys) >= 0) {
    const components = getAt(data, keys.slice(0, -2)) as { weight: number }[];
    return components.map((c, j) => ({ keys: [...keys.slice(0, -2), j, 'weight'], value: Number(c.weight.toPrecision(10)), comment }));
  }
  return [{ keys: [...keys], value: Number((getAt(data, keys) as number).toPrecision(10)), comment }];
}

/** A copy with every number rounded to 10 significant digits (for writing). */
function rounded(x: unknown): unknown {
  if (typeof x === 'number') return Number(x.toPrecision(10));
  if (Array.isArray(x)) return x.map(rounded);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rounded(v)]));
  return x;
}
