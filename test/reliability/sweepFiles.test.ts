/**
 * Sweep result files that cannot lie (issue 14, points 2, 3 and 7): `--resume` continues only
 * the same experiment (any changed option refused, naming it; a complete file is said to be
 * complete); one writer per file (a second sweep on the same --out is refused while the first
 * completes to the bytes of an uninterrupted run); the record beside the file says whether it
 * is complete, and a killed writer's lock is taken over. Also the identity itself: equal specs
 * hash equal, and every part of it changes the hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGrid } from '../../cli/io/vary.js';
import { defineSweep } from '../../scenarios/studies/sweep/define.js';
import { sweepIdentity } from '../../scenarios/studies/sweep/identity.js';
import type { SweepSpec } from '../../scenarios/studies/sweep/spec.js';
import { probe, probeAsync, ROOT, stderrLines, tempDir } from './probe.js';

// The sweep tests' tiny scenario without its one formula (mathjs costs ~1 s to import in every run).
const tiny = readFileSync(join(ROOT, 'test/parallel/fixtures/tiny.yaml'), 'utf8').replace('centres: centres', 'centres: 2');
let tinyPath: string;
const GRID = ['--vary', 'staff=-20%:0%:10%', '--vary', 'selfService=0.5:0.7:0.1', '--replications', '2', '--seed', '11', '--quiet'];
let dir: string;
let whole: string;
let expected: string;

beforeAll(() => {
  dir = tempDir('sweep-files');
  tinyPath = join(dir, 'tiny.yaml');
  writeFileSync(tinyPath, tiny);
  whole = join(dir, 'whole.csv');
  const r = probe(['sweep', tinyPath, ...GRID, '--workers', '2', '--out', whole]);
  expect(r.code, r.stderr).toBe(0);
  expected = readFileSync(whole, 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (out: string) => JSON.parse(readFileSync(`${out}.sweep.json`, 'utf8')) as { state: string; identity: string; cells: number };

describe('sweep --resume: only the same experiment', () => {
  it('the record says complete; --resume of a complete file says so and changes nothing', () => {
    expect(record(whole)).toMatchObject({ state: 'complete', cells: 9 });
    expect(existsSync(`${whole}.lock`)).toBe(false);
    const again = probe(['sweep', tinyPath, ...GRID.filter((a) => a !== '--quiet'), '--out', whole, '--resume']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^sweep: .*whole\.csv is already complete \(9 cells, its record .*whole\.csv\.sweep\.json says so\); nothing to do\n$/);
    expect(readFileSync(whole, 'utf8')).toBe(expected);
  });

  /** GRID with one value replaced, or with flags added. */
  const swap = (from: string, to: string) => GRID.map((a) => (a === from ? to : a));
  const changed: [string, string[], RegExp][] = [
    ['--seed', swap('11', '12'), /--seed 11 there, 12 here/],
    ['--replications', swap('2', '3'), /--replications 2 there, 3 here/],
    ['--model', [...GRID, '--model', 'analytic'], /--model simulation there, analytic here/],
    ['--set', [...GRID, '--set', 'channels[voice].targetSeconds=30'], /--set \(none\) there, channels\[voice\]\.targetSeconds=30 here\)/],
    ['--shift-basis', [...GRID, '--shift-basis', 'agent'], /--shift-basis arrivals there, agent here/],
    ['--shift-conversion', [...GRID, '--shift-conversion', '1.2'], /--shift-conversion \(none\) there, shiftConversion=1\.2 here/],
    ['--vary', swap('selfService=0.5:0.7:0.1', 'selfService=0.5:0.65:0.05'), /--vary staff=-0\.2,-0\.1,0 selfService=0\.5,0\.6,0\.7 there, staff=-0\.2,-0\.1,0 selfService=0\.5,0\.55,0\.6,0\.65 here/],
  ];
  for (const [option, args, message] of changed) {
    it(`a changed ${option} is refused, naming it; the file is untouched`, () => {
      const r = probe(['sweep', tinyPath, ...args, '--out', whole, '--resume']);
      expect(r.code, r.stderr).toBe(1);
      expect(stderrLines(r)).toHaveLength(1);
      expect(r.stderr).toMatch(/^ccsim: --resume: .*whole\.csv holds another experiment \(/);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/resume with the options that wrote it, or give another --out\n$/);
      expect(readFileSync(whole, 'utf8')).toBe(expected);
    });
  }

  it('a changed scenario file is refused (its values differ); a changed comment is not a change', () => {
    const edited = join(dir, 'tiny-edited.yaml');
    writeFileSync(edited, tiny.replace('mean: 180', 'mean: 181'));
    const r = probe(['sweep', edited, ...GRID, '--out', whole, '--resume']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds another experiment \(the scenario's data differ \(the file's values or formulas changed\)\)/);
    writeFileSync(edited, `# another comment\n${tiny}`);
    const same = probe(['sweep', edited, ...GRID, '--out', whole, '--resume']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toBe(''); // --quiet: complete, nothing to do
  });

  it('a results file without a record is refused by --resume', () => {
    const bare = join(dir, 'bare.csv');
    writeFileSync(bare, expected.split('\n').slice(0, 3).join('\n') + '\n');
    const r = probe(['sweep', tinyPath, ...GRID, '--out', bare, '--resume']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ccsim: --resume: .*bare\.csv has no sweep record \(.*bare\.csv\.sweep\.json\), so nothing shows it was written by this experiment; delete it to start over, or give another --out\n$/);
  });
});

