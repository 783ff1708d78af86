/**
 * `--csv` wherever a table is printed (erlang, simulate quick and FILE, calibrate, examples),
 * each CSV carrying the same numbers as `--json`; `calibrate --out` writes the fitted values and
 * keeps each replaced formula in a comment; shipped examples run by name from any folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../scenarios/index.js';
import { run } from './run.js';

const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;

/** A CSV document as objects by header (no quoted commas in these outputs). */
/** CSV rows by header (RFC 4180: a quoted cell may hold commas, e.g. a patience distribution's JSON). */
function rowsOf(csv: string): Record<string, string>[] {
  return parseCsv(csv, { columns: true, relax_column_count: true }) as Record<string, string>[];
}

describe('--csv', () => {
  it('erlang: one row of inputs and figures, the --json numbers (evaluate and --solve)', async () => {
    for (const args of [['--agents', '14', '--calls', '100', '--interval-seconds', '1800', '--aht', '180', '--patience', '300'], ['--solve', 'agents', '--erlangs', '10', '--aht', '180', '--sl-target', '0.8']]) {
      const csv = await run(['erlang', ...args, '--csv']);
      const json = JSON.parse((await run(['erlang', ...args, '--json'])).stdout);
      expect(csv.code, csv.stderr).toBe(0);
      const [row] = rowsOf(csv.stdout);
      const figures = json.figures ?? json; // --solve nests the figures at the answer
      for (const k of ['erlangs', 'serviceLevel', 'asa', 'answerRate', 'occupancy']) expect(Number(row![k]), k).toBe(figures[k] ?? json[k]);
      expect(row!.targetSeconds).toBe('20');
    }
  });

  it('erlang M/M/N+G: the patience distribution is one cell of JSON text; P(abandon | wait) beside the figures (evaluate and --solve)', async () => {
    const patience = ['--patience', '120', '--patience-dist', 'lognormal', '--patience-cv', '2.5'];
    for (const args of [['--agents', '100', '--erlangs', '95', '--aht', '300'], ['--solve', 'agents', '--erlangs', '95', '--aht', '300', '--sl-target', '0.8']]) {
      const [row] = rowsOf((await run(['erlang', ...args, ...patience, '--csv'])).stdout);
      expect(JSON.parse(row!.patienceDistribution!)).toEqual({ kind: 'lognormal', mean: 120, cv: 2.5 });
      expect(Number(row!.pAbandonGivenWait)).toBeCloseTo(Number(row!.pAbandon) / Number(row!.pWait), 12);
    }
  });

  it('simulate quick mode: a row per figure with its half-width and the analytic value, as --json', async () => {
    const args = ['simulate', '--agents', '10', '--erlangs', '8', '--aht', '180', '--patience', '120', '--calls-per-replication', '5000', '--replications', '2', '--workers', '1'];
    const rows = rowsOf((await run([...args, '--csv'])).stdout);
    const json = JSON.parse((await run([...args, '--json'])).stdout);
    expect(rows.map((r) => r.figure)).toEqual(Object.keys(json.figures));
    for (const r of rows) {
      expect(Number(r.simulated)).toBe(json.figures[r.figure!]);
      expect(Number(r.ci95)).toBe(json.ci95[r.figure!]);
    }
  });

  it('simulate FILE: figures, targets and centre classes in one table, as --json', async () => {
    const rows = rowsOf((await run(['simulate', tiny, '--replications', '2', '--workers', '1', '--csv'])).stdout);
    const json = JSON.parse((await run(['simulate', tiny, '--replications', '2', '--workers', '1', '--json'])).stdout);
    const figure = (name: string) => rows.find((r) => r.table === 'figures' && r.figure === name)!;
    expect(Number(figure('answerRate').simulated)).toBe(json.simulated.figures.answerRate);
    expect(Number(figure('answerRate').kernels)).toBe(json.analytic.answerRate);
    expect(Number(figure('selfServiceShareAnswered').simulated)).toBe(json.simulated.figures.selfServiceShareAnswered);
    expect(rows.filter((r) => r.table === 'centreClasses' && r.name === 'only').map((r) => r.figure)).toEqual(['answerRate', 'serviceLevel', 'asa', 'occupancy', 'answered']);
  });

  it('calibrate: a row per target and per parameter, as --json', async () => {
    const rows = rowsOf((await run(['calibrate', baseline, '--no-simulate', '--no-ranges', '--csv'])).stdout);
    const json = JSON.parse((await run(['calibrate', baseline, '--no-simulate', '--no-ranges', '--json'])).stdout);
    expect(rows.filter((r) => r.table === 'targets').map((r) => r.name)).toEqual(json.targets.map((t: { name: string }) => t.name));
    expect(json.targets.map((t: { name: string }) => t.name)).toContain('answerRate[voice]');
    const params = rows.filter((r) => r.table === 'parameters');
    expect(params.map((r) => r.name)).toEqual(['channels[voice].callsPerYear', 'channels[voice].selfService.share', 'groups[voice-agents].staffShare', 'channels[voice].patienceSeconds.components[1].mean']);
    expect(params.map((r) => Number(r.analytic))).toEqual(json.parameters.map((p: { analytic: number }) => p.analytic));
  });
});

