/**
 * The report model of a blended scenario (scenarios/examples/blended-centre.yaml: voice, WeChat
 * chat, e-mail; a voice team and a digital team), per channel, against conservation laws and
 * the what-if result itself: every per-channel count adds up to the all-channel total (kernels,
 * simulated means, paired differences, intraday intervals, sweep cells), a channel the kernels
 * give nothing for (deferred e-mail) has no kernel series at all, the required agents of all
 * channels are the sum of the pools', and the sweep's 32-bit columns survive the HTML's
 * encoding. Tolerances: 1e-9 relative for sums of the same doubles in another order; 32-bit
 * floats to 1e-7 relative.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_FIGURE_KEYS, figuresOf, type Figures } from '../../engine/stats/figures.js';
import {
  analyticRunTallies, analyticTally, buildPlan, intradaySection, loadScenarioFile, parseLever, runWhatif, simulatePlan, whatifReport, whatifVariants, simulateReport, analyticPlan, sweepTargets,
  type ComparisonSection, type IntradaySection, type ReportDocument, type Scenario, type SummarySection, type SweepSection, type WhatifResult,
} from '../../scenarios/index.js';
import { reportJson } from '../../cli/report/html.js';
import { reviveReport } from '../../cli/web/revive.js';
import { run } from '../cli/run.js';

const blended = new URL('../../scenarios/examples/blended-centre.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ccsim-report-channels-'));

/** Relative error, failing on NaN (a NaN never passes `toBeLessThan`). */
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** Counts that add across channels (docs/figures.md: tallies add; the blend counts every kind alike). */
const ADDITIVE = ['offered', 'answered', 'abandoned', 'selfServiceCompleted', 'retrials', 'returns', 'served'] as const satisfies readonly (keyof Figures)[];

let scenario: Scenario;
let result: WhatifResult;
let comparison: ComparisonSection;
let intraday: IntradaySection;
let variant: Scenario;

beforeAll(async () => {
  scenario = (await loadScenarioFile(blended)).scenario;
  const v = whatifVariants(scenario, [parseLever('shift', 'voice:wechat=10%')]);
  variant = v.variant;
  result = runWhatif(scenario, v.variant, { simulate: true, replications: 3, seed: 7, intervals: true }, undefined, v.variantWithoutStaff);
  const body = whatifReport({ baseline: scenario, variant: v.variant, result, change: 'shift voice:wechat=10%' });
  comparison = body.sections[0] as ComparisonSection;
  intraday = body.sections[1] as IntradaySection;
  expect(body.channels.map((c) => c.name)).toEqual(['voice', 'wechat', 'email']);
  expect(body.channels.map((c) => c.kernel.status)).toEqual(result.channels.map((c) => c.kernel.status));
}, 120_000);

