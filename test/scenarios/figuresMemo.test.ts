/**
 * The kernels' results memo (scenarios/plan/figuresMemo.ts) may only ever save time: a result it
 * returns is the one stored for exactly that key, a key differing in any input (or NaN) misses,
 * colliding keys overwrite rather than mix, and the shipped baseline's analytic plan gives the
 * same bytes with the memo emptied before each evaluation as with it warm.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { FiguresMemo } from '../../scenarios/plan/figuresMemo.js';
import { analyticPlan, buildPlan, clearKernelMemos, loadScenarioFile } from '../../scenarios/index.js';

/** A value that is a known function of the key, so any result can be checked against its key. */
function valueOf(key: Float64Array, i: number): number {
  return key.reduce((a, k, j) => a + k * (j + 1), 0) * 1000 + i;
}

describe('FiguresMemo', () => {
  it('returns what was stored for the same key; any other key, NaN included, misses', () => {
    const memo = new FiguresMemo(3, 2, 64);
    memo.key.set([7, 95.5, 300]);
    expect(memo.find()).toBe(-1);
    memo.store(Float64Array.of(0.25, 0.75), 0);
    memo.key.set([7, 95.5, 300]);
    const at = memo.find();
    expect(at).toBeGreaterThanOrEqual(0);
    expect([memo.values[at], memo.values[at + 1]]).toEqual([0.25, 0.75]);
    for (const other of [[8, 95.5, 300], [7, 95.5 + 1e-12, 300], [7, 95.5, 301], [7, -0, 300]]) {
      memo.key.set(other);
      expect(memo.find(), `key ${other.join(', ')}`).toBe(-1);
    }
    memo.key.set([7, NaN, 300]);
    memo.store(Float64Array.of(1, 2), 0);
    memo.key.set([7, NaN, 300]);
    expect(memo.find()).toBe(-1);
    expect(memo.hits).toBe(1);
    expect(memo.lookups).toBe(7);
  });

  it('under heavy collisions (4 slots, 500 keys) every result found belongs to its key', () => {
    const memo = new FiguresMemo(2, 3, 4);
    const out = new Float64Array(3);
    let found = 0;
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 500; k++) {
        memo.key[0] = k % 37;
        memo.key[1] = k * 0.5;
        const at = memo.find();
        if (at >= 0) {
          found++;
          for (let i = 0; i < 3; i++) expect(memo.values[at + i]).toBe(valueOf(memo.key, i));
        } else {
          for (let i = 0; i < 3; i++) out[i] = valueOf(memo.key, i);
          memo.store(out, 0);
        }
      }
    }
    expect(found).toBe(memo.hits);
    memo.clear();
    memo.key[0] = 0;
    memo.key[1] = 0;
    expect(memo.find()).toBe(-1);
  });

  it('rejects a slot count that is not a power of two, and ways that are not a power of two up to the slots', () => {
    expect(() => new FiguresMemo(1, 1, 100)).toThrow(/power of two/);
    expect(() => new FiguresMemo(1, 1, 64, 3)).toThrow(/ways must be a power of two from 1 to slots \(64\), got 3/);
    expect(() => new FiguresMemo(1, 1, 64, 128)).toThrow(/ways/);
  });

  it('in sets of 4: keys that share a set all stay until a fifth arrives, which replaces the least recently used', () => {
    // one set of 4 slots: every key lands in it
    const memo = new FiguresMemo(1, 1, 4, 4);
    const put = (k: number) => { memo.key[0] = k; expect(memo.find()).toBe(-1); memo.store(Float64Array.of(10 * k), 0); };
    const get = (k: number) => { memo.key[0] = k; const at = memo.find(); return at < 0 ? undefined : memo.values[at]; };
    for (const k of [1, 2, 3, 4]) put(k);
    expect([1, 2, 3, 4].map(get)).toEqual([10, 20, 30, 40]);
    expect(get(1)).toBe(10); // 1 is now the most recently used, 2 the least
    put(5);
    expect([1, 2, 3, 4, 5].map(get)).toEqual([10, undefined, 30, 40, 50]);
    memo.clear();
    expect(get(5)).toBeUndefined();
  });
});

describe('the analytic plan with and without the memo', () => {
  it('the baseline (M/M/N+G voice, chat pool) gives identical figures cold and warm', async () => {
    const file = fileURLToPath(new URL('../../scenarios/china-banking-2017.yaml', import.meta.url));
    const plan = buildPlan((await loadScenarioFile(file, [])).scenario);
    clearKernelMemos();
    const cold = analyticPlan(plan, undefined, false);
    const warm = analyticPlan(plan, undefined, false);
    clearKernelMemos();
    const again = analyticPlan(plan, undefined, false);
    expect(JSON.stringify(warm.slices.byChannel)).toBe(JSON.stringify(cold.slices.byChannel));
    expect(JSON.stringify(again.total)).toBe(JSON.stringify(cold.total));
    // and the figures are a queue's: the voice answer rate lies in (0, 1)
    expect(cold.slices.byChannel[0]!.answered / cold.slices.byChannel[0]!.offered).toBeGreaterThan(0.8);
  });
});
