/**
 * Issue 14's probes, each the command an attacker or a careless user would run, against the
 * compiled CLI (`npm test` builds first). Each must end with exit 1 (2 for usage) and one line
 * on stderr naming the cause and the limit, within 5 s of CPU and under 500 MB of resident
 * memory (measured in the child: probe.ts), leaving no partial output file. Where the fix is an
 * honest report rather than a refusal (overload without patience), the test says so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesIn, probe, probeAsync, PROBE_CPU_SECONDS, PROBE_RSS_MB, ROOT, stderrLines, tempDir, type Probed } from './probe.js';

// The sweep tests' tiny scenario without its one formula (mathjs costs ~1 s to import): each probe pays only for what it probes.
const tiny = readFileSync(join(ROOT, 'test/parallel/fixtures/tiny.yaml'), 'utf8').replace('centres: centres', 'centres: 2');
const dir = tempDir('probes');
const measured: { probe: string; code: number | null; cpu: string; rssMb: string; line: string }[] = [];

afterAll(() => {
  // The figures the report quotes (visible with --reporter=verbose or in the CI log).
  console.log(measured.map((m) => `${m.probe} | exit ${m.code} | cpu ${m.cpu} s | ${m.rssMb} MB | ${m.line}`).join('\n'));
});

/** A scenario file: the tiny fixture with `edit` applied. */
function scenario(name: string, edit: (text: string) => string = (t) => t): string {
  const path = join(dir, name);
  writeFileSync(path, edit(tiny));
  return path;
}

/** The refusal every probe must be: the exit code, one line matching `line`, no stack, bounded CPU and memory. */
function expectRefusal(name: string, r: Probed, code: 1 | 2, line: RegExp): void {
  measured.push({ probe: name, code: r.code, cpu: r.cpuSeconds.toFixed(2), rssMb: r.maxRssMb.toFixed(0), line: r.stderr.trim().slice(0, 160) });
  expect(r.signal, r.stderr).toBeNull();
  expect(r.code, r.stderr).toBe(code);
  const lines = stderrLines(r);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ccsim: /);
  expect(lines[0]).toMatch(line);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.cpuSeconds <= PROBE_CPU_SECONDS, `CPU ${r.cpuSeconds} s`).toBe(true); // NaN (no measurement) fails too
  expect(r.maxRssMb <= PROBE_RSS_MB, `RSS ${r.maxRssMb} MB`).toBe(true);
}

