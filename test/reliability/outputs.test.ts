/**
 * Output files that are what they say (issue 14, points 3 and 7) and the smaller guards:
 * the lock (a live holder refuses, a dead one is taken over, release removes it), atomic
 * whole-file writes (a failed write leaves the old file), `calibrate --out` under both, the
 * replication accumulator (the same figures bit for bit without keeping runs), list problems
 * collapsed, paths that would reach Object.prototype refused.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { lockOutput, lockPathOf } from '../../cli/io/lock.js';
import { writeFileAtomic } from '../../cli/io/atomic.js';
import { InputError } from '../../cli/errors.js';
import { combineReplications, ReplicationAccumulator, runReplications, stationaryModel } from '../../engine/des/index.js';
import { collapseProblems, formatProblems } from '../../scenarios/format/problems.js';
import { applySets, loadScenarioText, parsePath } from '../../scenarios/index.js';
import { probe, ROOT, tempDir } from './probe.js';
import { run } from '../cli/run.js';

describe('the output lock', () => {
  it('a second lock of the same file is refused naming the holder; release frees it', () => {
    const dir = tempDir('lock');
    const out = join(dir, 'r.csv');
    const a = lockOutput(out, '--out');
    expect(readFileSync(lockPathOf(out), 'utf8').split('\n').slice(0, 2)).toEqual([String(process.pid), hostname()]);
    expect(() => lockOutput(out, '--out')).toThrow(InputError);
    a.release();
    a.release(); // idempotent
    expect(existsSync(lockPathOf(out))).toBe(false);
    const b = lockOutput(out, '--out');
    b.release();
    expect(readdirSync(dir)).toEqual([]); // no private link file left
  });

  it('a lock of another live process is refused; a lock of a process that is gone is taken over', () => {
    const dir = tempDir('lock');
    const out = join(dir, 'r.csv');
    writeFileSync(lockPathOf(out), `${process.ppid}\n${hostname()}\nnode ccsim sweep\n`); // the test runner's parent: alive, a node process
    expect(() => lockOutput(out, '--out')).toThrow(new RegExp(`is being written by another ccsim \\(pid ${process.ppid}; lock .*r\\.csv\\.lock\\)`));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockPathOf(out), `${gone.stdout}\n${hostname()}\nnode ccsim sweep\n`);
    const lock = lockOutput(out, '--out');
    expect(readFileSync(lockPathOf(out), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });
});

describe('--report is locked too', () => {
  it('a report another ccsim is writing is refused before the command runs; once free, it is written whole', async () => {
    const dir = tempDir('report');
    const report = join(dir, 'day.html');
    const csv = join(ROOT, 'scenarios/bank-day-96.csv');
    const held = lockOutput(report, '--report'); // stands for another ccsim's run
    const refused = await run(['staff', csv, '--sl-target', '0.8', '--report', report]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^ccsim: --report .*day\\.html is being written by another ccsim \\(pid ${process.pid}; lock .*day\\.html\\.lock\\)`));
    expect(existsSync(report)).toBe(false);
    held.release();
    const ok = await run(['staff', csv, '--sl-target', '0.8', '--report', report]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readdirSync(dir)).toEqual(['day.html']); // no lock, no temporary file left
  });
});

describe('atomic whole-file writes', () => {
  it('writes the whole text; a failed write leaves the old file as it was and no temporary file', () => {
    const dir = tempDir('atomic');
    const path = join(dir, 'out.yaml');
    writeFileAtomic(path, 'new: 1\n', '--out');
    expect(readFileSync(path, 'utf8')).toBe('new: 1\n');
    // A rename that cannot happen (the target became a non-empty folder): the error names the file, the folder is untouched.
    const blocked = join(dir, 'blocked.yaml');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'keep'), 'x');
    expect(() => writeFileAtomic(blocked, 'never\n', '--out')).toThrow(/--out .*blocked\.yaml: cannot write \(.*\); an existing file there is unchanged/);
    expect(readdirSync(dir).sort()).toEqual(['blocked.yaml', 'out.yaml']);
  });

  it('calibrate --out: a new file written whole; --in-place replaces the input only once the new one is complete', () => {
    const dir = tempDir('calibrate');
    const input = join(dir, 'base.yaml');
    writeFileSync(input, readFileSync(join(ROOT, 'scenarios/china-banking-2017.yaml')));
    const out = join(dir, 'fitted.yaml');
    const r = probe(['calibrate', input, '--out', out, '--no-simulate', '--no-ranges']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/calibrated by ccsim calibrate/);
    expect(probe(['validate', out]).code).toBe(0);
    const inPlace = probe(['calibrate', input, '--out', input, '--in-place', '--no-simulate', '--no-ranges']);
    expect(inPlace.code, inPlace.stderr).toBe(0);
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(out, 'utf8')); // the same fit of the same input
    expect(readdirSync(dir).sort()).toEqual(['base.yaml', 'fitted.yaml']);
  });
});

describe('replications folded as they come', () => {
  const model = stationaryModel({ agents: 10, erlangs: 8, ahtSeconds: 180, handle: { kind: 'exponential', mean: 180 }, patience: { kind: 'exponential', mean: 120 }, targetSeconds: 20, calls: 2000 }, 1000);
  it('without keeping runs, every figure and half-width equals combineReplications of the kept runs, bit for bit', () => {
    const kept = runReplications(model, { seed: 3, replications: 6, warmupSeconds: 1000, maxArrivals: 2000 });
    const lean = runReplications(model, { seed: 3, replications: 6, warmupSeconds: 1000, maxArrivals: 2000, keepRuns: false });
    expect(kept.runs).toHaveLength(6);
    expect(lean.runs).toHaveLength(0);
    const strip = (x: typeof kept) => JSON.stringify({ ...x, runs: [], seconds: 0 });
    expect(strip(lean)).toBe(strip(kept));
    expect(strip(combineReplications(model, kept.runs, 1000))).toBe(strip(kept));
    // And against the definition: the mean of the per-replication answer rates.
    const rates = kept.runs.map((r) => r.total.answerRate);
    expect(Math.abs(lean.figures.answerRate - rates.reduce((a, b) => a + b, 0) / rates.length) <= 1e-15).toBe(true);
  });

  it('an accumulator holds a few numbers per replication, not the run (its intervals)', () => {
    const acc = new ReplicationAccumulator(model, 1000, false);
    const one = runReplications(model, { seed: 1, replications: 1, warmupSeconds: 1000, maxArrivals: 2000 }).runs[0]!;
    for (let k = 0; k < 1000; k++) acc.add(one);
    const state = acc as unknown as { totals: Float64Array; channels: Float64Array[]; runs: unknown[] };
    expect(state.runs).toHaveLength(0);
    expect(state.totals.byteLength + state.channels.reduce((a, c) => a + c.byteLength, 0)).toBeLessThan(1000 * 2 * 13 * 8 * 2.1);
    expect(Math.abs(acc.result().ci95.answerRate) < 1e-12).toBe(true); // 1,000 identical replications: no spread (rounding aside)
  });
});

describe('smaller guards', () => {
  it('YAML aliases: one before its anchor, and an alias bomb, are listed problems (found by the fuzz test: it used to throw)', async () => {
    const early = await loadScenarioText('name: *a\nx: &a 1\n');
    expect(early).toEqual({ state: 'invalid', problems: [{ path: '(file)', message: expect.stringMatching(/^is not valid YAML\/JSON: Unresolved alias/) }] });
    let bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\n';
    'bcdefghijk'.split('').forEach((c, i) => (bomb += `${c}: &${c} [${Array(10).fill(`*${'abcdefghijk'[i]}`).join(',')}]\n`));
    const r = await loadScenarioText(bomb);
    expect(r.state === 'invalid' && r.problems[0]!.message).toMatch(/Excessive alias count/);
    // An unknown tag (the fuzz test saw the parser print a warning on stderr): a listed problem, nothing printed.
    const tagged = await loadScenarioText('name: !!js/function "x"\n');
    expect(tagged).toEqual({ state: 'invalid', problems: [{ path: '(line 1, column 7)', message: 'is not valid YAML/JSON: Unresolved tag: tag:yaml.org,2002:js/function' }] });
  });

  it('problems on consecutive list items with the same message become one line; different values say how many', () => {
    const same = Array.from({ length: 48 }, (_, i) => ({ path: `dayTypes[0].intradayProfile[${i}]`, message: 'must be ≥ 0', value: -1 }));
    expect(formatProblems('f.yaml', same)).toBe('f.yaml: dayTypes[0].intradayProfile[0–47] must be ≥ 0, got -1');
    const differ = same.map((p, i) => ({ ...p, value: -i - 1 }));
    expect(collapseProblems(differ)).toEqual([{ path: 'dayTypes[0].intradayProfile[0–47]', message: 'must be ≥ 0 (48 items)' }]);
    const two = same.slice(0, 2);
    expect(collapseProblems(two)).toEqual(two); // two stay two
    expect(collapseProblems([same[0]!, { path: 'x', message: 'other' }, same[2]!])).toHaveLength(3);
  });

  it('paths naming __proto__, constructor or prototype are refused: --set cannot pollute Object.prototype', () => {
    for (const path of ['__proto__.polluted', 'channels[0].constructor.prototype.polluted', 'a[__proto__]', 'prototype']) {
      expect(() => parsePath(path), path).toThrow(/is not allowed \(__proto__, constructor and prototype name no value of a scenario\)/);
    }
    const data = { channels: [{ name: 'voice' }] };
    const problems = applySets(data, ['__proto__.polluted=1', 'constructor.prototype.polluted=1']);
    expect(problems).toHaveLength(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
