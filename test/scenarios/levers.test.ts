/**
 * What-if levers: parsing the planner's words, the definitions (staff × f; self-service moves
 * calls between IVR and agents with total voice arrivals fixed), and the direction each lever
 * moves the figures (kernels: fewer staff → lower answer rate; more self-service → fewer
 * agent calls; more volume → lower answer rate; shorter AHT and more patience → higher).
 * The staff search for --hold meets the figure at its answer and misses it a little below.
 */
import { describe, expect, it } from 'vitest';
import {
  analyticPlan, applyLevers, buildPlan, loadScenarioText, parseHold, parseLever, periodVolume, runWhatif, simulatePlan, staffToHold, staffToHoldBySimulation, totalStaff,
} from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/index.js';
import { run } from '../cli/run.js';
import { smallScenario } from './fixtures.js';

async function small(): Promise<Scenario> {
  const r = await loadScenarioText(smallScenario());
  if (r.state !== 'valid') throw new Error('fixture invalid');
  return r.scenario;
}
const figures = (s: Scenario) => analyticPlan(buildPlan(s)).figures;

describe('parseLever', () => {
  it.each([
    ['staff', '-8%', { mode: 'relative', value: -0.08 }],
    ['staff', '+5%', { mode: 'relative', value: 0.05 }],
    ['staff', '0.92', { mode: 'factor', value: 0.92 }],
    ['staff', '47104', { mode: 'absolute', value: 47104 }],
    ['self-service', '0.75', { lever: 'selfService', mode: 'absolute', value: 0.75 }],
    ['self-service', '75%', { lever: 'selfService', mode: 'absolute', value: 0.75 }],
    ['self-service', '+6pt', { lever: 'selfService', mode: 'points', value: 0.06 }],
    ['self-service', '-2.5pt', { lever: 'selfService', mode: 'points', value: -0.025 }],
    ['self-service', 'ivr/answered=0.70', { lever: 'selfService', mode: 'absolute', value: 0.7, definition: 'ivr/answered' }],
    ['self-service', 'ivr/answered=70%', { lever: 'selfService', mode: 'absolute', value: 0.7, definition: 'ivr/answered' }],
    ['volume', '+5%', { mode: 'relative', value: 0.05 }],
    ['aht', '-10s', { mode: 'seconds', value: -10 }],
    ['aht', '-5%', { mode: 'relative', value: -0.05 }],
    ['aht', '180s', { mode: 'absolute', value: 180 }],
    ['patience', '+20%', { mode: 'relative', value: 0.2 }],
  ])('%s %s', (name, text, expected) => {
    expect(parseLever(name, text)).toMatchObject(expected);
  });
  it.each([
    ['staff', '-8', /expected a change like -8%/],
    ['self-service', '1.5', /the share must be in \[0, 1\]/],
    ['self-service', '6pt', /a change in points \(\+6pt\)/],
    ['self-service', 'ivr/calls=0.7', /a share on a known definition: ivr\/offered or ivr\/answered/],
    ['self-service', 'ivr/answered=+6pt', /a share after ivr\/answered=/],
    ['aht', '-10', /expected a change like -10s/],
    ['volume', '-150%', /must be > -100%/],
    ['speed', '1', /unknown lever speed/],
  ])('refuses %s %s', (name, text, message) => {
    expect(() => parseLever(name, text)).toThrow(message);
  });
});