describe('what-if comparison per channel', () => {
  it('has all channels first, then each channel in scenario order', () => {
    expect(comparison.series.map((s) => s.channel)).toEqual(['all', 'voice', 'wechat', 'email']);
    for (const s of comparison.series.slice(1)) expect(s.data.map((r) => r.key)).toEqual([...ALL_FIGURE_KEYS]);
  });

  it('conservation: each channel\'s counts add up to all channels (kernels where every channel has them, simulated means, paired differences)', () => {
    const [all, ...channels] = comparison.series;
    const row = (rows: ComparisonSection['series'][number]['data'], key: string) => rows.find((r) => r.key === key)!;
    let checked = 0;
    for (const key of ADDITIVE) {
      // all channels: the what-if's period totals (the all-channel rows show PERIOD_KEYS only)
      const parts = channels.map((c) => row(c.data, key));
      for (const side of ['baseline', 'variant'] as const) {
        expect(relErr(sum(parts.map((p) => p.simulated![side].mean)), result[side].simulated!.figures[key]), `${key} ${side} simulated`).toBeLessThan(1e-9);
        checked++;
      }
      expect(relErr(sum(parts.map((p) => p.simulated!.difference.mean)), result.difference!.figures[key]), `${key} difference`).toBeLessThan(1e-9);
      const shown = all!.data.find((r) => r.key === key);
      if (shown) expect(shown.simulated!.baseline.mean).toBe(result.baseline.simulated!.figures[key]);
    }
    // offered and self-service volumes are exact expectations for every channel, kernels or not
    for (const key of ['offered', 'selfServiceCompleted'] as const) {
      for (const side of ['baseline', 'variant'] as const) {
        const f = (r: WhatifResult['baseline']) => r.analyticByChannel.map((x) => x[key]);
        expect(relErr(sum(f(result[side])), row(all!.data, key).kernels![side]), `${key} ${side} kernels`).toBeLessThan(1e-9);
        checked++;
      }
    }
    expect(checked).toBe(2 * ADDITIVE.length + 4);
  });

  it('the shift moved demand: wechat\'s offered sessions rise by the calls voice lost (conversion 1), in kernels and simulation', () => {
    const off = (c: string) => comparison.series.find((s) => s.channel === c)!.data.find((r) => r.key === 'offered')!;
    const dv = off('voice').kernels!.variant - off('voice').kernels!.baseline;
    const dw = off('wechat').kernels!.variant - off('wechat').kernels!.baseline;
    expect(dv).toBeLessThan(0);
    // voice loses 10% of its arrivals before self-service, of which (1 − 0.55) reached agents; wechat gets all of them
    expect(relErr(dw, 0.1 * 8000)).toBeLessThan(1e-9);
    expect(relErr(dv, -0.1 * 8000 * 0.45)).toBeLessThan(1e-9);
  });

  it('a channel without kernels (deferred e-mail) has no kernel values; channels with kernels carry the result\'s', () => {
    const email = comparison.series.find((s) => s.channel === 'email')!;
    expect(result.channels[2]!.kernel.status).toBe('none');
    expect(email.data.every((r) => r.kernels === undefined)).toBe(true);
    expect(email.data.find((r) => r.key === 'handledWithinDeadline')!.simulated!.baseline.mean).toBe(result.baseline.simulated!.byChannel[2]!.figures.handledWithinDeadline);
    const wechat = comparison.series.find((s) => s.channel === 'wechat')!;
    expect(wechat.data.find((r) => r.key === 'answerRate')!.kernels).toEqual({ baseline: result.baseline.analyticByChannel[1]!.answerRate, variant: result.variant.analyticByChannel[1]!.answerRate });
    expect(wechat.data.find((r) => r.key === 'asa')!.simulated!.difference).toEqual({ mean: result.differenceByChannel![1]!.figures.asa, ci95: result.differenceByChannel![1]!.ci95.asa });
  });
});

