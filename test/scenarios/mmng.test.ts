/**
 * M/M/N+G in the scenario layer: the period-by-period model with non-exponential patience equals
 * the kernel interval by interval; channels with different patience share agents through the
 * volume-weighted mixture; the day-volume factor (dayTypes[].volumeCv) is the gamma expectation
 * taken by Gauss quadrature (volume conserved exactly, figures the weighted kernel values);
 * calibration parameters that are a distribution's mean or a mixture's weight; `--set` of a
 * whole distribution written back with `--out`; the assumption ranges of `calibrate`.
 */
import { describe, expect, it } from 'vitest';
import { mmngFigures, patienceCurve } from '../../engine/erlang/index.js';
import { gammaQuadrature } from '../../engine/stats/gammaQuadrature.js';
import type { DistributionSpec } from '../../engine/rng/index.js';
import {
  analyticAbandonGivenWait, analyticCaveats, analyticModelName, analyticPlan, buildPlan, calibrateScenario, getParameter, loadScenarioText,
  parameterWrites, rangePointsParallel, rangeScan, rewriteScenario, setParameter, wholeDays, type Scenario,
} from '../../scenarios/index.js';
import { flatScenario } from './fixtures.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../cli/run.js';
import { renderCalibration } from '../../cli/commands/calibrate.js';
import { TERMINAL_COLUMNS } from '../../cli/format/index.js';

const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);
const LOGNORMAL = '{ kind: lognormal, mean: 120, cv: 2.5 }';

const flat = (agents: number, patience = LOGNORMAL, extra = '', dayExtra = '') => flatScenario(agents, patience, extra, dayExtra);