describe('applyLevers: definitions and directions (kernels)', () => {
  it('staff -8%, 0.92 and an absolute head count give the same staff', async () => {
    const s = await small();
    const a = totalStaff(applyLevers(s, [parseLever('staff', '-8%')]));
    expect(a).toBeCloseTo(200 * 0.92, 9);
    expect(totalStaff(applyLevers(s, [parseLever('staff', '0.92')]))).toBeCloseTo(a, 9);
    expect(totalStaff(applyLevers(s, [parseLever('staff', '184')]))).toBeCloseTo(a, 9);
  });

  it('self-service keeps total voice arrivals fixed and moves calls from agents to the IVR', async () => {
    const s = await small();
    const v = applyLevers(s, [parseLever('self-service', '0.75')]);
    const fb = figures(s);
    const fv = figures(v);
    expect(periodVolume(v, 0)).toBe(periodVolume(s, 0));
    expect(fv.offered + fv.selfServiceCompleted).toBeCloseTo(fb.offered + fb.selfServiceCompleted, 6);
    expect(fv.offered).toBeCloseTo(periodVolume(s, 0) * 0.25, 6);
    expect(fv.offered).toBeLessThan(fb.offered);
  });

  it('self-service +6pt adds 6 points to the model\'s share; ivr/offered=x is x; ivr/answered=x gives IVR / (IVR + answered) = x', async () => {
    const s = await small();
    const share = s.channels[0]!.selfService!.share;
    const plus = applyLevers(s, [parseLever('self-service', '+6pt')]);
    expect(plus.channels[0]!.selfService!.share).toBeCloseTo(share + 0.06, 15);
    expect(figures(plus).selfServiceShare).toBeCloseTo(share + 0.06, 9); // the figure is the share (no redials here)
    expect(applyLevers(s, [parseLever('self-service', 'ivr/offered=0.7')])).toEqual(applyLevers(s, [parseLever('self-service', '0.7')]));
    // solved after the other levers: with fewer staff fewer calls are answered, so a lower share reaches the same ratio
    const solved = applyLevers(s, [parseLever('self-service', 'ivr/answered=0.7')]);
    const solvedFewer = applyLevers(s, [parseLever('self-service', 'ivr/answered=0.7'), parseLever('staff', '-30%')]);
    const f = figures(solved);
    expect(Math.abs(f.selfServiceCompleted / (f.selfServiceCompleted + f.answered) - 0.7)).toBeLessThan(1e-7);
    expect(Math.abs(figures(solvedFewer).selfServiceShareAnswered - 0.7)).toBeLessThan(1e-7);
    expect(solvedFewer.channels[0]!.selfService!.share).toBeLessThan(solved.channels[0]!.selfService!.share);
    expect(() => applyLevers(s, [parseLever('self-service', '+90pt')])).toThrow(/self-service share would be .*; it must stay in \[0, 1\]/);
  });

  it('each lever moves the answer rate the expected way', async () => {
    const s = await small();
    const base = figures(s).answerRate;
    const ar = (lever: string, text: string) => figures(applyLevers(s, [parseLever(lever, text)])).answerRate;
    expect(ar('staff', '-8%')).toBeLessThan(base);
    expect(ar('staff', '+8%')).toBeGreaterThan(base);
    expect(ar('volume', '+5%')).toBeLessThan(base);
    expect(ar('self-service', '0.6')).toBeGreaterThan(base);
    expect(ar('aht', '-10s')).toBeGreaterThan(base);
    expect(ar('patience', '+20%')).toBeGreaterThan(base);
  });
});

describe('--hold: staff needed', () => {
  it('parses answerRate=0.9122, sl20=0.8 and asa=30, and checks the threshold', async () => {
    const s = await small();
    expect(parseHold('answerRate=0.9122')).toMatchObject({ key: 'answerRate', value: 0.9122, better: 'higher' });
    expect(parseHold('sl20=0.8', s)).toMatchObject({ key: 'serviceLevel', value: 0.8 });
    expect(parseHold('asa=30')).toMatchObject({ key: 'asa', better: 'lower' });
    expect(() => parseHold('sl30=0.8', s)).toThrow(/threshold of the scenario is 20 s, not 30 s/);
  });

  it('the head count found meets the figure; 2% fewer staff miss it', async () => {
    const s = await small();
    const hold = parseHold('answerRate=0.95');
    const h = staffToHold(s, hold);
    expect(h.found).toBe(true);
    expect(h.analytic.answerRate).toBeGreaterThanOrEqual(0.95);
    const fewer = figures(applyLevers(s, [parseLever('staff', String(h.staff * 0.98))])).answerRate;
    expect(fewer).toBeLessThan(0.95);
  });

  it('a figure already met at a fifth of the staff: the answer is still the fewest who meet it (kernels and simulation)', async () => {
    // 98% less volume: the search's old floor, 0.2 × staff, met the hold and came back as the answer
    const s = applyLevers(await small(), [parseLever('volume', '-98%')]);
    const hold = parseHold('answerRate=0.95');
    const h = staffToHold(s, hold);
    expect(h.found).toBe(true);
    expect(h.analytic.answerRate).toBeGreaterThanOrEqual(0.95);
    // the bisection resolves staff to within one person (staffToHold), so two fewer miss it
    expect(figures(applyLevers(s, [parseLever('staff', String(h.staff - 2))])).answerRate).toBeLessThan(0.95);
    expect(h.staff).toBeLessThan(0.2 * totalStaff(s));
    const sim = await staffToHoldBySimulation(s, hold, async (plan) => simulatePlan(plan, { seed: 5, replications: 2 }), h.staff);
    expect(sim.found).toBe(true);
    expect(sim.staff).toBeLessThan(0.2 * totalStaff(s));
  });

  it('simulated: fewer staff lower the answer rate (paired replications, interval excludes 0)', async () => {
    const s = await small();
    const r = runWhatif(s, applyLevers(s, [parseLever('staff', '-15%')]), { simulate: true, replications: 4, seed: 3 });
    expect(r.difference!.figures.answerRate + r.difference!.ci95.answerRate).toBeLessThan(0);
    expect(r.variant.simulated!.figures.answerRate).toBeLessThan(r.baseline.simulated!.figures.answerRate);
  });
});

