/**
 * NaN-proof accuracy checks: every worst-error tracker in the tests goes through here.
 *
 * A tracker written `if (e > worst) worst = e` never records NaN (every comparison with NaN is
 * false), so a kernel returning NaN passes (STYLE §14). Here an error is checked with
 * `!(e <= tol)`, NaN and ±∞ rank worse than any finite error, and a failure names the worst
 * case with its inputs, the value got and the value wanted.
 *
 * @example
 * const t = new WorstError('Erlang C vs recursion');
 * for (const n of agents) t.add('pWait', erlangC(n, a), ref(n, a), { N: n, A: a });
 * t.log();                          // "Erlang C vs recursion, 300 checks; max error: pWait 3.77e-13 at N=… A=…"
 * t.expectWithin({ pWait: 1e-12 }); // fails on NaN, ±∞, or an error above 1e-12
 */
import { assert } from 'vitest';

/** The inputs of one case, printed beside its error. */
export type Inputs = Record<string, number | string>;

/** An error measure: 0 for agreement, NaN or ±∞ for a non-finite disagreement. */
export type Measure = (got: number, want: number) => number;

/**
 * Relative error |got − want| / |want|. Equal values (both 0 underflowed, or the same infinity)
 * agree exactly (0); a NaN on either side gives NaN; got ≠ 0 against want = 0 gives ∞.
 * @example relError(1 + 1e-12, 1) // ≈ 1e-12
 */
export function relError(got: number, want: number): number {
  return got === want ? 0 : Math.abs(got - want) / Math.abs(want);
}

/** Absolute error |got − want| (0 when equal, NaN when either is NaN). */
export function absError(got: number, want: number): number {
  return got === want ? 0 : Math.abs(got - want);
}

/** The worst comparison recorded under one key. */
interface Worst {
  error: number;
  got: number;
  want: number;
  inputs: Inputs;
}

/** Whether error `e` is worse than `current`: NaN is worst of all (the first one kept), then ±∞, then size. */
function worse(e: number, current: number): boolean {
  if (Number.isNaN(current)) return false;
  return Number.isNaN(e) || e > current;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));
const where = (inputs: Inputs): string => Object.entries(inputs).map(([k, v]) => `${k}=${v}`).join(' ');

/**
 * The worst error per key over many comparisons, with the case it came from.
 * Keys are figure names ('pWait', 'sl', …); each key's tolerance is checked separately.
 */
export class WorstError {
  private readonly worst = new Map<string, Worst>();
  /** comparisons recorded, all keys together */
  checks = 0;

  constructor(
    readonly what: string,
    private readonly measure: Measure = relError,
  ) {}

  /** Records one comparison; returns its error (NaN or ±∞ when non-finite). */
  add(key: string, got: number, want: number, inputs: Inputs): number {
    const error = this.measure(got, want);
    this.checks++;
    const w = this.worst.get(key);
    if (w === undefined || worse(error, w.error)) this.worst.set(key, { error, got, want, inputs });
    return error;
  }

  /** The worst error recorded under `key` (NaN when one was NaN). @throws {Error} nothing recorded under key */
  of(key: string): number {
    const w = this.worst.get(key);
    if (w === undefined) throw new Error(`${this.what}: nothing recorded under "${key}"`);
    return w.error;
  }

  /** One line: the worst error per key and where it occurred. */
  summary(): string {
    const parts = [...this.worst.entries()].map(([k, w]) => `${k} ${fmt(w.error)} at ${where(w.inputs) || '–'}`);
    return `${this.what}, ${this.checks} checks; max error: ${parts.join('; ')}`;
  }

  /** Prints the summary (the measured errors the README and the tolerances quote). */
  log(): this {
    console.log(this.summary());
    return this;
  }

  /**
   * Asserts every key's worst error is ≤ its tolerance (one number for all keys, or one per key;
   * a key in the map that was never recorded fails too: the check ran on nothing).
   * Fails on NaN and ±∞, naming the case, the value got and the value wanted.
   */
  expectWithin(tol: number | Record<string, number>): void {
    const tols: [string, number][] = typeof tol === 'number' ? [...this.worst.keys()].map((k) => [k, tol]) : Object.entries(tol);
    if (tols.length === 0) throw new Error(`${this.what}: no comparison was recorded`);
    const failures: string[] = [];
    for (const [key, t] of tols) {
      const w = this.worst.get(key);
      if (w === undefined) failures.push(`${key}: never compared`);
      else if (!(w.error <= t)) {
        failures.push(`${key}: error ${fmt(w.error)} > ${fmt(t)} at ${where(w.inputs)}: got ${w.got}, want ${w.want}`);
      }
    }
    if (failures.length > 0) assert.fail(`${this.what} (${this.checks} checks): ${failures.join('; ')}`);
  }
}

/**
 * Compares `got(c)` with `want(c)` for every case and asserts the worst error is ≤ `tol`
 * (NaN and ±∞ fail). Returns the tracker (for its summary).
 * @example expectAllClose('Erlang B vs recursion', cases, (c) => erlangB(c.N, c.A), (c) => ref(c.N, c.A), 1e-13)
 */
export function expectAllClose<C extends Inputs>(
  what: string,
  cases: Iterable<C>,
  got: (c: C) => number,
  want: (c: C) => number,
  tol: number,
  measure: Measure = relError,
): WorstError {
  const t = new WorstError(what, measure);
  for (const c of cases) t.add('value', got(c), want(c), c);
  t.log().expectWithin({ value: tol });
  return t;
}

/** Asserts every value is a finite number (named in the message), e.g. before range checks. */
export function expectFinite(values: Record<string, number>, inputs: Inputs): void {
  const bad = Object.entries(values).filter(([, v]) => !Number.isFinite(v));
  if (bad.length > 0) assert.fail(`non-finite at ${where(inputs)}: ${bad.map(([k, v]) => `${k}=${v}`).join(', ')}`);
}