async function scenario(text: string): Promise<Scenario> {
  const r = await loadScenarioText(text);
  if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

describe('the analytic plan with non-exponential patience is M/M/N+G interval by interval', () => {
  it('flat day, 5 agents, lognormal patience: the figures of one M/M/N+G queue (1e-6), the model named', async () => {
    const plan = buildPlan(await scenario(flat(5)));
    const f = analyticPlan(plan).figures;
    const g = mmngFigures(5, 5, 240, patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 }), 20);
    for (const k of ['answerRate', 'serviceLevel', 'asa', 'meanWait', 'occupancy', 'pAbandon'] as const) expect(rel(f[k], g[k]), k).toBeLessThan(1e-6);
    expect(analyticModelName(plan)).toBe('M/M/N+G (lognormal, mean 120 s, CV 2.5)');
    expect(rel(analyticAbandonGivenWait(plan), g.pAbandon / g.pWait)).toBeLessThan(1e-6);
    // exponential patience stays Erlang A
    expect(analyticModelName(buildPlan(await scenario(flat(5, '{ kind: exponential, mean: 100 }'))))).toBe('Erlang A (exponential patience)');
  });

  it('fractional agents interpolate between the whole numbers around them', async () => {
    const at = async (n: number) => analyticPlan(buildPlan(await scenario(flat(n)))).figures.serviceLevel;
    const [lo, hi, mid] = [await at(5), await at(6), await at(5.25)];
    expect(mid).toBeCloseTo(lo + 0.25 * (hi - lo), 12);
    expect(lo).toBeLessThan(hi);
  });

  it('two channels with different patience on the same agents: their volume-weighted mixture', async () => {
    const two = flat(12).replace('groups:', `  - name: vip
    kind: voice
    callsPerDay: ${3 * 24 * 50}
    handleTimeSeconds: { kind: exponential, mean: 240 }
    patienceSeconds: { kind: weibull, mean: 300, shape: 0.7 }
    targetSeconds: 20
groups:`).replace('skills: [voice]', 'skills: [voice, vip]');
    const plan = buildPlan(await scenario(two));
    // 75 and 50 agent calls an hour: weights 0.6 and 0.4; A = 125 × 240 / 3600
    const mixture: DistributionSpec = { kind: 'mixture', components: [
      { weight: 0.6, kind: 'lognormal', mean: 120, cv: 2.5 }, { weight: 0.4, kind: 'weibull', mean: 300, shape: 0.7 },
    ] };
    const g = mmngFigures(12, (125 * 240) / 3600, 240, patienceCurve(mixture), 20);
    const f = analyticPlan(plan).figures;
    for (const k of ['answerRate', 'serviceLevel', 'asa'] as const) expect(rel(f[k], g[k]), k).toBeLessThan(1e-6);
    expect(analyticModelName(plan)).toMatch(/^M\/M\/N\+G \(mixture of 60% lognormal.* \+ 40% Weibull/);
    // the same channels and groups with half the vip volume, evaluated next: models of one shape
    // share their pools (analytic.ts), but not across volumes that weigh a mixture (75% and 25%)
    const half = buildPlan(await scenario(two.replace(`callsPerDay: ${3 * 24 * 50}`, `callsPerDay: ${3 * 24 * 25}`)));
    const quarter: DistributionSpec = { kind: 'mixture', components: [
      { weight: 0.75, kind: 'lognormal', mean: 120, cv: 2.5 }, { weight: 0.25, kind: 'weibull', mean: 300, shape: 0.7 },
    ] };
    const h = mmngFigures(12, (100 * 240) / 3600, 240, patienceCurve(quarter), 20);
    const fh = analyticPlan(half).figures;
    for (const k of ['answerRate', 'serviceLevel', 'asa'] as const) expect(rel(fh[k], h[k]), k).toBeLessThan(1e-6);
    expect(analyticModelName(half)).toMatch(/^M\/M\/N\+G \(mixture of 75% lognormal.* \+ 25% Weibull/);
  });

  it('says what the kernels leave out: interval over-dispersion, handle-time shape, carry-over', async () => {
    const plan = buildPlan(await scenario(flat(5).replace('targetSeconds: 20\n', 'targetSeconds: 20\n    rateCv: 0.2\n').replace('{ kind: exponential, mean: 240 }', '{ kind: lognormal, mean: 240, cv: 0.5 }')));
    const c = analyticCaveats(plan);
    expect(c[0]).toMatch(/over-dispersion .* voice \(rateCv 0\.2\)/);
    expect(c[1]).toMatch(/handle times .* voice \(lognormal\)/);
    expect(c[2]).toMatch(/steady state/);
  });
});

describe('day-to-day volume: dayTypes[].volumeCv', () => {
  it('three runs per day type, volume conserved exactly, figures the quadrature average of the kernel', async () => {
    const s = await scenario(flat(6, LOGNORMAL, '', ', volumeCv: 0.2'));
    const plan = buildPlan(s);
    expect(plan.runs).toHaveLength(3);
    const f = analyticPlan(plan).figures;
    expect(rel(f.offered, 0.75 * 3 * 10 * 2400)).toBeLessThan(1e-12);
    const q = gammaQuadrature(0.2, 3);
    const curve = patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 });
    let answered = 0, within = 0;
    q.nodes.forEach((x, j) => {
      const g = mmngFigures(6, 5 * x, 240, curve, 20);
      answered += q.weights[j]! * x * g.answerRate;
      within += q.weights[j]! * x * g.serviceLevel;
    });
    expect(rel(f.answerRate, answered)).toBeLessThan(1e-6);
    expect(rel(f.serviceLevel, within)).toBeLessThan(1e-6);
    // a volume that varies from day to day costs service: below the plan at the mean volume
    expect(f.serviceLevel).toBeLessThan(mmngFigures(6, 5, 240, curve, 20).serviceLevel);
    // the full-year run shares the 10 days among the three volumes by weight
    const days = wholeDays(plan);
    expect(days.reduce((a, d) => a + d, 0)).toBe(10);
    days.forEach((d, j) => expect(Math.abs(d - 10 * q.weights[j]!)).toBeLessThan(1));
  });
});