describe('calibrate --out', () => {
  it('writes the fitted values, keeps each replaced formula in a comment, and the file loads with the fitted values', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ccsim-cal-')), 'calibrated.yaml');
    const r = await run(['calibrate', baseline, '--no-simulate', '--no-ranges', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const fitted = JSON.parse(r.stdout).parameters as { path: string; final: number }[];
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/callsPerYear: \d+ # calibrated by ccsim calibrate; was ivrReported \+ offeredDerived \(= \d+\)/);
    expect(text).toMatch(/share: [\d.]+ # calibrated by ccsim calibrate; was ivrReported \/ \(ivrReported \+ offeredDerived\) \(= [\d.]+\)/);
    expect(text).toMatch(/staffShare: [\d.]+ # calibrated by ccsim calibrate; was 0\.704562$/m);
    // inside a one-line flow map, the comment follows the map (before the comment it had)
    expect(text).toMatch(/- \{ weight: 0\.9, kind: exponential, mean: [\d.]+ \} # calibrated by ccsim calibrate; was 425\.763; calibrated/);
    const { scenario } = await loadScenarioFile(out);
    expect(scenario.groups[0]!.staffShare).toBeCloseTo(fitted.find((p) => p.path === 'groups[voice-agents].staffShare')!.final, 9);
    expect(scenario.channels[0]!.callsPerYear).toBeCloseTo(fitted.find((p) => p.path === 'channels[voice].callsPerYear')!.final, 0);
  });
});

describe('shipped examples', () => {
  it('ccsim examples lists the scenario, the forecast and the batch sample, each with a command that reads it', async () => {
    const list = JSON.parse((await run(['examples', '--json'])).stdout) as { name: string; kind: string; usage: string }[];
    expect(list.map((e) => `${e.kind}:${e.name}`)).toEqual(['scenario:china-banking-2015', 'scenario:china-banking-2016', 'scenario:china-banking-2017', 'scenario:blended-centre', 'forecast:bank-day-96', 'batch:cells']);
    expect(list[2]!.usage).toBe('ccsim simulate --example china-banking-2017');
    expect(list[3]!.usage).toBe('ccsim simulate --example blended-centre');
    expect(rowsOf((await run(['examples', '--csv'])).stdout).map((r) => r.name)).toEqual(['china-banking-2015', 'china-banking-2016', 'china-banking-2017', 'blended-centre', 'bank-day-96', 'cells']);
  });

  it('--example NAME is the shipped file; an unknown name, or FILE with it, is one line', async () => {
    const byName = await run(['validate', '--example', 'china-banking-2017']);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toMatch(/china-banking-2017\.yaml: valid — china-banking-2017:/);
    const unknown = await run(['validate', '--example', 'china-2018']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('ccsim: --example "china-2018": no shipped scenario of that name; shipped: china-banking-2015, china-banking-2016, china-banking-2017, blended-centre (ccsim examples lists every example file)\n');
    const both = await run(['validate', baseline, '--example', 'china-banking-2017']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('ccsim: give a scenario FILE or --example china-banking-2017, not both\n');
    const neither = await run(['whatif', '--staff', '-4%']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/^ccsim: name a scenario: ccsim <command> FILE, or --example NAME/);
  });
});
