/**
 * Channel kinds at the scenario level (the engine's own tests are in test/des):
 * - bad channel definitions: each one clear error naming its path (channels by name), exit 1;
 * - a shift with conversion 1 conserves the total of every channel's arrivals (both bases), the
 *   agent basis keeps self-service completions, the conversion adds exactly (c − 1)·moved;
 * - conservation per channel in a simulated blended day: real-time offered = answered +
 *   abandoned + still waiting; deferred: carried backlog + arrivals = handled + backlog left;
 * - the plan's independent parts merge back in channel and group order, a model of one part is
 *   simulated exactly as before, and worker threads give the same bytes;
 * - the kernels per channel: exact for voice with its own agents (= the voice-only scenario),
 *   labelled approximations for chat, "–" (NaN) for deferred work and for blends containing it;
 * - per-channel sweep columns; `--hold` on a channel the kernels are not exact for searches the
 *   simulator; the whatif report shows every channel with its own threshold and the demand moved.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../engine/des/index.js';
import { figuresOf } from '../../engine/stats/figures.js';
import {
  analyticPlan, applyLevers, buildPlan, loadScenarioText, mergeParts, parseHold, parseLever, periodVolume, runParts, runWhatifParallel, warmupVolumesOf,
  simulatePlan, simulatePlanParallel, simulateRun, whatifVariants, defineSweep, runSweep, sweepFigureNames, runOneCell, runFullYear,
} from '../../scenarios/index.js';
import type { CellResult, Scenario } from '../../scenarios/index.js';
import { run } from '../cli/run.js';

const FILE = new URL('../../scenarios/examples/blended-centre.yaml', import.meta.url).pathname;
const TEXT = readFileSync(FILE, 'utf8');

async function blended(sets: string[] = []): Promise<Scenario> {
  const r = await loadScenarioText(TEXT, sets);
  if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

/** `ccsim validate` of the example with one edit: exit code and stderr lines. */
async function validateWith(edit: (text: string) => string): Promise<{ code: number; lines: string[] }> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const f = join(mkdtempSync(join(tmpdir(), 'ccsim-ch-')), 'bad.yaml');
  writeFileSync(f, edit(TEXT));
  const r = await run(['validate', f]);
  return { code: r.code, lines: r.stderr.trim().split('\n').map((l) => l.replace(`${f}: `, '').replace(/^ccsim: /, '')) };
}

