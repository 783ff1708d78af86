/**
 * The grid of a sweep: axes (a what-if lever or a scenario path, and its values) and the
 * cell index. Lever values: `selfService` is the new share (0.75); `staff`, `volume`, `aht`,
 * `patience` are relative changes (−0.08), applied by `applyLevers` (../levers.ts).
 *
 * Cell order is row-major: the first axis varies slowest, the last fastest. With axes of
 * sizes n₁ … n_m and value indices i₁ … i_m, the cell index is
 *   K = ((i₁·n₂ + i₂)·n₃ + i₃)… = Σ_a i_a · Π_{b>a} n_b,  0 ≤ K < n₁·…·n_m.
 */

export interface Axis {
  /** lever name or scenario path */
  name: string;
  kind: 'lever' | 'path';
  values: number[];
  /**
   * `selfService` only: the values are changes in points of share (0.02 = +2pt) from the
   * scenario's share, not shares; `defineSweep` turns them into shares before any cell runs.
   */
  points?: boolean;
}

/** Most cells a sweep may have (the cell index must stay an exact integer, and CSV rows finite). */
export const MAX_CELLS = 1e9;

/** Number of cells: the product of the axis sizes. */
export function cellCount(axes: readonly Axis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** The value of each axis at cell K (row-major, last axis fastest), into `out`. */
export function cellValues(axes: readonly Axis[], cell: number, out: number[] = new Array<number>(axes.length)): number[] {
  let k = cell;
  for (let a = axes.length - 1; a >= 0; a--) {
    const n = axes[a]!.values.length;
    out[a] = axes[a]!.values[k % n]!;
    k = Math.floor(k / n);
  }
  return out;
}

/** `cell 17 (staff=-0.16, selfService=0.75)`: names a cell in errors and progress. */
export function cellLabel(axes: readonly Axis[], cell: number): string {
  const v = cellValues(axes, cell);
  return `cell ${cell} (${axes.map((a, i) => `${a.name}=${v[i]}`).join(', ')})`;
}
