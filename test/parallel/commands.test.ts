/**
 * `--workers` does not change what a command prints (timings aside): `simulate` quick mode,
 * `simulate FILE`, `whatif`, `erlang --batch` and `staff` with 1 and 2 workers (the compiled
 * CLI in dist/; `npx tsc -p tsconfig.json` first). Each spawned CLI must exit by itself.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tiny = join(root, 'test/parallel/fixtures/tiny.yaml');

function ccsim(args: string[], input?: string, status = 0): string {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), ...args], { encoding: 'utf8', timeout: 110_000, cwd: root, maxBuffer: 1 << 28, ...(input !== undefined ? { input } : {}) });
  if (r.error) throw r.error;
  expect(r.status, r.stderr).toBe(status);
  return r.stdout;
}

/**
 * 12,000 JSON lines (≈ 1.2 MB: three of the parallel batch's 512 KB chunks, so both workers get
 * work): Erlang C and Erlang A figures, staffing solves, and a bad line every 1,000 (error rows).
 */
function batchInput(): string {
  const lines: string[] = [];
  for (let i = 0; i < 12_000; i++) {
    const agents = 1 + (i % 97), erlangs = (0.37 * agents * (1 + (i % 11) / 10)).toFixed(4);
    if (i % 1000 === 999) lines.push(`{"id":${i},"agents":-1,"erlangs":3,"aht":180,"target":20}`);
    else if (i % 3 === 0) lines.push(`{"id":${i},"model":"erlang-a","agents":${agents},"erlangs":${erlangs},"aht":240,"target":20,"patience":${60 + (i % 7) * 20}}`);
    else if (i % 3 === 1) lines.push(`{"id":${i},"agents":${agents},"erlangs":${erlangs},"aht":180,"target":15}`);
    else lines.push(`{"id":${i},"solve":"agents","erlangs":${erlangs},"aht":180,"target":20,"slTarget":0.8}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A forecast of 100,000 quarter-hours (the staff command's threshold for workers,
 * PARALLEL_STAFF_MIN_ROWS): a two-peak day repeated, with varying AHT and patience columns.
 */
function staffForecast(): string {
  const rows = ['start,calls,aht,patience'];
  const t0 = Date.UTC(2017, 0, 1);
  for (let i = 0; i < 100_000; i++) {
    const h = (i % 96) / 4;
    const p = h >= 7 && h <= 21 ? 0.1 + 0.9 * Math.sin((Math.PI * (h - 7)) / 14) ** 2 : 0.1;
    rows.push(`${new Date(t0 + i * 900_000).toISOString().slice(0, 16)},${Math.round(2850 * p) + (i % 7)},${180 + (i % 13)},${60 + (i % 5) * 30}`);
  }
  return `${rows.join('\n')}\n`;
}

/** JSON output without wall-clock fields. */
const untimed = (json: string) => json.split('\n').filter((l) => !/"(seconds|callsPerSecond)"/.test(l)).join('\n');

describe('--workers leaves the output unchanged', () => {
  it('simulate quick mode: same figures and CIs with 1 and 2 workers', () => {
    const args = ['simulate', '--agents', '10', '--erlangs', '8', '--aht', '180', '--patience', '120', '--calls', '20000', '--replications', '4', '--json'];
    const one = ccsim([...args, '--workers', '1']);
    expect(untimed(ccsim([...args, '--workers', '2']))).toBe(untimed(one));
    expect(JSON.parse(one).replications).toBe(4);
  });

  it('simulate FILE and whatif: same document with 1 and 2 workers', () => {
    for (const args of [['simulate', tiny, '--replications', '3', '--json'], ['whatif', tiny, '--staff', '-10%', '--replications', '3', '--json']]) {
      expect(untimed(ccsim([...args, '--workers', '2'])), args[0]).toBe(untimed(ccsim([...args, '--workers', '1'])));
    }
  });

  it('erlang --batch: the same lines, in order, with 1 worker (main thread) and 2 (three chunks on workers)', () => {
    const input = batchInput();
    const one = ccsim(['erlang', '--batch', '-', '--workers', '1'], input, 1); // exit 1: the 12 bad lines
    expect(ccsim(['erlang', '--batch', '-', '--workers', '2'], input, 1)).toBe(one);
    const out = one.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: number; error?: string });
    expect(out.map((o) => o.id)).toEqual(Array.from({ length: 12_000 }, (_, i) => i));
    expect(out.filter((o) => o.error !== undefined).length).toBe(12);
  });

  it('staff: the same CSV rows with 1 worker (main thread) and 2 (100,000 intervals, the threshold for workers)', () => {
    // the CSV carries every interval's figures; the table's day totals are summed from the same rows
    const file = join(mkdtempSync(join(tmpdir(), 'ccsim-staff-')), 'year.csv');
    writeFileSync(file, staffForecast());
    const args = ['staff', file, '--sl', '0.8', '--target', '20', '--csv'];
    const one = ccsim([...args, '--workers', '1']);
    expect(ccsim([...args, '--workers', '2']) === one).toBe(true); // 21 MB: no diff printed
    expect(one.trimEnd().split('\n').length).toBe(1 + 100_000); // header + one row per interval
  });
});