describe('calibration parameters and writing them back', () => {
  it('the mean of a mixture scales every component; a mixture weight keeps the weights summing to 1', async () => {
    const s = await scenario(flat(5, '{ kind: mixture, components: [{ weight: 0.2, kind: exponential, mean: 5 }, { weight: 0.8, kind: lognormal, mean: 200, cv: 1 }] }'));
    const mean = ['channels', 0, 'patienceSeconds', 'mean'];
    expect(getParameter(s, mean)).toBeCloseTo(161, 10);
    setParameter(s, mean, 322);
    expect(s.channels[0]!.patienceSeconds).toEqual({ kind: 'mixture', components: [{ weight: 0.2, kind: 'exponential', mean: 10 }, { weight: 0.8, kind: 'lognormal', mean: 400, cv: 1 }] });
    const w = ['channels', 0, 'patienceSeconds', 'components', 0, 'weight'];
    setParameter(s, w, 0.3);
    const comps = (s.channels[0]!.patienceSeconds as { components: { weight: number }[] }).components;
    expect(comps[0]!.weight).toBe(0.3);
    expect(comps[1]!.weight).toBeCloseTo(0.7, 14);
    expect(parameterWrites(s, w, 'x').map((c) => c.value)).toEqual([0.3, 0.7]); // written to 10 digits
    expect(parameterWrites(s, mean, 'x')[0]!.keys).toEqual(['channels', 0, 'patienceSeconds']);
  });

  it('--set of a whole distribution, then a calibrated value inside it, written with comments kept (issue 10 fix)', () => {
    const text = `# head comment\nchannels:\n  - name: voice # the only channel\n    patienceSeconds: { kind: exponential, mean: 120 }\n`;
    const out = rewriteScenario(text, ['channels[voice].patienceSeconds={kind: lognormal, mean: 120, cv: 2.5}'],
      [{ keys: ['channels', 0, 'patienceSeconds', 'mean'], value: 144.3, comment: 'calibrated' }]);
    expect(out).toContain('# head comment');
    expect(out).toContain('# the only channel');
    expect(out).toMatch(/patienceSeconds:\n\s+kind: lognormal\n\s+mean: 144\.3 # calibrated\n\s+cv: 2\.5/);
  });

  it('--set of a mixture\'s mean rescales it on load and in the written file; a set weight rescales the others', async () => {
    const text = flat(5, '{ kind: mixture, components: [{ weight: 0.2, kind: exponential, mean: 5 }, { weight: 0.8, kind: lognormal, mean: 200, cv: 1 }] }');
    const sets = ['channels[voice].patienceSeconds.mean=322', 'channels[voice].patienceSeconds.components[0].weight=0.5'];
    const r = await loadScenarioText(text, sets);
    expect(r.state).toBe('valid');
    if (r.state !== 'valid') return;
    expect(r.scenario.channels[0]!.patienceSeconds).toEqual({ kind: 'mixture', components: [{ weight: 0.5, kind: 'exponential', mean: 10 }, { weight: 0.5, kind: 'lognormal', mean: 400, cv: 1 }] });
    const written = await loadScenarioText(rewriteScenario(text, sets, []));
    expect(written.state === 'valid' && written.scenario.channels[0]!.patienceSeconds).toEqual(r.scenario.channels[0]!.patienceSeconds);
  });

  it('ccsim calibrate BASELINE --set patience={lognormal} --out F: calibration entries inside the old mixture are dropped with a note; F loads (issue 10 fix)', async () => {
    const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
    const out = join(mkdtempSync(join(tmpdir(), 'ccsim-i10-')), 'lognormal.yaml');
    const r = await run(['calibrate', baseline, '--set', `channels[voice].patienceSeconds=${LOGNORMAL}`, '--no-simulate', '--no-ranges', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('ccsim: note: calibration parameter channels[voice].patienceSeconds.components[1].mean dropped');
    expect(r.stderr).toContain('ccsim: note: calibration range over channels[voice].patienceSeconds.components[0].weight dropped');
    expect(r.stdout).toContain('M/M/N+G (lognormal, mean 120 s, CV 2.5)');
    const loaded = await loadScenarioText(readFileSync(out, 'utf8'));
    expect(loaded.state).toBe('valid');
    if (loaded.state !== 'valid') return;
    expect(loaded.scenario.channels[0]!.patienceSeconds).toEqual({ kind: 'lognormal', mean: 120, cv: 2.5 });
    expect(loaded.scenario.calibration!.parameters.map((p) => p.path)).not.toContain('channels[voice].patienceSeconds.components[1].mean');
    expect(loaded.scenario.calibration!.ranges!.flatMap((g) => g.paths)).not.toContain('channels[voice].patienceSeconds.components[0].weight');
  });
});

describe('calibrate: a patience mean fitted to the ASA, and the range of the figures over free assumptions', () => {
  it('fits answer rate and ASA with staff share and mean patience, then refits each assumption and reports the spread', async () => {
    checkScan(calibrateScenario(await scenario(rangesScenario()), { simulate: false }));
  });

  it('the ranges refitted on 2 worker threads give the same scan, in the same order, as on this thread', async () => {
    const s = await scenario(rangesScenario());
    const serial = calibrateScenario(s, { simulate: false }).ranges!;
    const deferred = calibrateScenario(s, { simulate: false, ranges: 'inputs' });
    expect(deferred.ranges).toBeUndefined();
    expect(deferred.rangeInputs).toHaveLength(3);
    const parallel = rangeScan(s, await rangePointsParallel(deferred.rangeInputs!, 2));
    expect(parallel).toEqual(serial);
  });

  it('a range value that makes the file invalid: one line naming it, exit 1, on 1 worker and on 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccsim-ranges-')), 'bad-range.yaml');
    writeFileSync(file, rangesScenario().replace('values: [0.001, 0.1, 0.2]', 'values: [0.1, 1.5]'));
    for (const workers of ['1', '2']) {
      const r = await run(['calibrate', file, '--no-simulate', '--workers', workers]);
      expect(r.code, `${workers} worker(s): ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/^ccsim: .*bad-range\.yaml: calibration\.ranges value \[1\.5\]: .+\n$/);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
    }
  });
});

/** One centre, one voice channel with mixture patience; answer rate and ASA fitted; the quick hang-ups' share scanned. */
function rangesScenario(): string {
  return flat(5.5, '{ kind: mixture, components: [{ weight: 0.1, kind: exponential, mean: 5 }, { weight: 0.9, kind: exponential, mean: 150 }] }', `
targets:
  - { figure: answerRate, value: 0.9, kind: exact, source: test }
  - { figure: asa, value: 25, kind: exact, source: test }
calibration:
  parameters:
    - { path: "groups[g].staffShare", min: 0.3, max: 3 }
    - { path: "channels[voice].patienceSeconds.mean", min: 10, max: 3000 }
  ranges:
    - { paths: ["channels[voice].patienceSeconds.components[0].weight"], values: [0.001, 0.1, 0.2] }
`).replace('schedule: { onDutyPerCentre: "5.5" }', 'schedule: { followLoad: { flatten: 0, minOnDuty: 0 } }');
}

/** The scan of `rangesScenario`: every combination fits, with the figures theory orders. */
function checkScan(r: ReturnType<typeof calibrateScenario>): void {
  for (const t of r.targets) expect(Math.abs(t.analyticResidual), t.figure).toBeLessThan(1e-4);
  const scan = r.ranges!;
  expect(scan.points).toHaveLength(3);
  expect(scan.points.every((p) => p.fits)).toBe(true);
  for (const p of scan.points) {
    expect(p.asa).toBeCloseTo(25, 2);
    expect(p.answerRate).toBeCloseTo(0.9, 4);
    expect(p.pAbandonGivenWait).toBeGreaterThan(0);
    expect(p.pAbandonGivenWait).toBeLessThan(1);
  }
  // more quick hang-ups need a more patient majority to keep the same abandonment
  expect(scan.points[2]!.meanPatience).toBeGreaterThan(scan.points[0]!.meanPatience);
  expect(scan.spread!.serviceLevel.min).toBeLessThanOrEqual(scan.spread!.serviceLevel.max);
  // --out writes the fitted mixture whole (its mean is no field of its own)
  expect(parameterWrites(r.scenario, r.parameters[1]!.keys, 'x')[0]!.keys).toEqual(['channels', 0, 'patienceSeconds']);
  // the printed table of the ranges fits the terminal's 120 columns
  const printed = renderCalibration('flat.yaml', r);
  expect(printed).toMatch(/\(1\)\s+fits\s+SL 20 s\s+ASA\s+P\(ab \| wait\)\s+mean patience\s+fitted parameters/);
  for (const line of printed.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(TERMINAL_COLUMNS);
}

describe('bad input in a scenario file', () => {
  it('a mixture whose weights do not sum to 1, a CV of 0, an empirical list with a negative value: one problem each, with the path', async () => {
    for (const [patience, message] of [
      ['{ kind: mixture, components: [{ weight: 0.3, kind: exponential, mean: 5 }, { weight: 0.6, kind: exponential, mean: 200 }] }', /channels\[voice\]\.patienceSeconds\.components: weights must sum to 1, got 0\.3 \+ 0\.6 = 0\.8999999999999999/],
      ['{ kind: lognormal, mean: 120, cv: 0 }', /channels\[voice\]\.patienceSeconds\.cv: must be > 0/],
      ['{ kind: empirical, values: [10, -4] }', /channels\[voice\]\.patienceSeconds\.values\[1\]: must be ≥ 0 seconds/],
    ] as const) {
      const r = await loadScenarioText(flat(5, patience));
      expect(r.state).toBe('invalid');
      if (r.state === 'invalid') {
        expect(r.problems).toHaveLength(1);
        expect(`${r.problems[0]!.path}: ${r.problems[0]!.message}`).toMatch(message);
      }
    }
  });
});
