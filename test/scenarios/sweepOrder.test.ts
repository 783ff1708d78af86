/**
 * An analytic sweep block evaluates its cells staff-fastest (tasks.ts `kernelFriendlyOrder`) so
 * that the kernels' results memos find the pairs of the neighbouring staff level. The order is a
 * permutation of the block checked against a reference sort of the cells' axis values, and it
 * must change no figure: a block gives, bit for bit, what each of its cells gives alone from
 * empty memos (the memos return exactly what the kernels compute).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGrid } from '../../cli/io/vary.js';
import { clearKernelMemos } from '../../scenarios/index.js';
import { poolMemoStats } from '../../scenarios/plan/poolKernel.js';
import { analyticBlockSize } from '../../scenarios/studies/sweep/backends/local.js';
import { defineSweep } from '../../scenarios/studies/sweep/define.js';
import { cellCount, cellValues, type Axis } from '../../scenarios/studies/sweep/grid.js';
import { kernelFriendlyOrder, sweepAnalytic } from '../../scenarios/studies/sweep/tasks.js';

const lever = (name: string, n: number): Axis => ({ name, kind: 'lever', values: Array.from({ length: n }, (_, i) => -0.01 * i) });

/** Reference: the block's offsets sorted by the cells' axis indices, the staff axis compared last. */
function referenceOrder(axes: Axis[], first: number, count: number): number[] {
  const s = axes.findIndex((a) => a.kind === 'lever' && a.name === 'staff');
  const indices = (c: number) => {
    const v = cellValues(axes, first + c);
    const idx = v.map((x, a) => axes[a]!.values.indexOf(x));
    return s < 0 ? idx : [...idx.filter((_, a) => a !== s), idx[s]!];
  };
  const offsets = Array.from({ length: count }, (_, c) => c);
  return offsets.sort((a, b) => {
    const x = indices(a);
    const y = indices(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  });
}

describe('kernelFriendlyOrder', () => {
  it('staff × AHT: each AHT value with its staff levels in a row', () => {
    expect(kernelFriendlyOrder([lever('staff', 3), lever('aht', 2)], 0, 6)).toEqual([0, 2, 4, 1, 3, 5]);
  });

  it('keeps the grid order when staff is already fastest or absent', () => {
    expect(kernelFriendlyOrder([lever('aht', 3), lever('staff', 2)], 0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(kernelFriendlyOrder([lever('aht', 3), lever('volume', 2)], 1, 4)).toEqual([0, 1, 2, 3]);
  });

  it('equals the reference sort for staff in the middle, blocks anywhere in the grid', () => {
    const axes = [lever('volume', 3), lever('staff', 4), lever('aht', 5), { name: 'groups[voice].staffShare', kind: 'path', values: [0.6, 0.7] } as Axis];
    const cells = cellCount(axes);
    for (const [first, count] of [[0, cells], [7, 29], [40, 1], [93, 27], [0, 40]] as const) {
      const order = kernelFriendlyOrder(axes, first, count);
      expect(order).toEqual(referenceOrder(axes, first, count));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, c) => c));
    }
  });
});

describe('analyticBlockSize', () => {
  it('about 8 blocks a worker, at most 2,048 cells, at least 1', () => {
    expect(analyticBlockSize(6480, 1)).toBe(810);
    expect(analyticBlockSize(6480, 2)).toBe(405);
    expect(analyticBlockSize(1e6, 2)).toBe(2048);
    expect(analyticBlockSize(3, 4)).toBe(1);
  });
});

describe('an analytic block in kernel-friendly order', () => {
  it('gives every cell bit for bit what the cell gives alone (baseline, staff × AHT, M/M/N+G and chat pools)', async () => {
    const file = fileURLToPath(new URL('../../scenarios/china-banking-2017.yaml', import.meta.url));
    const def = await defineSweep(file, readFileSync(file, 'utf8'), [], parseGrid(['staff=-2%:0%:0.5%', 'aht=-1%:1%:1%']));
    const cells = cellCount(def.axes);
    expect(kernelFriendlyOrder(def.axes, 0, cells)).not.toEqual(Array.from({ length: cells }, (_, c) => c));
    clearKernelMemos();
    const before = poolMemoStats();
    const block = await sweepAnalytic({ def, first: 0, count: cells });
    const after = poolMemoStats();
    const width = block.figures.length / cells;
    let aloneHits = 0;
    for (let c = 0; c < cells; c++) {
      clearKernelMemos();
      const start = poolMemoStats().hits;
      const alone = await sweepAnalytic({ def, first: c, count: 1 });
      aloneHits += poolMemoStats().hits - start;
      expect([...block.figures.subarray(c * width, (c + 1) * width)]).toEqual([...alone.figures]);
    }
    // the block found M/M/N+G pairs that other cells (neighbouring staff levels) had computed:
    // more hits than its cells find each on its own
    expect(after.hits - before.hits).toBeGreaterThan(aloneHits + 0.1 * (after.lookups - before.lookups));
  }, 60_000);
});
