/**
 * `ccsim staff`: the shipped K2 bank day reproduces the figures (20,565 agent-intervals,
 * 580 at the peak, 63 at night), every interval is the fewest agents meeting the target
 * (checked against the engine at n and n − 1), the day's totals are sums of the rows, and bad
 * CSV gets one line naming the file, the row, the column and the allowed range.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { erlangAFigures, erlangCServiceLevel, requiredAgentsErlangC } from '../../engine/erlang/index.js';
import { parseForecast, normalizeHeader, parseStart } from '../../cli/io/forecast.js';
import { hasStack, ROOT, run, spawnCli, tempFile } from './run.js';

const BANK_DAY = join(ROOT, 'scenarios/bank-day-96.csv');

/** The K2 profile: p(h) = 0.1 + 0.9·sin²(π(h−7)/14) on [7, 21], else 0.1. */
const profile = (h: number): number => (h >= 7 && h <= 21 ? 0.1 + 0.9 * Math.sin((Math.PI * (h - 7)) / 14) ** 2 : 0.1);

describe('scenarios/bank-day-96.csv', () => {
  it('holds calls_i = round(570·p(i/4)·900/180), AHT 180, for 96 quarter-hours', () => {
    const f = parseForecast(readFileSync(BANK_DAY, 'utf8'), 'bank-day-96.csv');
    expect(f.rows).toHaveLength(96);
    expect(f.intervalSeconds).toBe(900);
    expect(f.intervalSource).toBe('inferred');
    f.rows.forEach((r, i) => {
      expect(r.startSeconds).toBe(i * 900);
      expect(r.calls).toBe(Math.round((570 * profile(i / 4) * 900) / 180));
      expect(r.aht).toBe(180);
    });
  });

  it('80/20 staffing: 20,565 agent-intervals, 580 at the peak, 63 at night (issue 2, K2)', async () => {
    const r = await run(['staff', BANK_DAY, '--sl-target', '0.8', '--target-seconds', '20', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.day.agentIntervals).toBe(20_565);
    expect(doc.day.peakAgents).toBe(580);
    expect(doc.day.peakStart).toBe('14:00');
    expect(doc.day.minAgents).toBe(63);
    expect(doc.day.agentHours).toBeCloseTo((20_565 * 900) / 3600, 10);
  });

  it('unrounded loads from the profile give the same 20,565 / 580 / 63 (the rounding of calls changes nothing)', () => {
    let total = 0;
    let peak = 0;
    let night = Infinity;
    for (let i = 0; i < 96; i++) {
      const n = requiredAgentsErlangC(570 * profile(i / 4), 180, 20, 0.8);
      total += n;
      peak = Math.max(peak, n);
      night = Math.min(night, n);
    }
    expect([total, peak, night]).toEqual([20_565, 580, 63]);
  });

  it('each interval is the fewest agents meeting SL ≥ 80% in 20 s; day totals are the sums', async () => {
    const doc = JSON.parse((await run(['staff', BANK_DAY, '--json', '--shrinkage', '0.3'])).stdout);
    let agents = 0;
    let calls = 0;
    let slCalls = 0;
    for (const row of doc.intervals) {
      const n = row.requiredAgents as number;
      expect(row.erlangs).toBeCloseTo((row.calls / 900) * 180, 12);
      expect(erlangCServiceLevel(n, row.erlangs, 180, 20)).toBeGreaterThanOrEqual(0.8);
      expect(erlangCServiceLevel(n - 1, row.erlangs, 180, 20)).toBeLessThan(0.8);
      expect(row.requiredStaff).toBeCloseTo(n / 0.7, 10);
      agents += n;
      calls += row.calls;
      slCalls += row.calls * row.serviceLevel;
    }
    expect(doc.day.agentIntervals).toBe(agents);
    expect(doc.day.calls).toBe(calls);
    expect(doc.day.staffIntervals).toBeCloseTo(agents / 0.7, 8);
    expect(doc.day.serviceLevel).toBeCloseTo(slCalls / calls, 12);
    expect(doc.day.serviceLevel).toBeGreaterThanOrEqual(0.8); // a weighted mean of values ≥ 0.8
    expect(doc.shrinkage).toBe(0.3);
  });

  it('the table prints the intervals and the day; --csv prints a header and 96 rows', async () => {
    const t = await run(['staff', BANK_DAY]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^14:00\s+2,850\s+180\s+570\.00\s+580\s+580\.0\s+/m);
    expect(t.stdout).toMatch(/agent-intervals \(Σ required agents\)\s+20,565\s+agentIntervals/);
    expect(t.stdout).toMatch(/peak agents \(at 14:00\)\s+580\s+peakAgents/);
    const c = await run(['staff', BANK_DAY, '--csv']);
    const lines = c.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(97);
    expect(lines[0]).toBe('start,calls (calls per interval),aht (s),patience (s),erlangs (erlangs),requiredAgents (agents),requiredStaff (head count),requiredStaffRounded (head count),binding,' +
      'pWait (fraction),serviceLevel (fraction),slAnswered (fraction),asa (s),meanWait (s),pAbandon (fraction),answerRate (fraction),occupancy (fraction)');
    expect(lines[57]).toMatch(/^14:00,2850,180,,570,580,580,580,sl,0\.\d{1,6},0\.\d{1,6},0\.\d{1,6},\d+\.\d{1,3},/);
    // the --json numbers, rounded for their units: fractions to 6 decimals, seconds to 3
    const doc = JSON.parse((await run(['staff', BANK_DAY, '--json'])).stdout);
    const cells = lines[57]!.split(',');
    const at = doc.intervals[56];
    expect(Math.abs(Number(cells[10]) - at.serviceLevel)).toBeLessThanOrEqual(5e-7);
    expect(Math.abs(Number(cells[12]) - at.asa)).toBeLessThanOrEqual(5e-4);
  });

  it('--csv output reads back as a forecast (units in brackets dropped): the same agents per interval', async () => {
    const path = tempFile('patience.csv', 'start,calls,aht,patience\n08:00,300.5,200,120\n08:15,1234.4,190,60\n08:30,12,185,90\n');
    const first = await run(['staff', path, '--abandon-target', '0.05', '--csv']);
    expect(first.code, first.stderr).toBe(0);
    const again = await run(['staff', tempFile('again.csv', first.stdout), '--abandon-target', '0.05', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const direct = JSON.parse((await run(['staff', path, '--abandon-target', '0.05', '--json'])).stdout);
    // calls of 1,000 or more are whole numbers in CSV (1234.4 → 1234), so compare with a forecast of those
    const rounded = JSON.parse((await run(['staff', tempFile('r.csv', 'start,calls,aht,patience\n08:00,300.5,200,120\n08:15,1234,190,60\n08:30,12,185,90\n'), '--abandon-target', '0.05', '--json'])).stdout);
    const agents = (d: { intervals: { requiredAgents: number }[] }) => d.intervals.map((i) => i.requiredAgents);
    expect(agents(JSON.parse(again.stdout))).toEqual(agents(rounded));
    expect(agents(direct)).toHaveLength(3);
  });
});

describe('forecast CSV variants', () => {
  it('spreadsheet headers (Interval Start, Offered, AHT (s)), a BOM, CRLF and 30-minute ISO starts', async () => {
    const path = tempFile('f.csv', '\uFEFFInterval Start,Offered,AHT (s),Notes\r\n2017-03-01T08:00,100,180,x\r\n2017-03-01T08:30,200,180,y\r\n');
    const r = await run(['staff', path, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.intervalSeconds).toBe(1800);
    expect(doc.intervals.map((i: { requiredAgents: number }) => i.requiredAgents)).toEqual([
      requiredAgentsErlangC(10, 180, 20, 0.8),
      requiredAgentsErlangC(20, 180, 20, 0.8),
    ]);
  });

  it('a patience column selects Erlang A and --abandon-target holds in every interval', async () => {
    const path = tempFile('a.csv', 'start,calls,aht,patience\n08:00,300,200,120\n08:15,600,200,60\n');
    const doc = JSON.parse((await run(['staff', path, '--abandon-target', '0.05', '--json'])).stdout);
    expect(doc.model).toBe('erlang-a');
    for (const row of doc.intervals) {
      const f = erlangAFigures(row.requiredAgents, row.erlangs, 200, row.patience, 20);
      expect(row.pAbandon).toBe(f.pAbandon);
      expect(f.pAbandon).toBeLessThanOrEqual(0.05);
      expect(erlangAFigures(row.requiredAgents - 1, row.erlangs, 200, row.patience, 20).pAbandon).toBeGreaterThan(0.05);
    }
  });

  it('header names normalise; starts parse', () => {
    expect(normalizeHeader('AHT (s)')).toEqual({ name: 'aht', unit: 's' });
    expect(normalizeHeader(' Interval-Start ')).toEqual({ name: 'interval_start' });
    expect(parseStart('08:15')).toBe(8 * 3600 + 15 * 60);
    expect(parseStart('8:15 pm')).toBeNaN();
  });

  it('one row: the interval defaults to 900 s; --interval-seconds overrides', () => {
    expect(parseForecast('start,calls,aht\n08:00,10,100\n', 'x').intervalSeconds).toBe(900);
    expect(parseForecast('start,calls,aht\n08:00,10,100\n08:30,10,100\n', 'x', { intervalSeconds: 600 }).intervalSeconds).toBe(600);
  });

  it('reads the forecast from stdin with `-` (end to end, compiled)', () => {
    const r = spawnCli(['staff', '-', '--json'], 'start,calls,aht\n00:00,285,180\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).day.agentIntervals).toBe(63);
  });
});

describe('ccsim staff: bad input', () => {
  const cases: [string, string, string[], number, RegExp][] = [
    ['missing column', 'start,aht\n08:00,180\n', [], 1, /: missing column "calls" \(accepted names: calls, offered, .*\); found columns: start, aht$/],
    ['non-numeric cell', 'start,calls,aht\n08:00,100,180\n08:15,lots,180\n', [], 1, /: row 2 \(line 3\), column "calls": calls must be a number ≥ 0 calls, got "lots"$/],
    ['negative calls', 'start,calls,aht\n08:00,-5,180\n', [], 1, /: row 1 \(line 2\), column "calls": calls must be a number ≥ 0 calls, got "-5"$/],
    ['zero AHT', 'start,calls,aht\n08:00,5,0\n', [], 1, /: row 1 \(line 2\), column "aht": aht must be a number > 0 seconds, got "0"$/],
    ['empty cell', '# comment\nstart,calls,aht\n08:00,5,180\n08:15,,180\n', [], 1, /: row 2 \(line 4\), column "calls": .*got ""$/],
    ['bad start', 'start,calls,aht\n8am,5,180\n', [], 1, /: row 1 \(line 2\), column "start": start must be HH:MM or an ISO date-time/],
    ['empty file', '', [], 1, /: empty file; expected a header row with columns start, calls, aht/],
    ['header only', 'start,calls,aht\n', [], 1, /: no data rows after the header$/],
    ['AHT in minutes', 'start,calls,AHT (min)\n08:00,5,3\n', [], 1, /: column "AHT \(min\)" is in "min"; give aht in seconds$/],
    ['ragged row', 'start,calls,aht\n08:00,5\n', [], 1, /: not valid CSV: .*line 2/i],
    ['starts not increasing', 'start,calls,aht\n08:15,5,180\n08:00,5,180\n', [], 1, /cannot infer the interval length from rows 1 and 2 \(starts 08:15 and 08:00\); give --interval-seconds SECONDS$/],
    ['SL target ≥ 1', 'start,calls,aht\n08:00,5,180\n', ['--sl-target', '1.2'], 1, /--sl-target must be a number in \(0, 1\)/],
    ['unknown flag', 'start,calls,aht\n08:00,5,180\n', ['--slx', '0.8'], 2, /Unknown argument: slx/i],
    ['erlang-a without patience', 'start,calls,aht\n08:00,5,180\n', ['--model', 'erlang-a'], 2, /erlang-a needs --patience SECONDS or a patience column/],
    ['--csv with --json', 'start,calls,aht\n08:00,5,180\n', ['--csv', '--json'], 2, /give --csv or --json, not both/],
    ['--model twice', 'start,calls,aht\n08:00,5,180\n', ['--model', 'erlang-c', '--model', 'erlang-c'], 2, /--model given 2 times; give it once$/],
  ];
  for (const [name, text, flags, code, message] of cases) {
    it(`${name} → exit ${code}, one line naming the problem`, async () => {
      const path = tempFile('bad.csv', text);
      const r = await run(['staff', path, ...flags]);
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
      if (code === 1 && !flags.length) expect(r.stderr).toContain(path);
      expect(hasStack(r.stderr)).toBe(false);
    });
  }

  it('a missing file → exit 1 naming it', async () => {
    const r = await run(['staff', '/nonexistent/day.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ccsim: \/nonexistent\/day\.csv: cannot read \(no such file\)/);
  });
});
