/**
 * `--csv` wherever a table is printed (erlang, staff, simulate quick and FILE, whatif, calibrate,
 * sweep --only-cell, examples), each CSV carrying the `--json` numbers rounded to its unit's
 * precision (docs/figures.md, "Units and rounding in CSV"), each column named by its JSON key
 * with the unit after it; `calibrate --out` writes the fitted values and keeps each replaced
 * formula in a comment; shipped examples run by name from any folder.
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

/** CSV rows by header (RFC 4180: a quoted cell may hold commas, e.g. a patience distribution's JSON). */
function rowsOf(csv: string): Record<string, string>[] {
  return parseCsv(csv, { columns: true, relax_column_count: true }) as Record<string, string>[];
}

/** A header `key (unit)` split into its JSON key and unit (no unit: undefined). */
function splitHeader(name: string): { key: string; unit?: string } {
  const m = /^(.*) \((.+)\)$/.exec(name);
  return m ? { key: m[1]!, unit: m[2]! } : { key: name };
}

/**
 * The largest rounding error the docs allow for a value in `unit` (docs/figures.md): half the
 * last decimal kept, or 6 significant digits for tiny values and for units without fixed decimals.
 */
function allowed(unit: string, value: number): number {
  const decimals: Record<string, number> = {
    fraction: 6, 'relative change': 6, s: 3, erlangs: 3, agents: 3, 'head count': 3, 'contacts per busy agent': 3, 'sessions per agent': 3,
  };
  const counts = ['contacts per period', 'contacts', 'calls per interval', 'calls per year', 'calls per day'];
  const d = decimals[unit] ?? (counts.includes(unit) ? (Math.abs(value) >= 1000 ? 0 : 2) : undefined);
  const significant = Math.abs(value) * 5e-6;
  return d === undefined ? significant : Math.max(0.5 * 10 ** -d, significant);
}

/** A CSV cell against the --json number: empty for null, within the unit's rounding, never 0 for a nonzero value. */
function expectRounded(label: string, unit: string | undefined, cell: string | undefined, json: number | null | undefined): void {
  if (json === null || json === undefined) {
    expect(cell ?? '', label).toBe('');
    return;
  }
  const v = Number(cell);
  expect(Number.isFinite(v), `${label}: ${cell}`).toBe(true);
  if (unit === undefined) {
    expect(v, label).toBe(json);
    return;
  }
  const err = Math.abs(v - json);
  expect(err <= allowed(unit, json) * (1 + 1e-9), `${label}: ${cell} (${unit}) vs ${json}`).toBe(true);
  if (json !== 0) expect(v, `${label}: nonzero ${json} rounded to 0`).not.toBe(0);
  expect(cell!.length, `${label}: ${cell} is not shorter than 16 digits`).toBeLessThanOrEqual(14);
}