describe('1. resources are bounded: formulas, file size, work', () => {
  const formula = (f: string) => (t: string) => t.replace('callsPerDay: 24000', `callsPerDay: "${f}"`);
  it.each([
    ['zeros(1e5, 1e5)', /callsPerDay formula 'zeros\(1e5, 1e5\)' calls zeros, which is not allowed: formulas may call only scalar functions of bounded cost/],
    ['sum(range(0, 2e8))', /formula 'sum\(range\(0, 2e8\)\)' calls sum, which is not allowed/],
    ['nthRoots(1, 1e7)', /formula 'nthRoots\(1, 1e7\)' calls nthRoots, which is not allowed/],
    ['random() * 24000', /calls random, which is not allowed: random numbers in a scenario would give different results for the same seed/],
  ])('a formula %s: validate refuses it before evaluating', (f, line) => {
    expectRefusal(`formula ${f}`, probe(['validate', scenario(`f-${measured.length}.yaml`, formula(f))]), 1, line);
  });

  it('a curve f(h) = zeros(5000, 5000): refused before evaluating', () => {
    const path = scenario('curve.yaml', (t) => t.replace(/intradayProfile: \[.*\]/, 'intradayProfile: "f(h) = zeros(5000, 5000)"'));
    expectRefusal('curve zeros', probe(['validate', path]), 1, /intradayProfile formula 'f\(h\) = zeros\(5000, 5000\)' calls zeros, which is not allowed/);
  });

  it('a 112 MB scenario file: refused before it is read, naming the limit and --max-file-mb', () => {
    const path = join(dir, 'huge.yaml');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 112 * 1024 * 1024); // sparse: the size is what is checked, nothing is read
    closeSync(fd);
    expectRefusal('112 MB file', probe(['validate', path]), 1, /huge\.yaml: \(file\) is 112 MB, more than the 4\.00 MB limit for scenario files; raise it with --max-file-mb/);
    expectRefusal('112 MB file (sweep)', probe(['sweep', path, '--vary', 'staff=0:0.1:0.1', '--out', join(dir, 'never.csv')]), 1, /is 112 MB, more than the 4\.00 MB limit/);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('callsPerDay: 1e15 — simulate, whatif, calibrate, sweep and the full year refuse it before running, naming the limit and --allow-large', () => {
    const path = scenario('1e15.yaml', (t) => t.replace('callsPerDay: 24000', 'callsPerDay: 1e15'));
    const limit = /1\.00e15 calls to simulate \(.*\), more than the limit of 1\.00e10 calls; add --allow-large to run it anyway/;
    expectRefusal('callsPerDay 1e15 simulate', probe(['simulate', path]), 1, limit);
    expectRefusal('callsPerDay 1e15 whatif', probe(['whatif', path, '--staff', '-5%']), 1, /2\.00e15 calls to simulate .*--allow-large/);
    expectRefusal('callsPerDay 1e15 calibrate', probe(['calibrate', path]), 1, /calls to simulate .*--allow-large/);
    expectRefusal('callsPerDay 1e15 full year', probe(['simulate', path, '--full-year']), 1, /calls to simulate .*--allow-large/);
    const out = join(dir, 'big.csv');
    expectRefusal('callsPerDay 1e15 sweep', probe(['sweep', path, '--vary', 'staff=-10%:0%:10%', '--out', out]), 1, /sweep: 2\.00e15 calls to simulate \(2 cells × .*--allow-large/);
    expect(existsSync(out) || existsSync(`${out}.sweep.json`) || existsSync(`${out}.lock`)).toBe(false);
  });

  it('simulate --calls-per-replication 1e10 and --replications 100000: refused with the estimate and the way out', () => {
    const quick = ['simulate', '--agents', '100', '--erlangs', '95', '--aht', '300', '--patience', '120'];
    expectRefusal('--calls-per-replication 1e10', probe([...quick, '--calls-per-replication', '1e10']), 1, /simulate: 8\.00e10 calls to simulate \(8 replications × 10000000000 calls, ≈ .*\), more than the limit of 1\.00e10 calls; add --allow-large/);
    expectRefusal('--replications 100000', probe([...quick, '--replications', '100000']), 1, /1\.00e11 calls to simulate \(100000 replications × 1000000 calls/);
  });

  it('Erlang C in overload without patience: the memory the growing queue needs is refused before the run', () => {
    const r = probe(['simulate', '--agents', '50', '--erlangs', '95', '--aht', '300', '--calls-per-replication', '1e9', '--replications', '2']);
    expectRefusal('overload no patience 1e9 calls', r, 1, /about \d+ GB of memory \(waiting contacts: 95 erlangs on 50 agents and callers never abandon, so the queue grows with --calls-per-replication\), more than the limit of 2\.00 GB; add --allow-large/);
  });

  it('Erlang C in overload without patience, small enough to run: warned on stderr before the run (first), memory bounded', () => {
    const r = probe(['simulate', '--agents', '50', '--erlangs', '95', '--aht', '300', '--calls-per-replication', '200000', '--replications', '2', '--workers', '1', '--json']);
    measured.push({ probe: 'overload warning', code: r.code, cpu: r.cpuSeconds.toFixed(2), rssMb: r.maxRssMb.toFixed(0), line: r.stderr.trim() });
    expect(r.code).toBe(0);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^ccsim: warning: 95\.000 erlangs on 50 agents and callers never abandon \(no --patience\): there is no steady state/)]);
    expect(r.maxRssMb).toBeLessThan(PROBE_RSS_MB);
  });
});

