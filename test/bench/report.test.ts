/**
 * The report rows (JSON and table) and the baseline file: pure formatting and parsing, no timing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gateBaselines, readBaseline, writeBaseline } from '../../bench/baseline.js';
import { DEFAULT_LIMIT, limitFromSpread } from '../../bench/gate.js';
import { formatTable, fmtRate, fmtTime, jsonRow, type ReportRow } from '../../bench/table.js';

const measured: ReportRow = {
  outcome: { state: 'completed', name: 'des day', suite: 'des', medianNs: 2.5e6, p75Ns: 2.7e6, samples: 40, opsPerSecond: 400, metrics: { callsPerSecond: 4e6, peakRssMB: 81.5 } },
  unit: 'day',
  opsPerCall: 1,
  refRatio: 1.6e6,
  baselineRatio: 1.5e6,
  limit: 1.3,
  verdict: { kind: 'ok', name: 'des day', ratio: 1.6e6, baselineRatio: 1.5e6, limit: 1.3, attempts: [1.6e6] },
  targetNs: 2e6,
};

describe('jsonRow', () => {
  it('carries name, medianNs (ns per op), p75Ns, samples, refRatio, unit, and the case metrics as fields', () => {
    const j = jsonRow(measured);
    expect(j).toMatchObject({
      name: 'des day', medianNs: 2.5e6, p75Ns: 2.7e6, samples: 40, refRatio: 1.6e6, unit: 'day',
      baselineRatio: 1.5e6, limit: 1.3, verdict: 'ok', targetNs: 2e6, targetMet: false, callsPerSecond: 4e6, peakRssMB: 81.5,
    });
    expect(Object.keys(j).slice(0, 2)).toEqual(['name', 'medianNs']);
  });
  it('an errored case keeps its name, medianNs null and the error', () => {
    const j = jsonRow({ outcome: { state: 'errored', name: 'K2 staffing day', suite: 'erlang', error: 'wrong answer' }, unit: 'day', opsPerCall: 1 });
    expect(j).toMatchObject({ name: 'K2 staffing day', medianNs: null, error: 'wrong answer' });
  });
});

describe('formatTable', () => {
  it('shows time per op with its unit, the ratio ÷ baseline, the limit, the verdict, the target met or not and the metrics', () => {
    const [header, , row] = formatTable([measured]);
    expect(header).toMatch(/^case\s+median\/op\s+ops\/s\s+samples\s+ref×\s+base×\s+vs base\s+limit\s+verdict\s+target\s+extra$/);
    expect(row).toContain('2.50 ms/day');
    expect(row).toContain('1.07×'); // 1.6e6 / 1.5e6
    expect(row).toContain('1.3×');
    expect(row).toContain('< 2.00 ms: NOT met');
    expect(formatTable([{ ...measured, outcome: { ...measured.outcome, medianNs: 1.5e6 } as ReportRow['outcome'] }])[2]).toContain('< 2.00 ms: met');
    expect(row).toContain('callsPerSecond=4.00M');
    expect(row).toContain('peakRssMB=81.5');
  });
  it('formats times and rates with 3 significant digits', () => {
    expect([fmtTime(48.2), fmtTime(1234), fmtTime(3.1e7), fmtTime(2e9)]).toEqual(['48.2 ns', '1.23 µs', '31.0 ms', '2.00 s']);
    expect([fmtRate(412), fmtRate(35_100), fmtRate(2.08e7)]).toEqual(['412', '35.1k', '20.8M']);
  });
});

describe('baseline file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file reads as undefined (the --ci gate then fails: test/bench/gate.test.ts)', () => {
    expect(readBaseline(join(dir, 'absent.json'))).toBeUndefined();
    expect(gateBaselines(undefined)).toEqual({});
  });
  it('round-trips through write and read; the limit comes from the spread, the default without one', () => {
    const path = join(dir, 'b.json');
    writeBaseline(path, { about: '', createdAt: '', node: 'v20', runs: 3, mode: 'quick', referenceNs: 1.6, cases: { a: { refRatio: 14.2, medianNs: 23, spread: 0.3 }, b: { refRatio: 3, medianNs: 5 } } });
    expect(gateBaselines(readBaseline(path))).toEqual({ a: { refRatio: 14.2, limit: limitFromSpread(0.3) }, b: { refRatio: 3, limit: DEFAULT_LIMIT } });
  });
  it('rejects a negative or non-numeric spread', () => {
    const path = join(dir, 'spread.json');
    writeFileSync(path, JSON.stringify({ cases: { 'K1 x': { refRatio: 1, spread: -0.1 } } }));
    expect(() => readBaseline(path)).toThrow(/spread\.json: cases\["K1 x"\]\.spread must be a finite number >= 0, got -0\.1/);
  });
  it('rejects a bad entry, naming the file, the case and the value', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ cases: { 'K1 x': { refRatio: -1 } } }));
    expect(() => readBaseline(path)).toThrow(/bad\.json: cases\["K1 x"\]\.refRatio must be a number > 0, got -1/);
  });
});