describe('--csv', () => {
  it('erlang: one row of inputs and figures, each header KEY (unit), the --json numbers rounded per unit (evaluate and --solve)', async () => {
    for (const args of [['--agents', '14', '--calls', '100', '--interval-seconds', '1800', '--aht', '180', '--patience', '300'], ['--solve', 'agents', '--erlangs', '10', '--aht', '180', '--sl-target', '0.8']]) {
      const csv = await run(['erlang', ...args, '--csv']);
      const json = JSON.parse((await run(['erlang', ...args, '--json'])).stdout);
      expect(csv.code, csv.stderr).toBe(0);
      const [row] = rowsOf(csv.stdout);
      const figures = json.figures ?? json; // --solve nests the figures at the answer
      for (const name of Object.keys(row!)) {
        const { key, unit } = splitHeader(name);
        const value = key in figures && typeof figures[key] !== 'object' ? figures[key] : json[key] ?? json.targets?.[key];
        if (typeof value === 'number' || value === null) expectRounded(key, unit, row![name], value);
      }
      expect(row!['targetSeconds (s)']).toBe('20');
      expect(row!['asa (s)']).toMatch(/^\d+\.\d{1,3}$/);
    }
    const evaluate = (await run(['erlang', '--agents', '14', '--calls', '100', '--interval-seconds', '1800', '--aht', '180', '--patience', '300', '--csv'])).stdout.split('\n')[0];
    expect(evaluate).toBe('model,agents (agents),erlangs (erlangs),calls (calls per interval),intervalSeconds (s),aht (s),targetSeconds (s),patience (s),patienceDistribution,' +
      'blocking (fraction),pWait (fraction),pAbandon (fraction),pAbandonGivenWait (fraction),answerRate (fraction),serviceLevel (fraction),slAnswered (fraction),asa (s),meanWait (s),occupancy (fraction)');
  });

  it('erlang: a tiny probability keeps 6 significant digits, never 0 (Erlang C, 40 agents, 10 erlangs)', async () => {
    const args = ['erlang', '--agents', '40', '--erlangs', '10', '--aht', '180'];
    const [row] = rowsOf((await run([...args, '--csv'])).stdout);
    const json = JSON.parse((await run([...args, '--json'])).stdout);
    expect(json.pWait).toBeGreaterThan(0);
    expect(json.pWait).toBeLessThan(1e-6);
    expect(Number(row!['pWait (fraction)'])).toBe(Number(json.pWait.toPrecision(6)));
  });

  it('erlang M/M/N+G: the patience distribution is one cell of JSON text; P(abandon | wait) beside the figures (evaluate and --solve)', async () => {
    const patience = ['--patience', '120', '--patience-dist', 'lognormal', '--patience-cv', '2.5'];
    for (const args of [['--agents', '100', '--erlangs', '95', '--aht', '300'], ['--solve', 'agents', '--erlangs', '95', '--aht', '300', '--sl-target', '0.8']]) {
      const [row] = rowsOf((await run(['erlang', ...args, ...patience, '--csv'])).stdout);
      expect(JSON.parse(row!.patienceDistribution!)).toEqual({ kind: 'lognormal', mean: 120, cv: 2.5 });
      // each rounded to 1e-6: the ratio of the rounded values agrees to what their rounding allows
      expect(Math.abs(Number(row!['pAbandonGivenWait (fraction)']) - Number(row!['pAbandon (fraction)']) / Number(row!['pWait (fraction)']))).toBeLessThan(1e-5);
    }
  });

  it('simulate quick mode: a row per figure with its unit, half-width and analytic value, the --json numbers rounded', async () => {
    const args = ['simulate', '--agents', '10', '--erlangs', '8', '--aht', '180', '--patience', '120', '--calls-per-replication', '5000', '--replications', '2', '--workers', '1'];
    const out = (await run([...args, '--csv'])).stdout;
    expect(out.split('\n')[0]).toBe('figure,unit,simulated,ci95,analytic');
    const rows = rowsOf(out);
    const json = JSON.parse((await run([...args, '--json'])).stdout);
    expect(rows.map((r) => r.figure)).toEqual(Object.keys(json.figures));
    expect(Object.fromEntries(rows.map((r) => [r.figure, r.unit]))).toMatchObject({ offered: 'contacts per period', answerRate: 'fraction', asa: 's', occupancy: 'fraction' });
    for (const r of rows) {
      expectRounded(`${r.figure} simulated`, r.unit, r.simulated, json.figures[r.figure!]);
      expectRounded(`${r.figure} ci95`, r.unit, r.ci95, json.ci95[r.figure!]);
      expectRounded(`${r.figure} analytic`, r.unit, r.analytic, json.analytic[r.figure!]);
    }
  });

  it('simulate FILE: figures, targets, centre classes, channels and groups in one table with a unit column, as --json rounded', async () => {
    const args = ['simulate', tiny, '--replications', '2', '--workers', '1', '--by', 'channel', '--by', 'group'];
    const out = (await run([...args, '--csv'])).stdout;
    expect(out.split('\n')[0]).toBe('table,name,figure,unit,kind,kernels,simulated,ci95,reported,residual (fraction),reportedInCi95');
    const rows = rowsOf(out);
    const json = JSON.parse((await run([...args, '--json'])).stdout);
    for (const r of rows.filter((x) => x.table === 'figures' && x.figure !== 'staff')) {
      expectRounded(`${r.figure} kernels`, r.unit, r.kernels, json.analytic[r.figure!]);
      expectRounded(`${r.figure} simulated`, r.unit, r.simulated, json.simulated.figures[r.figure!]);
      expectRounded(`${r.figure} ci95`, r.unit, r.ci95, json.simulated.ci95[r.figure!]);
    }
    const figure = (name: string) => rows.find((r) => r.table === 'figures' && r.figure === name)!;
    expect([figure('staff').unit, figure('asa').unit, figure('offered').unit]).toEqual(['head count', 's', 'contacts per period']);
    expect(rows.filter((r) => r.table === 'centreClasses' && r.name === 'only').map((r) => r.figure)).toEqual(['answerRate', 'serviceLevel', 'asa', 'occupancy', 'answered']);
    const group = rows.filter((r) => r.table === 'groups');
    expect(group.map((r) => `${r.figure} (${r.unit})`)).toEqual(['occupancy (fraction)', 'agents (agents)', 'contactsPerBusyAgent (contacts per busy agent)']);
    for (const r of group) expectRounded(`group ${r.figure}`, r.unit, r.simulated, json.byGroup[0].simulated.figures[r.figure!]);
  });

  it('whatif: a row per figure with its unit, kernels of both sides and their difference, as --json rounded', async () => {
    const args = ['whatif', '--example', 'blended-centre', '--staff', '-5%', '--no-simulate'];
    const out = (await run([...args, '--csv'])).stdout;
    const rows = rowsOf(out);
    const json = JSON.parse((await run([...args, '--json'])).stdout);
    for (const r of rows.filter((x) => !x.figure!.includes('[') && x.figure !== 'staff')) {
      expectRounded(`${r.figure} baseline`, r.unit, r.baselineKernels, json.baseline.analytic[r.figure!]);
      expectRounded(`${r.figure} variant`, r.unit, r.variantKernels, json.variant.analytic[r.figure!]);
    }
    const voice = json.variant.byChannel.find((c: { channel: string }) => c.channel === 'voice').analytic;
    const asa = rows.find((r) => r.figure === 'asa[voice]')!;
    expect(asa.unit).toBe('s');
    expectRounded('asa[voice]', 's', asa.variantKernels, voice.asa);
    expect(rows.find((r) => r.figure === 'groupAgents[voice-team]')?.unit).toBe('agents');
    expect(rows.find((r) => r.figure === 'staff')).toMatchObject({ unit: 'head count', baselineKernels: String(json.baseline.staff) });
  });

  it('calibrate: a row per target and per parameter with units, as --json rounded', async () => {
    const rows = rowsOf((await run(['calibrate', baseline, '--no-simulate', '--no-ranges', '--csv'])).stdout);
    const json = JSON.parse((await run(['calibrate', baseline, '--no-simulate', '--no-ranges', '--json'])).stdout);
    const targets = rows.filter((r) => r.table === 'targets');
    expect(targets.map((r) => r.name)).toEqual(json.targets.map((t: { name: string }) => t.name));
    expect(json.targets.map((t: { name: string }) => t.name)).toContain('answerRate[voice]');
    json.targets.forEach((t: { name: string; analytic: number | null; analyticResidual: number | null }, i: number) => {
      expectRounded(t.name, targets[i]!.unit || undefined, targets[i]!.analytic, t.analytic);
      expectRounded(`${t.name} residual`, 'fraction', targets[i]!['analyticResidual (fraction)'], t.analyticResidual);
    });
    const params = rows.filter((r) => r.table === 'parameters');
    expect(params.map((r) => r.name)).toEqual(['channels[voice].callsPerYear', 'channels[voice].selfService.share', 'groups[voice-agents].staffShare', 'channels[voice].patienceSeconds.components[1].mean']);
    expect(params.map((r) => r.unit)).toEqual(['calls per year', 'fraction', 'fraction', 's']);
    json.parameters.forEach((p: { path: string; analytic: number }, i: number) => expectRounded(p.path, params[i]!.unit, params[i]!.analytic, p.analytic));
    expect(rows.filter((r) => r.table === 'groups').map((r) => r.figure)).toEqual(['occupancy', 'agents', 'contactsPerBusyAgent', 'occupancy', 'agents', 'contactsPerBusyAgent']);
  });

  it('sweep --only-cell K --csv: the row of the file with units in the header, rounded; the plain row keeps full precision', async () => {
    const args = ['sweep', '--example', 'blended-centre', '--vary', 'staff=-10%:0%:5%', '--vary', 'deadline.email=1h,4h', '--vary', 'groups[voice-team].shrinkage=0.3', '--model', 'analytic', '--only-cell', '1'];
    const csv = await run([...args, '--csv']);
    expect(csv.code, csv.stderr).toBe(0);
    const plain = (await run(args)).stdout;
    const [rounded] = rowsOf(csv.stdout);
    const [full] = rowsOf(plain);
    const names = Object.keys(rounded!);
    expect(names.map((n) => splitHeader(n).key)).toEqual(Object.keys(full!));
    expect(names.slice(0, 5)).toEqual(['cell', 'staff (relative change)', 'deadline.email (s)', 'groups[voice-team].shrinkage (fraction)', 'replications']);
    expect(names).toContain('answerRate[voice] (fraction)');
    expect(names).toContain('groupOccupancy[voice-team] (fraction)');
    for (const n of names) {
      const { key, unit } = splitHeader(n);
      expectRounded(n, unit, rounded![n], full![key] === '' ? null : Number(full![key]));
    }
    expect(plain).toMatch(/\d\.\d{12,}/); // the plain row (and --out) keep full precision
    const bad = await run(['sweep', '--example', 'blended-centre', '--vary', 'staff=-10%:0%:5%', '--model', 'analytic', '--out', join(mkdtempSync(join(tmpdir(), 'ccsim-csv-')), 'r.csv'), '--csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ccsim: --csv prints the row of --only-cell K/);
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