describe('5–6. seeding, and results that cannot be honest', () => {
  it('a warm-up as long as the run: refused before the run (quick mode and the scenario\'s simulation.warmupSeconds)', () => {
    expectRefusal('--warmup-seconds ≥ run', probe(['simulate', '--agents', '100', '--erlangs', '95', '--aht', '300', '--calls-per-replication', '1000', '--warmup-seconds', '1e6']), 1,
      /--warmup-seconds 1000000 is as long as the run: about 316667 calls arrive in it .* nothing would be measured; lower --warmup-seconds or raise --calls-per-replication/);
    const path = scenario('warmup.yaml', (t) => t.replace('seed: 5', 'seed: 5\n  warmupSeconds: 90000'));
    expectRefusal('simulation.warmupSeconds ≥ a day', probe(['simulate', path]), 1, /simulation\.warmupSeconds must be less than 86,400 seconds: each simulated run is one day/);
  });

  it('kernels in overload without patience print "overloaded" with a note, never an occupancy over 100% (exit 0: an honest report)', () => {
    const path = scenario('overload.yaml', (t) => t.replace(/\n\s+patienceSeconds:.*/, '').replace('staffShare: 1', 'staffShare: 0.1'));
    const r = probe(['simulate', path, '--workers', '1']);
    measured.push({ probe: 'kernel occupancy overload', code: r.code, cpu: r.cpuSeconds.toFixed(2), rssMb: r.maxRssMb.toFixed(0), line: r.stderr.trim() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^ccsim: warning: \d+ interval\(s\) have demand at or over the agents and callers never give up \(no patience, or every abandoned call redialled\)/);
    const occupancy = r.stdout.split('\n').find((l) => l.startsWith('occupancy'))!;
    expect(occupancy).toMatch(/^occupancy\s+overloaded\s+/);
    for (const pct of r.stdout.matchAll(/([\d,.]+)%/g)) expect(Number(pct[1]!.replace(/,/g, ''))).toBeLessThanOrEqual(100);
    expect(r.stdout).toMatch(/Kernels: \d+ interval\(s\) .* shown as "overloaded"/);
    const json = JSON.parse(probe(['simulate', path, '--workers', '1', '--json']).stdout) as { analytic: Record<string, number | null>; overloadedIntervals: number };
    expect(json.analytic.occupancy).toBeNull();
    expect(json.overloadedIntervals).toBeGreaterThan(0);
    expect(json.analytic.offered).toBeGreaterThan(0); // defined figures stay
  });
});

describe('7. files that look complete but are not', () => {
  it('calibrate --out over its own input is refused (exit 2) and the input is untouched', () => {
    const path = join(ROOT, 'scenarios/china-banking-2017.yaml');
    const copy = join(dir, 'calibrate-me.yaml');
    writeFileSync(copy, readFileSync(path));
    expectRefusal('calibrate --out = input', probe(['calibrate', copy, '--out', copy, '--no-simulate']), 2, /--out .*calibrate-me\.yaml is the input file .*; add --in-place to replace it/);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(path, 'utf8'));
    expect(filesIn(dir).filter((f) => f.startsWith('calibrate-me') || f.startsWith('.calibrate-me'))).toEqual(['calibrate-me.yaml']);
  });

  it('Ctrl-C on simulate --trace: exit 130, one line saying what it left, no trace file and no partial file', async () => {
    const out = join(dir, 'trace.csv');
    const p = probeAsync(['simulate', '--agents', '100', '--erlangs', '95', '--aht', '300', '--calls-per-replication', '3000000', '--replications', '4', '--trace', out], dir);
    for (let i = 0; i < 400 && !existsSync(`${out}.partial`); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    p.kill('SIGINT');
    const r = await p.done;
    measured.push({ probe: 'Ctrl-C --trace', code: r.code, cpu: r.cpuSeconds.toFixed(2), rssMb: r.maxRssMb.toFixed(0), line: r.stderr.trim() });
    expect(r.code).toBe(130);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^ccsim: interrupted after \d+ of 4 replications; no trace written \(.*trace\.csv is written only whole: run again to write it\)$/)]);
    expect(filesIn(dir).filter((f) => f.startsWith('trace.csv'))).toEqual([]);
  });
});

describe('8. smaller', () => {
  it('--set __proto__.polluted=1, and the same in --vary: refused, naming the segment', () => {
    expectRefusal('--set __proto__', probe(['validate', scenario('proto.yaml'), '--set', '__proto__.polluted=1']), 1, /--set __proto__\.polluted path __proto__\.polluted: the segment '__proto__' is not allowed/);
    expectRefusal('--set constructor', probe(['validate', scenario('proto2.yaml'), '--set', 'channels[0].constructor.prototype.x=1']), 1, /the segment 'constructor' is not allowed/);
    expectRefusal('--vary __proto__', probe(['sweep', scenario('proto3.yaml'), '--vary', '__proto__.polluted=1:2:1', '--out', join(dir, 'proto.csv')]), 2, /--vary __proto__\.polluted: path __proto__\.polluted: the segment '__proto__' is not allowed/);
  });

  it('one mistake in a per-interval list is one line, not one per interval', () => {
    const path = scenario('negative.yaml', (t) => t.replace(/intradayProfile: \[.*\]/, 'intradayProfile: "f(h) = -1"'));
    expectRefusal('repeated message', probe(['validate', path]), 1, /dayTypes\[(0|day)\]\.intradayProfile\[0–23\] must be ≥ 0 .*, got -1$/);
  });

  it('a huge staff row names its row and file', () => {
    const csv = join(dir, 'huge-row.csv');
    writeFileSync(csv, 'start,calls,aht\n00:00,100,180\n00:30,1e12,180\n');
    expectRefusal('huge staff row', probe(['staff', csv, '--sl-target', '0.8', '--target-seconds', '20']), 1, /huge-row\.csv: data row 2 \(start 00:30, 1000000000000 calls, AHT 180 s, .* erlangs\): solveAgents: no agent count up to maxAgents = 10000000 meets the targets/);
  });
});