describe('ccsim whatif', () => {
  it('--no-simulate --json: levers applied, variant and hold in one document', async () => {
    const file = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
    const r = await run(['whatif', file, '--staff', '-8%', '--self-service', '0.75', '--hold', 'answerRate[voice]=0.9122', '--no-simulate', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.variant.staff).toBeCloseTo(51_200 * 0.92, 6);
    expect(j.variant.analytic.offered).toBeLessThan(j.baseline.analytic.offered);
    const voice = (side: { byChannel: { channel: string; analytic: Record<string, number> }[] }) => side.byChannel.find((c) => c.channel === 'voice')!.analytic;
    expect(voice(j.variant).selfServiceShare).toBeCloseTo(0.75, 9);
    expect(j.hold.found).toBe(true);
    expect(j.hold.method).toBe('kernels');
    expect(j.hold.hold.channel).toBe('voice');
    expect(j.hold.analytic.answerRate).toBeGreaterThanOrEqual(0.9122);
    // all channels together: the kernels have no value for the blend (deferred messages), so --no-simulate cannot search it
    const blend = await run(['whatif', file, '--staff', '-8%', '--hold', 'answerRate=0.9122', '--no-simulate']);
    expect(blend.code).toBe(1);
    expect(blend.stderr).toMatch(/--hold answerRate=0\.9122: the kernels are not exact for all channels together .*drop --no-simulate/);
  });
  it('--set applies to both sides, --variant-set to the variant only', async () => {
    const file = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
    const base = JSON.parse((await run(['whatif', file, '--no-simulate', '--json'])).stdout);
    const both = JSON.parse((await run(['whatif', file, '--set', 'channels[voice].patienceSeconds.mean=60', '--no-simulate', '--json'])).stdout);
    const variantOnly = JSON.parse((await run(['whatif', file, '--variant-set', 'channels[voice].patienceSeconds.mean=60', '--no-simulate', '--json'])).stdout);
    const voice = (side: { byChannel: { channel: string; analytic: Record<string, number> }[] }) => side.byChannel.find((c) => c.channel === 'voice')!.analytic;
    expect(both.baseline.byChannel).toEqual(both.variant.byChannel);
    expect(voice(both.baseline).answerRate).toBeLessThan(voice(base.baseline).answerRate); // less patience, more abandonment
    expect(variantOnly.baseline.byChannel).toEqual(base.baseline.byChannel);
    expect(variantOnly.variant.byChannel).toEqual(both.variant.byChannel);
    const text = await run(['whatif', file, '--set', 'channels[voice].patienceSeconds.mean=60', '--variant-set', 'groups[voice-agents].shrinkage=0.25', '--no-simulate']);
    // the first paragraph, wrapped at 120 columns, read as one line
    expect(text.stdout.split('\nScale:')[0]!.replace(/\n\s*/g, ' ')).toBe(`What-if on ${file} (both sides: --set channels[voice].patienceSeconds.mean=60): variant = --variant-set groups[voice-agents].shrinkage=0.25.`);
  });

  it('the simulation time includes the worker threads\' part (it was printed as 0.0 s)', async () => {
    const file = new URL('../../test/parallel/fixtures/tiny.yaml', import.meta.url).pathname;
    const r = await run(['whatif', file, '--staff', '-10%', '--workers', '2', '--replications', '2']);
    expect(r.code, r.stderr).toBe(0);
    const seconds = Number(/; ([\d.]+) s\.$/m.exec(r.stdout)?.[1]);
    expect(seconds).toBeGreaterThan(0);
  });

  it('a bad lever: exit 1 naming the flag', async () => {
    const file = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
    const r = await run(['whatif', file, '--staff', 'lots', '--no-simulate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--staff "lots": expected/);
  });
  it('--replications below 2 on whatif, calibrate and simulate FILE: exit 1 naming the flag, the value and the range', async () => {
    const file = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
    for (const [args, shown] of [
      [['whatif', file, '--replications', '1', '--no-simulate'], '"1"'],
      [['calibrate', file, '--replications', '2.5', '--no-simulate'], '"2.5"'],
      [['simulate', file, '--replications', '1'], '"1"'],
    ] as const) {
      const r = await run([...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`ccsim: --replications must be a whole number ≥ 2, got ${shown}\n`);
    }
  });
});
