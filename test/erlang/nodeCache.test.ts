/**
 * The patience curve's node memo (engine/erlang/nodeCache.ts) against a Map holding the same
 * entries: a seeded sequence of adds and finds, through the table's growth (64 slots, doubling)
 * and the pool's (32 entries, doubling), and past `maxEntries`, where the memo empties itself.
 * The contract: an entry found gives back exactly the doubles written into it; an entry never
 * added, or added before the last emptying, is not found (−1).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { NodeCache } from '../../engine/erlang/nodeCache.js';

describe('NodeCache against a Map', () => {
  it('every entry reads back what was written; absent and emptied entries are not found (2,000 adds, width 3, max 700)', () => {
    const width = 3, maxEntries = 700;
    const cache = new NodeCache(width, maxEntries);
    const model = new Map<string, number[]>();
    const rng = seedrandom('node-cache');
    // keys as the kernel makes them: non-negative 32-bit codes, many sharing a or b
    const key = (): [number, number] => [Math.floor(rng() * 300), rng() < 0.5 ? Math.floor(rng() * 50) : Math.floor(rng() * 2 ** 31)];
    expect(cache.find(1, 2)).toBe(-1); // empty: no table yet
    let problems = 0, clears = 0;
    for (let i = 0; i < 2000; i++) {
      const [a, b] = key();
      const id = `${a},${b}`;
      const at = cache.find(a, b);
      if (model.has(id)) {
        const got = at < 0 ? undefined : [...cache.values().subarray(at, at + width)];
        if (JSON.stringify(got) !== JSON.stringify(model.get(id))) problems++;
        continue;
      }
      if (at !== -1) problems++;
      if (model.size >= maxEntries) {
        model.clear(); // the memo empties itself before the entry past maxEntries
        clears++;
      }
      const slot = cache.add(a, b);
      const vals = [a + 0.25, b * 0.5, i];
      cache.values().set(vals, slot);
      model.set(id, vals);
      // every entry held so far still reads back (growth of the table or the pool keeps them)
      if (i % 97 === 0) {
        for (const [k, v] of model) {
          const [ka, kb] = k.split(',').map(Number) as [number, number];
          const o = cache.find(ka, kb);
          if (o < 0 || JSON.stringify([...cache.values().subarray(o, o + width)]) !== JSON.stringify(v)) problems++;
        }
      }
    }
    expect(clears).toBeGreaterThan(0);
    expect(problems).toBe(0);
    // after clear() nothing is found, and new entries are held again
    cache.clear();
    for (const k of [...model.keys()].slice(0, 50)) {
      const [ka, kb] = k.split(',').map(Number) as [number, number];
      expect(cache.find(ka, kb)).toBe(-1);
    }
    const s = cache.add(7, 9);
    cache.values().set([1, 2, 3], s);
    expect([...cache.values().subarray(cache.find(7, 9), cache.find(7, 9) + width)]).toEqual([1, 2, 3]);
  });

  it('a key never added is not found, (0, 0) included, from the first entry on and across the table growing (64 → 256 slots)', () => {
    const cache = new NodeCache(2, 1000);
    const found00: number[] = [];
    for (let i = 1; i <= 100; i++) {
      const at = cache.add(i, i + 1);
      cache.values().set([i, -i], at);
      if (i === 1 || i === 33 || i === 65 || i === 100) found00.push(cache.find(0, 0), cache.find(0, 1), cache.find(1, 0));
    }
    expect(found00.every((o) => o === -1)).toBe(true);
    const at = cache.find(50, 51);
    expect([...cache.values().subarray(at, at + 2)]).toEqual([50, -50]);
  });
});
