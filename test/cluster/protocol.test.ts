/**
 * The cluster's plain parts, without Redis: the address, the job ids, a cell's bytes (every
 * number exact), exact JSON, the blocks a grid is cut into, the sweep identity, the engine version.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../engine/version.js';
import { FIGURE_KEYS } from '../../engine/stats/figures.js';
import { parseRedisUrl } from '../../scenarios/studies/sweep/cluster/address.js';
import { decodeCell, encodeCell, jobIdOf } from '../../scenarios/studies/sweep/cluster/protocol.js';
import { exactParse, exactStringify } from '../../scenarios/studies/sweep/exactJson.js';
import { cutBlocks } from '../../scenarios/studies/sweep/backend.js';
import { sweepIdentity } from '../../scenarios/studies/sweep/identity.js';
import type { SweepSpec } from '../../scenarios/studies/sweep/spec.js';
import { parseGrid } from '../../cli/io/vary.js';

describe('cluster protocol', () => {
  it('ENGINE_VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(ENGINE_VERSION).toBe(pkg.version);
  });

  it('parses redis://HOST:PORT[/DB] and refuses anything else with the form to write', () => {
    expect(parseRedisUrl('redis://10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, tls: false, text: 'redis://10.0.0.5:6380/2' });
    expect(parseRedisUrl('redis://localhost')).toMatchObject({ host: 'localhost', port: 6379, db: 0 });
    const withPassword = parseRedisUrl('rediss://user:s%40cret@[::1]:7000/1');
    expect(withPassword).toMatchObject({ host: '::1', port: 7000, db: 1, tls: true, username: 'user', password: 's@cret' });
    expect(withPassword.text).not.toContain('cret');
    for (const [bad, why] of [['http://h:1/0', /scheme must be redis/], ['redis://h:1/x', /database must be a whole number/], ['10.0.0.5:6379', /scheme|not a URL/], ['redis://h:99999', /not a URL/], ['redis://h:1/0?x=1', /no \?query/]] as const) {
      expect(() => parseRedisUrl(bad), bad).toThrow(why);
      expect(() => parseRedisUrl(bad), bad).toThrow(/write redis:\/\/HOST:PORT\[\/DB\]/);
    }
  });

  it('job ids are never integers and never hold a colon (BullMQ refuses both)', () => {
    for (const id of [jobIdOf('0123456789abcdef', { first: 0, count: 1 }), jobIdOf('0123456789abcdef', { first: 16, count: 4 })]) {
      expect(`${parseInt(id, 10)}`).not.toBe(id);
      expect(id).not.toContain(':');
    }
    expect(jobIdOf('ab', { first: 16, count: 4 })).toBe('ab-16+4');
  });

  it("a cell's bytes give back every number exactly (NaN, ±Infinity, −0, subnormals) and recompute the axis values", () => {
    const axes = parseGrid(['staff=-20%:0%:10%', 'selfService=0.5:0.7:0.1']);
    const k = FIGURE_KEYS.length;
    const specials = [NaN, Infinity, -Infinity, -0, 5e-324, 0.1 + 0.2, 1e300];
    const figures = Array.from({ length: k }, (_, i) => specials[i % specials.length]! * (i + 1));
    const ci95 = Array.from({ length: k }, (_, i) => Math.PI * i);
    for (const ci of [ci95, undefined]) {
      const work = { arrivals: 123456789, evaluations: 7, kernelEvaluations: 14 };
      const d = decodeCell(axes, 5, encodeCell({ cell: 5, values: [], replications: 8, figures, ci95: ci }, work));
      expect(d.result.cell).toBe(5);
      expect(d.result.values).toEqual([-0.1, 0.7]);
      expect(d.result.replications).toBe(8);
      for (let i = 0; i < k; i++) expect(Object.is(d.result.figures[i], figures[i]), `figure ${i}`).toBe(true);
      expect(d.result.ci95 === undefined).toBe(ci === undefined);
      if (ci) for (let i = 0; i < k; i++) expect(Object.is(d.result.ci95![i], ci[i])).toBe(true);
      expect(d.work).toEqual(work);
    }
    expect(() => decodeCell(axes, 5, Buffer.alloc(24))).toThrow(/not this version's layout/);
  });

  it('exact JSON keeps NaN, ±Infinity and −0; sorted keys make equal data equal text', () => {
    const data = { b: [NaN, Infinity, -Infinity, -0, 0, 1.5], a: { y: 'text', x: null } };
    const back = exactParse(exactStringify(data)) as typeof data;
    expect(back.b.map((v) => Object.is(v, -0) ? '-0' : String(v))).toEqual(['NaN', 'Infinity', '-Infinity', '-0', '0', '1.5']);
    expect(exactStringify({ a: 1, b: 2 }, true)).toBe(exactStringify({ b: 2, a: 1 }, true));
    expect(() => exactStringify({ s: new Set([1]) })).toThrow(/plain data only, got a Set/);
  });

  it('blocks: the unfinished cells, consecutive, never crossing a multiple of the size', () => {
    expect([...cutBlocks(10, new Set([2]), 4)]).toEqual([{ first: 0, count: 2 }, { first: 3, count: 1 }, { first: 4, count: 4 }, { first: 8, count: 2 }]);
    expect([...cutBlocks(5, new Set(), 1)].map((b) => b.first)).toEqual([0, 1, 2, 3, 4]);
    // Conservation: every unfinished cell in exactly one block, for random finished sets and sizes.
    for (let trial = 0; trial < 50; trial++) {
      const cells = 1 + trial * 7;
      const size = 1 + (trial % 9);
      const finished = new Set(Array.from({ length: cells }, (_, c) => c).filter((c) => (c * 2654435761 + trial) % 5 === 0));
      const seen: number[] = [];
      for (const b of cutBlocks(cells, finished, size)) {
        expect(b.count).toBeGreaterThan(0);
        expect(Math.floor(b.first / size)).toBe(Math.floor((b.first + b.count - 1) / size));
        for (let c = b.first; c < b.first + b.count; c++) seen.push(c);
      }
      expect(seen).toEqual(Array.from({ length: cells }, (_, c) => c).filter((c) => !finished.has(c)));
    }
  });

  it('the sweep identity: equal for equal specs (key order aside), different when anything that decides a number differs', () => {
    const spec = (over: Partial<SweepSpec> = {}, raw: unknown = { name: 'x', channels: [{ callsPerDay: 100 }] }): SweepSpec => ({
      def: { file: 'a.yaml', raw, sets: [], axes: parseGrid(['staff=-20%:0%:10%']) },
      model: 'simulation', replications: 8, seed: 1, warmupSeconds: 0, ...over,
    });
    const base = sweepIdentity(spec());
    expect(base.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(sweepIdentity({ ...spec(), def: { ...spec().def, file: 'elsewhere/b.yaml' } }).hash).toBe(base.hash);
    expect(sweepIdentity(spec({}, { channels: [{ callsPerDay: 100 }], name: 'x' })).hash).toBe(base.hash);
    const others = [spec({ seed: 2 }), spec({ seed: '1' }), spec({ replications: 4 }), spec({ model: 'analytic' }), spec({ warmupSeconds: 60 }),
      spec({}, { name: 'x', channels: [{ callsPerDay: 101 }] }), { ...spec(), def: { ...spec().def, sets: ['a=1'] } },
      { ...spec(), def: { ...spec().def, axes: parseGrid(['staff=-20%:0%:5%']) } }];
    const hashes = new Set(others.map((s) => sweepIdentity(s).hash));
    expect(hashes.size).toBe(others.length);
    expect(hashes.has(base.hash)).toBe(false);
    expect(base.fields).toMatchObject({ model: 'simulation', replications: '8', seed: '1', engine: ENGINE_VERSION });
  });
});