describe('bad channel definitions: one clear error each, with its path, exit 1', () => {
  it.each([
    ['concurrency 0', (t: string) => t.replace('concurrency: 3 ', 'concurrency: 0 '), 'channels[wechat].concurrency must be ≥ 1 (sessions per agent), got 0'],
    ['concurrency 2.5', (t: string) => t.replace('concurrency: 3 ', 'concurrency: 2.5 '), 'channels[wechat].concurrency must be a whole number (sessions per agent), got 2.5'],
    ['a deadline on a real-time channel', (t: string) => t.replace('targetSeconds: 20 ', 'targetSeconds: 20\n    deadlineSeconds: 600 '),
      'channels[voice].deadlineSeconds is for deferred channels only (a real-time voice channel has targetSeconds); remove it, or make the channel kind: deferred, got 600'],
    ['a skill naming an unknown channel', (t: string) => t.replace('skills: [wechat, email]', 'skills: [wechat, email, sms]'),
      'groups[digital-team].skills[2] must name a channel (voice, wechat, email), got \'sms\''],
    ['staff shares summing above 1', (t: string) => t.replace('staffShare: 0.4', 'staffShare: 0.5'), 'groups[*].staffShare must sum to at most 1 (shares of each centre\'s staff), got 1.05'],
    ['a deferred channel without its deadline', (t: string) => t.replace(/ {4}deadlineSeconds: 14400.*\n/, '').replace(/ {2}- \{ parameter: "channels\[email\]\.deadlineSeconds".*\n/, ''),
      'channels[email].deadlineSeconds is required on a deferred channel: seconds from arrival to the end of handling (e.g. 14400 for 4 h)'],
    ['concurrency on a voice channel', (t: string) => t.replace('targetSeconds: 20 ', 'targetSeconds: 20\n    concurrency: 2 '),
      'channels[voice].concurrency is for chat channels only (a voice channel serves one contact per agent); remove it, got 2'],
    ['patience on a deferred channel', (t: string) => t.replace('deadlineSeconds: 14400', 'deadlineSeconds: 14400\n    patienceSeconds: { kind: exponential, mean: 60 }'),
      'channels[email].patienceSeconds is not allowed on a deferred channel (deferred items never abandon; their deadline is deadlineSeconds); remove it'],
    ['a target naming no channel', (t: string) => `${t}targets:\n  - { figure: answerRate, channel: fax, value: 0.9, kind: soft, source: x }\n`,
      'targets[0].channel must name a channel (voice, wechat, email), got \'fax\''],
  ])('%s', async (_, edit, message) => {
    const r = await validateWith(edit);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([message]);
  });

  it('levers: a shift to a channel that does not exist, shares above 100%, concurrency 2.5 and a deadline on chat — one line each, exit 1', async () => {
    for (const [args, message] of [
      [['--shift', 'voice:webchat=10%'], 'ccsim: --shift voice:webchat=10%: no channel webchat in the scenario (channels: voice, wechat, email)'],
      [['--shift', 'voice:wechat=60%', '--shift', 'voice:email=50%'], 'ccsim: --shift voice:email=50%: the shares moved out of voice sum to 110%; at most 100% of a channel\'s demand can move'],
      [['--concurrency', 'wechat=2.5'], 'ccsim: --concurrency wechat=2.5: channels[wechat].concurrency must be a whole number of sessions per agent in [1, 100], got 2.5'],
      [['--deadline', 'wechat=4h'], 'ccsim: --deadline wechat=4h: channel wechat is a real-time chat channel; a deadline applies to deferred channels (kind: deferred), real-time ones have targetSeconds'],
      [['--deadline', 'voice=4h'], 'ccsim: --deadline voice=4h: channel voice is a real-time voice channel; a deadline applies to deferred channels (kind: deferred), real-time ones have targetSeconds'],
      [['--concurrency', 'wechat=0'], 'ccsim: --concurrency wechat=0: channels[wechat].concurrency must be a whole number of sessions per agent in [1, 100], got 0'],
      [['--variant-set', 'groups[digital-team].skills[2]=sms'], `ccsim: ${FILE}: groups[digital-team].skills[2] must name a channel (voice, wechat, email), got 'sms'`],
      [['--hold', 'answerRate[fax]=0.9'], 'ccsim: --hold answerRate[fax]=0.9: no channel fax in the scenario (channels: voice, wechat, email)'],
    ] as const) {
      const r = await run(['whatif', FILE, ...args, '--no-simulate']);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe(`${message}\n`);
    }
  });

  // The same levers as sweep axes, refused before any cell runs or anything is written: a value
  // this scenario refuses exits 1 (as in whatif); one that no scenario accepts is a malformed --vary (2).
  it('sweep --vary: a shift to a channel that does not exist, shift axes summing above 100% at their largest, a deadline on voice, concurrency 0 or 2.5 — one line each, nothing written', async () => {
    const { existsSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'ccsim-chsw-')), 'never.csv');
    for (const [axes, code, message] of [
      [['shift.voice:webchat=0%:30%:10%'], 1, 'ccsim: --vary shift.voice:webchat: --shift voice:webchat=0: no channel webchat in the scenario (channels: voice, wechat, email)'],
      [['shift.voice:wechat=0%:60%:30%', 'shift.voice:email=50%'], 1,
        'ccsim: --vary shift.voice:wechat × shift.voice:email: --shift voice:email=0.5: the shares moved out of voice sum to 110%; at most 100% of a channel\'s demand can move'],
      [['deadline.voice=1h:2h:1h'], 1, 'ccsim: --vary deadline.voice: --deadline voice=3600: channel voice is a real-time voice channel; a deadline applies to deferred channels (kind: deferred), real-time ones have targetSeconds'],
      [['concurrency.wechat=0:2:1'], 1, 'ccsim: --vary concurrency.wechat: --concurrency wechat=0: channels[wechat].concurrency must be a whole number of sessions per agent in [1, 100], got 0'],
      [['concurrency.wechat=2.5'], 1, 'ccsim: --vary concurrency.wechat: --concurrency wechat=2.5: channels[wechat].concurrency must be a whole number of sessions per agent in [1, 100], got 2.5'],
    ] as const) {
      const r = await run(['sweep', FILE, ...axes.flatMap((a) => ['--vary', a]), '--model', 'analytic', '--workers', '1', '--out', out]);
      expect(r.code, axes.join(' ')).toBe(code);
      expect(r.stderr).toBe(`${message}\n`);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('shift levers', () => {
  const total = (s: Scenario) => s.channels.reduce((a, _, i) => a + periodVolume(s, i), 0);

  it('a 10% shift with conversion 1 conserves total contacts exactly (both bases), and moves them where it says', async () => {
    const s = await blended();
    for (const basis of ['arrivals', 'agent'] as const) {
      const v = applyLevers(s, [{ ...parseLever('shift', 'voice:wechat=10%'), basis }]);
      // exact up to the rounding of doubles (one subtraction, one addition)
      expect(Math.abs(total(v) - total(s)) / total(s)).toBeLessThanOrEqual(4 * Number.EPSILON);
      const moved = basis === 'arrivals' ? 0.1 * 8000 : 0.1 * 8000 * (1 - 0.55);
      expect(v.channels[0]!.callsPerDay).toBeCloseTo(8000 - moved, 9);
      expect(v.channels[1]!.callsPerDay).toBeCloseTo(2400 + moved, 9);
      expect(v.channels[2]!.callsPerDay).toBe(800);
      // the plan's arrival rates carry it: Σ runs × intervals of every channel's λ·T
      const arrivals = (x: Scenario) => buildPlan(x).runs.reduce((a, r) => a + r.scale * r.model.channels.reduce((b, c) => b + c.arrivalRatePerSecond.reduce((d, l) => d + l * 1800, 0), 0), 0);
      expect(arrivals(v) / arrivals(s)).toBeCloseTo(1, 12);
    }
  });

  it('the agent basis keeps both channels\' self-service completions; the arrivals basis keeps their shares', async () => {
    const s = await blended();
    const done = (x: Scenario, i: number) => periodVolume(x, i) * (x.channels[i]!.selfService?.share ?? 0);
    const agent = applyLevers(s, [{ ...parseLever('shift', 'voice:wechat=20%'), basis: 'agent' }]);
    expect(done(agent, 0)).toBeCloseTo(done(s, 0), 6);
    expect(agent.channels[0]!.selfService!.share).toBeGreaterThan(0.55);
    const arrivals = applyLevers(s, [parseLever('shift', 'voice:wechat=20%')]);
    expect(arrivals.channels[0]!.selfService!.share).toBe(0.55);
  });

  it('conversion 1.2 adds exactly 0.2 contacts per moved contact', async () => {
    const s = await blended();
    const v = applyLevers(s, [parseLever('shift', 'voice:email=10%'), parseLever('shift-conversion', '1.2')]);
    expect(total(v) - total(s)).toBeCloseTo(0.2 * 800, 6);
  });

  it('parses the channel levers and refuses what they cannot mean', () => {
    expect(parseLever('shift', 'voice:wechat=10%')).toMatchObject({ lever: 'shift', channel: 'voice', to: 'wechat', value: 0.1 });
    expect(parseLever('concurrency', 'wechat=3')).toMatchObject({ channel: 'wechat', value: 3 });
    expect(parseLever('deadline', 'email=4h')).toMatchObject({ channel: 'email', value: 14_400 });
    expect(parseLever('deadline', 'email=30m').value).toBe(1800);
    expect(parseLever('retrial', '0.3')).toMatchObject({ value: 0.3 });
    expect(parseLever('retrial', 'voice=30%')).toMatchObject({ channel: 'voice', value: 0.3 });
    expect(() => parseLever('shift', 'voice=10%')).toThrow(/FROM:TO=SHARE/);
    expect(() => parseLever('shift', 'voice:wechat=120%')).toThrow(/share must be in \[0, 1\]/);
    expect(() => parseLever('concurrency', 'wechat=0')).toThrow(/whole number of sessions per agent in \[1, 100\], got 0/);
    expect(() => parseLever('retrial', '1.5')).toThrow(/share must be in \[0, 1\]/);
  });

  it('concurrency, deadline and retrial set what they name', async () => {
    const s = await blended();
    const v = applyLevers(s, [parseLever('concurrency', 'wechat=2'), parseLever('deadline', 'email=8h'), parseLever('retrial', '0.3')]);
    expect(v.channels[1]!.concurrency).toBe(2);
    expect(v.channels[2]!.deadlineSeconds).toBe(28_800);
    expect(v.channels[0]!.retrial).toEqual({ probability: 0.3, delaySeconds: { kind: 'exponential', mean: 300 } });
    expect(v.channels[1]!.retrial?.probability).toBe(0.3);
    expect(v.channels[2]!.retrial).toBeUndefined(); // deferred: no patience, no redials
    expect(() => applyLevers(s, [parseLever('retrial', 'email=0.3')])).toThrow(/channel email has no patience \(deferred items never abandon\)/);
  });
});

describe('a simulated blended day', () => {
  it('conserves contacts per channel: real time offered = answered + abandoned + waiting; deferred carried + arrived = handled + left', async () => {
    const plan = buildPlan(await blended());
    for (let r = 0; r < 3; r++) {
      const { tallies: t } = simulateRun(plan, 0, r, { seed: 'conserve' });
      for (const c of [0, 1]) {
        const x = t.byChannel[c]!;
        expect(x.answered + x.abandoned + x.stillWaiting).toBe(x.offered);
      }
      const e = t.byChannel[2]!;
      expect(e.abandoned).toBe(0);
      expect(t.startBacklog[2]! + e.offered).toBe(e.answered + t.endBacklog[2]!);
      expect(e.deferredHandled).toBe(e.answered);
    }
  });

  it('its independent parts merge back in channel and group order; a model of one part runs exactly as simulate does', async () => {
    const s = await blended();
    const plan = buildPlan(s);
    const parts = runParts(plan.runs[0]!.model, 0, 1, { warmupSeconds: 0, backlogWarmupDays: 2 });
    expect(parts.map((p) => p.channels)).toEqual([[0], [1, 2]]);
    expect(parts.map((p) => p.groups)).toEqual([[0], [1]]);
    expect(parts.map((p) => p.task)).toEqual([0, 1]);
    // the digital part has the warm-up days, the voice part none; both have their self-service thinned
    expect(parts[1]!.model.days).toBe(3);
    expect(parts[0]!.model.days).toBe(1);
    expect(parts[0]!.model.channels[0]!.selfService).toBeUndefined();
    const tallies = parts.map((p) => simulate(p.model, { seed: 9, task: p.task, replication: 0, warmupSeconds: p.warmupSeconds }).tallies);
    const merged = mergeParts(plan.runs[0]!.model, parts, tallies);
    expect(merged.byChannel[0]).toEqual(tallies[0]!.byChannel[0]);
    expect(merged.byChannel[2]).toEqual(tallies[1]!.byChannel[1]);
    expect(merged.byGroup[1]).toEqual(tallies[1]!.byGroup[0]);
    expect(merged.total.offered).toBe(tallies[0]!.total.offered + tallies[1]!.total.offered);
    expect(merged.total.durationSeconds).toBe(86_400);
    // one part: the run's own model and task
    const voiceOnly = runParts({ ...plan.runs[0]!.model, channels: [plan.runs[0]!.model.channels[0]!], groups: [plan.runs[0]!.model.groups[0]!] }, 3, 6, { warmupSeconds: 60, backlogWarmupDays: 2 });
    expect(voiceOnly).toHaveLength(1);
    expect(voiceOnly[0]!.task).toBe(3);
    expect(voiceOnly[0]!.thinned).toEqual([]); // the scenario's own warm-up: no thinning
    // warm-up days of random volume: only the part with warm-up days gets them
    expect(parts.every((p) => p.warmupVolume === undefined)).toBe(true);
    const volumes = { factors: [0.8, 1], weights: [0.4, 0.6] };
    const drawn = runParts(plan.runs[0]!.model, 0, 1, { warmupSeconds: 0, backlogWarmupDays: 2, warmupVolumes: volumes });
    expect(drawn[0]!.warmupVolume).toBeUndefined();
    expect(drawn[1]!.warmupVolume).toEqual({ untilSeconds: 2 * 86_400, ...volumes });
  });

  it("a day type's day volumes: each run's warm-up volumes are its siblings' factors relative to its own, with their probabilities", async () => {
    const s = await blended();
    const plan = buildPlan({ ...s, dayTypes: s.dayTypes.map((d) => ({ ...d, volumeCv: 0.15 })) });
    const first = plan.runs.filter((r) => r.centreClass === plan.runs[0]!.centreClass && r.dayType === plan.runs[0]!.dayType);
    expect(first).toHaveLength(3);
    const i = plan.runs.indexOf(first[2]!);
    const w = warmupVolumesOf(plan.runs, i)!;
    expect(w.factors).toEqual(first.map((r) => r.volumeFactor / first[2]!.volumeFactor));
    expect(w.factors[2]).toBe(1);
    expect(w.weights.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 12);
    // the mean day volume relative to this (busiest) one: E[f] / f₃ with E[f] = 1 (the gamma quadrature's mean)
    expect(w.factors.reduce((a, f, j) => a + f * w.weights[j]!, 0)).toBeCloseTo(1 / first[2]!.volumeFactor, 12);
    expect(warmupVolumesOf(buildPlan(s).runs, 0)).toBeUndefined();
  });

  it('thinned self-service: the completions are Poisson with the interval means (mean within 4 SE over replications)', async () => {
    const plan = buildPlan(await blended());
    const expected = 8000 * 0.55;
    const counts = Array.from({ length: 12 }, (_, r) => simulateRun(plan, 0, r, { seed: 'thin' }).tallies.byChannel[0]!.selfServiceCompleted);
    const mean = counts.reduce((a, v) => a + v, 0) / counts.length;
    expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.sqrt(expected / counts.length));
  });

  it('--full-year runs the same parts with the same warm-up: one centre-day equals the plan\'s replication 0 on every agent contact', async () => {
    const s = await blended();
    const plan = buildPlan(s);
    const year = await runFullYear({ scenario: s, seed: 'year', workers: 1, withModel: false });
    const rep = simulateRun(plan, 0, 0, { seed: 'year' }).tallies.total;
    expect(year.centreDays).toBe(1);
    for (const k of ['offered', 'answered', 'abandoned', 'answeredWithinTarget', 'deferredHandled', 'withinDeadline', 'timeToHandleSeconds'] as const) {
      expect(year.tally[k], k).toBe(rep[k]);
    }
  });

  it('worker threads give the same bytes as this thread (parts, warm-up days and thinning included)', async () => {
    const plan = buildPlan(await blended());
    const serial = simulatePlan(plan, { seed: 5, replications: 3 });
    const parallel = await simulatePlanParallel(plan, { seed: 5, replications: 3, workers: 2 });
    expect(JSON.stringify({ ...parallel, seconds: 0 })).toBe(JSON.stringify({ ...serial, seconds: 0 }));
  });
});

describe('attempts and customers: redials and returns from self-service', () => {
  it('counted apart: customers = offered − redials, returns ≈ share × returnShare of arrivals, the answer rate per customer ≥ per attempt', async () => {
    const s = await blended(['channels[voice].selfService.returnShare=0.1', 'channels[voice].retrial={probability: 0.5, delaySeconds: {kind: exponential, mean: 300}}']);
    const plan = buildPlan(s);
    const sim = simulatePlan(plan, { seed: 'repeat', replications: 4 });
    const v = sim.byChannel[0]!;
    for (const f of v.perReplication) {
      expect(f.customers).toBe(f.offered - f.retrials);
      expect(f.answerRatePerCustomer).toBeGreaterThanOrEqual(f.answerRate);
      expect(f.retrials).toBeGreaterThan(0);
    }
    // returns: 8,000 × 0.55 × 0.1 = 440 a day, Poisson
    const returns = v.perReplication.map((f) => f.returns);
    const mean = returns.reduce((a, x) => a + x, 0) / returns.length;
    expect(Math.abs(mean - 440)).toBeLessThan(4 * Math.sqrt(440 / returns.length));
    // the kernels count the returns among the offered (redials come on top)
    const k = figuresOf(analyticPlan(plan).slices.byChannel[0]!);
    expect(k.returns).toBeCloseTo(440, 6);
    expect(k.offered - k.retrials).toBeCloseTo(8000 * 0.45 + 440, 6);
  });
});

describe('kernels per channel', () => {
  it('voice with its own agents is exact and equals the voice-only scenario; chat is a labelled approximation; e-mail and the blend have none', async () => {
    const s = await blended();
    const a = analyticPlan(buildPlan(s));
    expect(a.kernels.map((k) => k.status)).toEqual(['exact', 'approximate', 'none']);
    expect(a.kernels[1]!.model).toMatch(/slowdown 0\.2 with the sessions spread evenly .* the deferred work of email on the same agents ignored \(optimistic\)/);
    const voiceOnly: Scenario = { ...s, channels: [s.channels[0]!], groups: [s.groups[0]!] };
    const v = figuresOf(analyticPlan(buildPlan(voiceOnly)).slices.byChannel[0]!);
    const f = figuresOf(a.slices.byChannel[0]!);
    for (const k of ['answerRate', 'serviceLevel', 'asa', 'occupancy', 'offered'] as const) expect(f[k]).toBe(v[k]);
    const email = figuresOf(a.slices.byChannel[2]!);
    expect(email.offered).toBeCloseTo(800, 9);
    expect(Number.isNaN(email.answerRate) && Number.isNaN(email.handledWithinDeadline)).toBe(true);
    expect(Number.isNaN(a.figures.answerRate)).toBe(true); // the blend has no kernel value
    expect(a.figures.offered).toBeCloseTo(8000 * 0.45 + 2400 + 800, 6); // its volumes do
  });
});

describe('sweeps per channel', () => {
  it('shift.voice:wechat rows carry KEY[CHANNEL] columns; a cell equals the simulation of its scenario; the analytic model leaves "–" where it has none', async () => {
    const def = await defineSweep('blended.yaml', TEXT, [], [{ name: 'shift.voice:wechat', kind: 'lever', values: [0, 0.2] }]);
    const names = sweepFigureNames(def);
    expect(names).toContain('answerRate[voice]');
    expect(names).toContain('handledWithinDeadline[email]');
    expect(names).toContain('groupOccupancy[digital-team]');
    const cells: CellResult[] = [];
    await runSweep({ def, model: 'analytic', replications: 0, seed: 1, warmupSeconds: 0, workers: 1, onCells: (c) => cells.push(...c) });
    const col = (c: CellResult, n: string) => c.figures[names.indexOf(n)]!;
    expect(col(cells[1]!, 'offered[wechat]')).toBeGreaterThan(col(cells[0]!, 'offered[wechat]'));
    expect(col(cells[1]!, 'answerRate[voice]')).toBeGreaterThan(col(cells[0]!, 'answerRate[voice]'));
    expect(Number.isNaN(col(cells[0]!, 'handledWithinDeadline[email]'))).toBe(true);
    const one = await runOneCell({ def, model: 'simulation', replications: 2, seed: 4, warmupSeconds: 0 }, 1);
    const direct = simulatePlan(buildPlan(applyLevers(await blended(), [parseLever('shift', 'voice:wechat=0.2')])), { seed: 4, replications: 2 });
    expect(col(one, 'answerRate[wechat]')).toBe(direct.byChannel[1]!.figures.answerRate);
    expect(col(one, 'handledWithinDeadline[email]')).toBe(direct.byChannel[2]!.figures.handledWithinDeadline);
  });
});

describe('--hold on a channel the kernels are not exact for', () => {
  it('searches the simulator (same random numbers every evaluation): the staff found meets the figure, one fewer does not', async () => {
    const s = await blended();
    const hold = parseHold('serviceLevel[wechat]=0.9', s);
    const o = { simulate: true, replications: 3, seed: 11, workers: 1 };
    const r = await runWhatifParallel(s, whatifVariants(s, [parseLever('shift', 'voice:wechat=20%')]), o, hold);
    const h = r.hold!;
    expect(h.method).toBe('simulation');
    expect(h.found).toBe(true);
    expect(h.simulated!.figures.serviceLevel).toBeGreaterThanOrEqual(0.9);
    const fewer = applyLevers(s, [parseLever('shift', 'voice:wechat=20%'), parseLever('staff', String(h.staff - 1))]);
    expect(simulatePlan(buildPlan(fewer), { seed: 11, replications: 3 }).byChannel[1]!.figures.serviceLevel).toBeLessThan(0.9);
  });
});

describe('ccsim whatif on a blended centre', () => {
  it('prints the demand moved, every channel before and after with its own threshold and kernel status, and the groups', async () => {
    const r = await run(['whatif', FILE, '--shift', 'voice:wechat=10%', '--staff', '-4%', '--replications', '2', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    const prose = out.replace(/\n(?! )/g, ' '); // prose is wrapped at 120 columns
    expect(prose).toMatch(/variant = staff -4%, shift voice:wechat=10% \(of arrivals, before self-service\)/);
    expect(out).toMatch(/\nvoice\s+voice\s+8,000\s+7,200\s+−800\s+3,600\s+3,240\s+−360\n/);
    expect(out).toMatch(/\nall channels\s+11,200\s+11,200\s+[+−]0\s/);
    expect(prose).toMatch(/All channels together: voice calls, wechat sessions and email items added up/);
    expect(out).toMatch(/service level: answered ≤ own T \/ offered/);
    expect(out).toMatch(/\nvoice \(voice; T = 20 s\)\n {2}kernels: exact — Erlang A \(exponential patience\) per interval\n/);
    expect(out).toMatch(/\nwechat \(chat, 3 sessions per agent, slowdown 0\.2; T = 60 s\)\n {2}kernels: APPROXIMATE — /);
    expect(out).toMatch(/\nSL: first response ≤ 60 s /);
    expect(out).toMatch(/\nemail \(deferred, deadline 4 h; T = 3600 s\)\n {2}kernels: none/);
    expect(out).toMatch(/\nwithin the 4 h deadline /);
    expect(out).toMatch(/\ndigital-team\s+occupancy \(busy \/ on duty\)/);
    // the per-channel and per-group blocks stay within 120 columns (the blend table is the one above them)
    const blocks = out.slice(out.indexOf('By channel'));
    for (const line of blocks.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
    const csv = (await run(['whatif', FILE, '--shift', 'voice:wechat=10%', '--no-simulate', '--csv'])).stdout;
    expect(csv).toMatch(/\nanswerRate\[voice\],/);
    expect(csv).toMatch(/\ngroupOccupancy\[voice-team\],/);
    const json = JSON.parse((await run(['whatif', FILE, '--shift', 'voice:wechat=10%', '--no-simulate', '--json'])).stdout);
    expect(json.variant.byChannel.map((c: { channel: string }) => c.channel)).toEqual(['voice', 'wechat', 'email']);
    expect(json.channels[2].kernel.status).toBe('none');
  });
});