describe('intraday per channel', () => {
  it('goals follow each channel\'s kind: its own T, first response for chat, the deadline share for deferred work', () => {
    expect(intraday.goals.map((g) => [g.channel, g.figure, g.seconds])).toEqual([
      ['all', 'serviceLevel', undefined], ['voice', 'serviceLevel', 20], ['wechat', 'serviceLevel', 60], ['email', 'handledWithinDeadline', 14400],
    ]);
    expect(intraday.goals.find((g) => g.channel === 'email')!.target).toBeUndefined(); // no handledWithinDeadline target in the file
    expect(intraday.goals.find((g) => g.channel === 'wechat')!.pool).toEqual(['wechat']);
  });

  it('conservation per interval: channels add up to all channels (kernels\' offered, with e-mail\'s expected volume; simulated offered/answered/abandoned means); pools\' required agents to all\'s', () => {
    // one run (one class, one day type, no day-volume variants): e-mail's expected arrivals per interval, which its series leaves out with the other kernel values
    const plans = { baseline: buildPlan(scenario), variant: buildPlan(variant) };
    expect(plans.baseline.runs).toHaveLength(1);
    let checked = 0;
    for (const r of intraday.runs) {
      r.sides.forEach((side, i) => {
        const plan = i === 0 ? plans.baseline : plans.variant;
        const emailOffered = analyticRunTallies(plan.runs[0]!.model, { onDutyExact: plan.runs[0]!.onDutyExact }).byInterval.map((row) => row[2]!.offered);
        const [all, ...channels] = side;
        expect(channels.map((c) => c.channel)).toEqual(['voice', 'wechat', 'email']);
        const K = all!.data.agents.length;
        for (let k = 0; k < K; k++) {
          expect(relErr(sum(channels.map((c) => c.data.kernels?.offered[k] ?? 0)) + emailOffered[k]!, all!.data.kernels!.offered[k]!), `kernels offered ${k}`).toBeLessThan(1e-9);
          for (const key of ['offered', 'answered', 'abandoned'] as const) {
            expect(relErr(sum(channels.map((c) => c.data[key]!.mean[k]!)), all!.data[key]!.mean[k]!), `${key} ${k}`).toBeLessThan(1e-9);
            checked++;
          }
          expect(relErr(sum(all!.data.pools!.map((p) => p.requiredAgents[k]!)), all!.data.requiredAgents![k]!)).toBeLessThan(1e-12);
        }
        expect(sum(emailOffered)).toBeGreaterThan(0);
      });
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('e-mail (no kernels) has neither kernel values nor required agents, only simulated series', () => {
    for (const r of intraday.runs) {
      for (const side of r.sides) {
        const email = side.find((c) => c.channel === 'email')!.data;
        expect(email.kernels).toBeUndefined();
        expect(email.requiredAgents).toBeUndefined();
        expect(email.serviceLevel!.mean.some((x) => Number.isFinite(x))).toBe(true); // simulated deadline share
      }
    }
  });

  it('agents: all channels are every group on duty (their integral is the run\'s on-duty time); a channel\'s are the groups serving it; a pooled channel\'s required agents are its pool\'s', () => {
    const plan = buildPlan(scenario);
    const run = plan.runs[0]!;
    const side = intraday.runs[0]!.sides[0]!;
    const onDuty = analyticTally(run.model, run.onDutyExact).onDutySeconds;
    expect(relErr(sum(side[0]!.data.agents) * scenario.intervalSeconds, onDuty)).toBeLessThan(1e-12);
    const voice = side.find((c) => c.channel === 'voice')!.data;
    const wechat = side.find((c) => c.channel === 'wechat')!.data;
    const email = side.find((c) => c.channel === 'email')!.data;
    expect(wechat.agents).toEqual(email.agents); // the digital team serves both
    side[0]!.data.agents.forEach((a, k) => expect(relErr(voice.agents[k]! + wechat.agents[k]!, a)).toBeLessThan(1e-12));
    const pools = side[0]!.data.pools!;
    expect(pools.map((p) => p.channels)).toEqual([['voice'], ['wechat']]);
    expect(voice.requiredAgents).toEqual(pools[0]!.requiredAgents);
    expect(wechat.requiredAgents).toEqual(pools[1]!.requiredAgents);
  });

  it('a one-channel scenario keeps the one all-channel series (no per-channel copies)', () => {
    const one = { ...scenario, channels: [scenario.channels[0]!], groups: [scenario.groups[0]!] };
    const s = intradaySection(one, [{ name: 'scenario', plan: buildPlan(one) }]);
    expect(s.runs[0]!.sides[0]!.map((c) => c.channel)).toEqual(['all']);
    expect(s.goals.map((g) => g.channel)).toEqual(['all']);
  });
});

describe('simulate FILE report per channel', () => {
  it('the period\'s per-channel rows add up to all channels; e-mail has no kernel values', () => {
    const plan = buildPlan(scenario);
    const sim = simulatePlan(plan, { seed: 3, replications: 2 });
    const a = analyticPlan(plan);
    const body = simulateReport({ scenario, plan, analytic: a.figures, analyticByChannel: a.slices.byChannel.map(figuresOf), kernels: a.kernels, simulation: sim, targets: [], classes: [] });
    const s = body.sections[0] as SummarySection;
    expect(s.series.map((x) => x.channel)).toEqual(['all', 'voice', 'wechat', 'email']);
    const [all, ...channels] = s.series;
    for (const key of ADDITIVE) {
      const total = all!.data.find((r) => r.key === key)?.simulated?.mean ?? sim.figures[key];
      expect(relErr(sum(channels.map((c) => c.data.find((r) => r.key === key)!.simulated!.mean)), total), key).toBeLessThan(1e-9);
    }
    expect(channels[2]!.data.every((r) => r.kernels === undefined)).toBe(true);
    expect(channels[0]!.data.find((r) => r.key === 'serviceLevel')!.kernels).toBe(a.slices.byChannel.map(figuresOf)[0]!.serviceLevel);
  });
});

describe('sweep report per channel', () => {
  let doc: ReportDocument;
  let section: SweepSection;
  beforeAll(async () => {
    const file = join(dir, 'sweep.html');
    const r = await run(['sweep', blended, '--vary', 'staff=-20%:0%:10%', '--vary', 'aht=0%,10%', '--model', 'analytic', '--workers', '1', '--quiet', '--report', file]);
    expect(r.code, r.stderr).toBe(0);
    const json = /<script type="application\/json" id="ccsim-report">([\s\S]*?)<\/script>/.exec(readFileSync(file, 'utf8'))![1]!;
    doc = JSON.parse(json, reviveReport) as ReportDocument;
    section = doc.sections[0] as SweepSection;
  }, 120_000);

  it('per-channel and per-group series from the KEY[CHANNEL] columns; a figure no cell has (e-mail\'s answer rate in the kernels) is left out', () => {
    expect(section.series.map((s) => s.channel)).toEqual(['all', 'voice', 'wechat', 'email']);
    expect(section.groups.map((g) => g.group)).toEqual(['voice-team', 'digital-team']);
    const email = section.series.find((s) => s.channel === 'email')!.data.values;
    expect('offered' in email).toBe(true);
    expect('answerRate' in email).toBe(false);
    expect('answerRate' in section.series.find((s) => s.channel === 'voice')!.data.values).toBe(true);
    expect(section.series[0]!.data.values.offered).toBeInstanceOf(Float32Array);
  });

  it('each cell: the channels\' offered add up to all channels (to 32-bit precision); the unchanged cell is the kernels\' plan', () => {
    const cells = section.axes.reduce((n, a) => n * a.values.length, 1);
    expect(cells).toBe(6);
    for (let c = 0; c < cells; c++) {
      const parts = section.series.slice(1).map((s) => s.data.values.offered![c]!);
      expect(relErr(sum(parts), section.series[0]!.data.values.offered![c]!)).toBeLessThan(1e-6);
    }
    // staff 0% (the third staff value) and aht 0% (the first): cell 2 × 2 + 0
    const plain = analyticPlan(buildPlan(scenario)).slices.byChannel.map(figuresOf);
    expect(relErr(section.series.find((s) => s.channel === 'voice')!.data.values.answerRate![4]!, plain[0]!.answerRate)).toBeLessThan(1e-7);
    expect(relErr(section.series.find((s) => s.channel === 'wechat')!.data.values.serviceLevel![4]!, plain[1]!.serviceLevel)).toBeLessThan(1e-7);
  });

  it('a target on one channel is that channel\'s contour (tested through the target list)', () => {
    const withTarget = { ...scenario, targets: [{ figure: 'answerRate' as const, channel: 'voice', value: 0.9, kind: 'exact' as const, source: 't' }, { figure: 'answerRate' as const, value: 0.8, kind: 'soft' as const, source: 'all' }] };
    expect(sweepTargets(withTarget)).toEqual([{ key: 'answerRate', channel: 'voice', value: 0.9, source: 't' }, { key: 'answerRate', value: 0.8, source: 'all' }]);
  });
});

describe('the HTML\'s 32-bit columns', () => {
  it('round-trip through reportJson and the page\'s reviver: values, NaN, and constant columns as one value', () => {
    const varied = Float32Array.from([0.9122, NaN, 1e9, -3.5]);
    const flat = new Float32Array(1000).fill(0.25);
    const empty = new Float32Array(5).fill(NaN);
    const doc = { columns: { varied, flat, empty } } as unknown as ReportDocument;
    const text = reportJson(doc);
    expect(text).toContain('"f32fill":0.25,"length":1000');
    expect(text.length).toBeLessThan(200);
    const back = JSON.parse(text, reviveReport) as { columns: Record<string, Float32Array> };
    expect(Array.from(back.columns.varied!)).toEqual(Array.from(varied));
    expect(back.columns.flat).toEqual(flat);
    expect(Array.from(back.columns.empty!).every(Number.isNaN)).toBe(true);
  });
});