describe('one writer per results file', () => {
  const BIG = ['--vary', 'staff=-30%:0%:2%', '--vary', 'selfService=0.5:0.7:0.1', '--replications', '2', '--seed', '3', '--quiet'];

  it('a second sweep on the same --out is refused while the first runs; the first completes to the bytes of an uninterrupted run', async () => {
    const reference = join(dir, 'reference.csv');
    expect(probe(['sweep', tinyPath, ...BIG, '--workers', '2', '--out', reference]).code).toBe(0);
    const out = join(dir, 'shared.csv');
    const first = probeAsync(['sweep', tinyPath, ...BIG, '--workers', '1', '--out', out]);
    for (let i = 0; i < 1200 && !(existsSync(`${out}.lock`) && existsSync(out)); i++) await new Promise((r) => setTimeout(r, 25));
    // Pause the first writer while it holds the lock, whatever the machine's load: the second
    // runs against a live holder, then the first goes on and finishes.
    first.kill('SIGSTOP');
    try {
      expect(readFileSync(`${out}.lock`, 'utf8').split('\n')[0]).toBe(String(first.pid));
      for (const args of [[...BIG, '--out', out], [...BIG, '--out', out, '--resume']]) {
        const second = probe(['sweep', tinyPath, ...args]);
        expect(second.code, second.stderr).toBe(1);
        expect(stderrLines(second)).toEqual([expect.stringMatching(new RegExp(`^ccsim: --out .*shared\\.csv is being written by another ccsim \\(pid ${first.pid}; lock .*shared\\.csv\\.lock\\): wait for it to finish or stop that process \\(kill ${first.pid}\\)`))]);
      }
    } finally {
      first.kill('SIGCONT');
    }
    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(reference, 'utf8'));
    expect(record(out).state).toBe('complete');
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('SIGKILL leaves a record saying running and a stale lock; --resume takes the lock over and completes the same bytes', async () => {
    const out = join(dir, 'killed.csv');
    const p = probeAsync(['sweep', tinyPath, ...BIG, '--workers', '1', '--out', out]);
    for (let i = 0; i < 600 && !(existsSync(out) && readFileSync(out, 'utf8').split('\n').length > 4); i++) await new Promise((r) => setTimeout(r, 25));
    p.kill('SIGKILL');
    await p.done;
    expect(record(out).state).toBe('running');
    expect(existsSync(`${out}.lock`)).toBe(true);
    const r = probe(['sweep', tinyPath, ...BIG, '--workers', '2', '--out', out, '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'reference.csv'), 'utf8'));
    expect(record(out).state).toBe('complete');
  });

  it('Ctrl-C: the record says interrupted, stderr says what is on disk and that --resume continues', async () => {
    const out = join(dir, 'interrupted.csv');
    const p = probeAsync(['sweep', tinyPath, ...BIG, '--workers', '1', '--out', out]);
    for (let i = 0; i < 600 && !(existsSync(out) && readFileSync(out, 'utf8').split('\n').length > 4); i++) await new Promise((r) => setTimeout(r, 25));
    p.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(130);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^ccsim: interrupted; \d+ of 48 cells are in .*interrupted\.csv \(incomplete: .*interrupted\.csv\.sweep\.json says interrupted\); --resume continues$/)]);
    expect(record(out).state).toBe('interrupted');
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});

describe('sweepIdentity', () => {
  async function spec(over: Partial<SweepSpec> = {}, sets: string[] = [], vary = ['staff=-20%:0%:10%'], text = tiny): Promise<SweepSpec> {
    const def = await defineSweep('tiny.yaml', text, sets, parseGrid(vary));
    return { def, model: 'simulation', replications: 2, seed: 11, warmupSeconds: 0, ...over };
  }

  it('the same experiment gives the same hash (comments in the file aside)', async () => {
    const a = sweepIdentity(await spec());
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(sweepIdentity(await spec()).hash).toBe(a.hash);
    expect(sweepIdentity(await spec({}, [], undefined, `# comment\n${tiny}`)).hash).toBe(a.hash);
  });

  it('every part changes the hash and is named', async () => {
    const a = sweepIdentity(await spec());
    const cases: [string, SweepSpec][] = [
      ['seed', await spec({ seed: 12 })],
      ['replications', await spec({ replications: 3 })],
      ['model', await spec({ model: 'analytic' })],
      ['warmupSeconds', await spec({ warmupSeconds: 60 })],
      ['sets', await spec({}, ['channels[voice].targetSeconds=30'])],
      ['axes', await spec({}, [], ['staff=-20%:0%:5%'])],
      ['scenario', await spec({}, [], undefined, tiny.replace('mean: 180', 'mean: 181'))],
    ];
    for (const [field, s] of cases) {
      const b = sweepIdentity(s);
      expect(b.hash, field).not.toBe(a.hash);
      expect(b.fields[field], field).not.toBe(a.fields[field]);
    }
  });
});
