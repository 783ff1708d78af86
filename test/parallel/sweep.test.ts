/**
 * `ccsim sweep` end to end (the compiled CLI in dist/: `npx tsc -p tsconfig.json` first):
 * the same bytes for 1, 2 and 3 workers; `--only-cell K` reproduces row K; a sweep killed
 * mid-run and resumed (even with a torn last line) equals an uninterrupted one, no cell lost
 * or duplicated; a cell whose scenario is invalid, a handler that throws and a worker that
 * exits each give one line naming the cell, a non-zero exit, and the finished cells on disk;
 * a bad --vary is one usage line. Every spawned CLI must exit by itself (timeouts otherwise).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText } from '../../scenarios/index.js';
import { parseGrid } from '../../cli/io/vary.js';
import { cellCount, cellValues } from '../../scenarios/studies/sweep/grid.js';
import { runSweep } from '../../scenarios/studies/sweep/run.js';
import { TaskError, WorkerCrashError } from '../../engine/parallel/index.js';
import { UsageError } from '../../cli/errors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const tiny = join(root, 'test/parallel/fixtures/tiny.yaml');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccsim-sweep-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ccsim(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 90_000, cwd: root });
  if (r.error) throw r.error; // a timeout: the CLI did not exit by itself
  return r;
}

const GRID = ['--vary', 'staff=-20%:0%:10%', '--vary', 'selfService=0.5:0.7:0.1', '--replications', '2', '--seed', '11', '--quiet'];

function dataRows(text: string): string[] {
  return text.split('\n').slice(1, -1);
}

describe('ccsim sweep: determinism', () => {
  it('writes the same bytes with 1, 2 and 3 workers, one row per cell in cell order', () => {
    const outs = [1, 2, 3].map((w) => {
      const out = join(dir, `det-${w}.csv`);
      const r = ccsim(['sweep', tiny, ...GRID, '--workers', String(w), '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(out, 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    const rows = dataRows(outs[0]!);
    expect(rows.map((r) => Number(r.split(',')[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // Row-major: the first --vary varies slowest. Cell 5 = (staff index 1, selfService index 2).
    expect(rows[5]!.split(',').slice(0, 4)).toEqual(['5', '-0.1', '0.7', '2']);
    // Conservation inside every row: answered + abandoned ≤ offered (means of per-replication counts).
    const header = outs[0]!.split('\n')[0]!.split(',');
    for (const row of rows) {
      const v = row.split(',');
      const at = (k: string) => Number(v[header.indexOf(k)]);
      expect(at('answered') + at('abandoned')).toBeLessThanOrEqual(at('offered') + 1e-9);
      expect(at('answerRate')).toBeGreaterThan(0);
    }
  });

  it('--only-cell K prints exactly row K of the file (CSV and JSON lines)', () => {
    const csv = readFileSync(join(dir, 'det-2.csv'), 'utf8');
    const r = ccsim(['sweep', tiny, ...GRID, '--only-cell', '7']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${csv.split('\n')[0]}\n${dataRows(csv)[7]}\n`);
    const jsonl = join(dir, 'det.jsonl');
    expect(ccsim(['sweep', tiny, ...GRID, '--workers', '2', '--out', jsonl]).status).toBe(0);
    const line = readFileSync(jsonl, 'utf8').split('\n')[4]!;
    expect(ccsim(['sweep', tiny, ...GRID, '--only-cell', '4', '--json']).stdout).toBe(`${line}\n`);
    expect(JSON.parse(line)).toMatchObject({ cell: 4, staff: -0.1, selfService: 0.6, replications: 2 });
  });
});

describe('ccsim sweep: interruption and resume', () => {
  const BIG = ['--vary', 'staff=-30%:0%:2%', '--vary', 'selfService=0.5:0.7:0.1', '--replications', '2', '--seed', '3', '--quiet'];

  async function killMidRun(out: string, signal: NodeJS.Signals): Promise<number | null> {
    const child = spawn(process.execPath, [cli, 'sweep', tiny, ...BIG, '--workers', '1', '--out', out], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until a few rows are on disk, then kill.
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (existsSync(out) && readFileSync(out, 'utf8').split('\n').length > 4) break;
    }
    child.kill(signal);
    return exited;
  }

  it('SIGKILL mid-run, a torn last line, then --resume: equal to an uninterrupted run', async () => {
    const whole = join(dir, 'whole.csv');
    expect(ccsim(['sweep', tiny, ...BIG, '--workers', '2', '--out', whole]).status).toBe(0);
    const expected = readFileSync(whole, 'utf8');
    const cells = dataRows(expected).length;
    expect(cells).toBe(48);

    const out = join(dir, 'killed.csv');
    await killMidRun(out, 'SIGKILL');
    const partial = dataRows(readFileSync(out, 'utf8'));
    expect(partial.length).toBeGreaterThanOrEqual(3);
    expect(partial.length).toBeLessThan(cells);
    // Every row on disk is a finished row identical to the uninterrupted run's.
    for (const row of partial) expect(dataRows(expected)).toContain(row);
    appendFileSync(out, '17,-0.2,0.6,2,1234'); // a row torn by the kill

    const r = ccsim(['sweep', tiny, ...BIG, '--workers', '2', '--out', out, '--resume']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('Ctrl-C (SIGINT) stops with exit 130 keeping finished cells; --resume finishes the same bytes', async () => {
    const expected = readFileSync(join(dir, 'whole.csv'), 'utf8');
    const out = join(dir, 'interrupted.csv');
    expect(await killMidRun(out, 'SIGINT')).toBe(130);
    const partial = dataRows(readFileSync(out, 'utf8'));
    expect(partial.length).toBeGreaterThanOrEqual(3);
    for (const row of partial) expect(dataRows(expected)).toContain(row);
    expect(ccsim(['sweep', tiny, ...BIG, '--workers', '3', '--out', out, '--resume']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('refuses to overwrite a results file without --resume, and rejects a file of another grid', () => {
    const out = join(dir, 'det-1.csv');
    const r = ccsim(['sweep', tiny, ...GRID, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`ccsim: ${out} exists; add --resume to continue it, or delete it to start over\n`);
    const other = ccsim(['sweep', tiny, '--vary', 'staff=-20%:0%:5%', '--vary', 'selfService=0.5:0.7:0.1', '--out', out, '--resume', '--quiet']);
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/^ccsim: --resume: .*det-1\.csv holds another experiment \(--seed 11 there, 5 here; --vary staff=-0\.2,-0\.1,0 selfService=0\.5,0\.6,0\.7 there, staff=-0\.2…0 \(5 values\) selfService=0\.5,0\.6,0\.7 here\); resume with the options that wrote it/);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('ccsim sweep: failures', () => {
  it('a cell whose scenario is invalid: one line naming the cell, exit 1, earlier cells on disk', () => {
    const out = join(dir, 'bad-cell.csv');
    const r = ccsim(['sweep', tiny, '--vary', 'groups[agents].staffShare=0.5:1.5:0.25', '--replications', '2', '--workers', '1', '--out', out, '--quiet']);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ccsim: cell 3 \(groups\[agents\]\.staffShare=1\.25\), replication 0: .*tiny\.yaml: groups\[agents\]\.staffShare must be ≤ 1.*, got 1\.25; 3 of 5 cells are in .*bad-cell\.csv \(incomplete: .*bad-cell\.csv\.sweep\.json says failed\)$/);
    expect(dataRows(readFileSync(out, 'utf8')).map((row) => row.split(',')[0])).toEqual(['0', '1', '2']);
    // Resumed, it fails again at cell 3: the count is of this grid's rows in the file (3), never more than the grid's cells.
    const again = ccsim(['sweep', tiny, '--vary', 'groups[agents].staffShare=0.5:1.5:0.25', '--replications', '2', '--workers', '2', '--out', out, '--resume', '--quiet']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/; 3 of 5 cells are in .*bad-cell\.csv \(incomplete: .*says failed\)\n$/);
  });

  it('bad --vary values: each one clear usage error', () => {
    const cases: [string, RegExp][] = [
      ['stuff=1:2:1', /unknown lever 'stuff'; levers are staff, selfService/],
      ['staff=-20%:0%:0%', /step must not be 0/],
      ['staff=0%:-20%:2%', /empty range/],
      ['staff=-20%:0%', /a range is FROM:TO:STEP/],
      ['staff=-20%:x:2%', /'x' is not a number/],
      ['staff', /write NAME=FROM:TO:STEP/],
    ];
    for (const [spec, message] of cases) {
      expect(() => parseGrid([spec]), spec).toThrow(UsageError);
      expect(() => parseGrid([spec]), spec).toThrow(message);
    }
    expect(() => parseGrid(['staff=0:1:1', 'staff=0:1:1'])).toThrow('--vary staff given twice');
    expect(parseGrid(['staff=-20%:0%:2%'])[0]!.values).toEqual([-0.2, -0.18, -0.16, -0.14, -0.12, -0.1, -0.08, -0.06, -0.04, -0.02, 0]);
    expect(parseGrid(['selfService=0.69:0.85:0.02'])[0]!.values).toHaveLength(9);
  });

  it('bad --vary on the command line: one line, nothing written; exit 2 for the grid\'s syntax, 1 for a value the lever refuses (as whatif)', () => {
    for (const [spec, message, code] of [['staff=-20%:0%:0%', /^ccsim: --vary staff=-20%:0%:0%: step must not be 0\n$/, 2], ['selfService=0.5:1.5:0.5', /^ccsim: --vary selfService: .*the share must be in \[0, 1\]\n$/, 1]] as const) {
      const out = join(dir, 'never.csv');
      const r = ccsim(['sweep', tiny, '--vary', spec, '--out', out]);
      expect(r.status, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  // The driver with stand-in handlers (fixtures/sweepCrash.mjs): cell 3 throws or exits.
  const data = parseScenarioText(readFileSync(tiny, 'utf8'));
  const axes = parseGrid(['staff=-40%:0%:5%']);
  for (const mode of ['throw', 'exit'] as const) {
    it(`a worker that ${mode === 'throw' ? 'throws' : 'calls process.exit'} in cell 3: an error naming the cell, finished cells delivered`, async () => {
      const delivered: number[] = [];
      const error = await runSweep({
        def: { file: 'tiny.yaml', raw: 'data' in data ? data.data : undefined, sets: [`crash=${mode}`], axes },
        model: 'simulation', replications: 1, seed: 1, warmupSeconds: 0, workers: 2,
        onCells: (cells) => delivered.push(...cells.map((c) => c.cell)),
        modules: [new URL('./fixtures/sweepCrash.mjs', import.meta.url)],
      }).catch((e: unknown) => e);
      if (mode === 'throw') {
        expect(error).toBeInstanceOf(TaskError);
        expect((error as Error).message).toBe('cell 3 (staff=-0.25): agents must be ≥ 0, got -1');
      } else {
        expect(error).toBeInstanceOf(WorkerCrashError);
        expect((error as Error).message).toBe('cell 3 (staff=-0.25): worker crashed: exited with code 9');
      }
      expect(delivered.slice(0, 3)).toEqual([0, 1, 2]);
      expect(delivered).not.toContain(3);
      expect(new Set(delivered).size).toBe(delivered.length); // no duplicates
      expect(delivered.every((c) => c < cellCount(axes))).toBe(true);
      expect(cellValues(axes, 3)).toEqual([-0.25]);
    });
  }
});
