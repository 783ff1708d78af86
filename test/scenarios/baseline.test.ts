/**
 * The 2017 baseline reproduces the report's figures (docs/report-2017.md, CBA report 2017 via the
 * Chengdu Business Daily, 2018-07-04): 51,200 staff and 2.245 bn IVR calls exactly (inputs),
 * ≈ 1.1763 bn offered (= 1.073 bn / 0.9122, conservation of voice arrivals), and 1.073 bn
 * answered at 91.22% within the analytic model's small bias and within the simulation's
 * 95% interval — all on the voice channel; the self-service share lands on 65.6% (the model's
 * definition, docs/figures.md), not 69%. Its non-voice channels carry the report's
 * 4.209 − 2.245 − 1.073 = 0.891 bn contacts, so its contacts sum to the 4.209 bn served.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf } from '../../engine/stats/figures.js';
import { analyticPlan, buildPlan, loadScenarioFile, periodVolume, simulatePlan } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/index.js';

const FILE = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
let baseline: Scenario;
const load = async () => (baseline ??= (await loadScenarioFile(FILE)).scenario);

describe('china-banking-2017 (analytic, period by period)', () => {
  it('staff sum to 51,200 over 70 centres (19 / 17 / 34) and the volume shares to 1', async () => {
    const s = await load();
    const plan = buildPlan(s);
    expect(plan.staff).toBeCloseTo(51_200, 6);
    expect(s.centreClasses.map((c) => c.centres)).toEqual([19, 17, 34]);
    expect(s.centreClasses.reduce((a, c) => a + c.volumeShare, 0)).toBeCloseTo(1, 12);
    expect(plan.periodDays).toBe(365);
    // scale factors: centres × days of the type × the probability of the day volume (volumeCv: three gamma nodes)
    const byClassDay = new Map<string, number>();
    for (const r of plan.runs) byClassDay.set(`${r.centreClass}/${r.dayType}`, (byClassDay.get(`${r.centreClass}/${r.dayType}`) ?? 0) + r.scale);
    expect([...byClassDay.values()].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([19 * 260, 19 * 105, 17 * 260, 17 * 105, 34 * 260, 34 * 105]);
    expect(plan.runs).toHaveLength(18);
    for (const key of byClassDay.keys()) { // the day volumes average to the forecast
      const runs = plan.runs.filter((r) => `${r.centreClass}/${r.dayType}` === key);
      expect(runs.reduce((a, r) => a + r.weight * r.volumeFactor, 0)).toBeCloseTo(1, 12);
    }
  });

  it('conservation: IVR + offered = the voice volume of the year; IVR 2.245 bn, offered 1.1763 bn', async () => {
    const s = await load();
    expect(s.channels[0]!.name).toBe('voice');
    const f = figuresOf(analyticPlan(buildPlan(s)).slices.byChannel[0]!);
    expect((f.selfServiceCompleted + f.offered) / periodVolume(s, 0)).toBeCloseTo(1, 12);
    expect(f.selfServiceCompleted / 2.245e9).toBeCloseTo(1, 9);
    expect(f.offered / (1.073e9 / 0.9122)).toBeCloseTo(1, 9);
    expect(f.selfServiceShare).toBeCloseTo(2.245 / (2.245 + 1.073 / 0.9122), 9); // 65.6%, not the reported 69%
  });

  it('answer rate, answered and the 15 s ASA target within 0.2 points / 0.2% / 0.1 s of the report with the kernels (voice: exact kernels)', async () => {
    const a = analyticPlan(buildPlan(await load()));
    expect(a.kernels[0]!.status).toBe('exact');
    const f = figuresOf(a.slices.byChannel[0]!);
    expect(Math.abs(f.asa - 15)).toBeLessThan(0.1);
    expect(Math.abs(f.answerRate - 0.9122)).toBeLessThan(0.002);
    expect(Math.abs(f.answered / 1.073e9 - 1)).toBeLessThan(0.002);
    expect(f.answered + f.abandoned).toBeCloseTo(f.offered, 0); // every offered call resolves (no retrials)
  });

  it('its contacts sum to the 4.209 bn served: the non-voice volumes are 4.209 − 2.245 − 1.073 = 0.891 bn exactly, spread over chat and deferred channels', async () => {
    const s = await load();
    const nonVoice = s.channels.slice(1);
    expect(nonVoice.map((c) => c.kind).sort()).toEqual(['chat', 'chat', 'deferred']);
    const volume = nonVoice.reduce((a, _, i) => a + periodVolume(s, i + 1), 0);
    expect(volume / (4.209e9 - 2.245e9 - 1.073e9)).toBeCloseTo(1, 12);
    // + the voice contacts the report counts as served (IVR 2.245 bn, answered 1.073 bn)
    expect((volume + 2.245e9 + 1.073e9) / 4.209e9).toBeCloseTo(1, 12);
    // staff split between voice and digital work by groups, within the 51,200
    expect(s.groups.map((g) => g.name)).toEqual(['voice-agents', 'digital-agents']);
    expect(s.groups.reduce((a, g) => a + g.staffShare, 0)).toBeLessThanOrEqual(1);
  });
});

describe('china-banking-2017 (simulated, modest)', () => {
  it('the file\'s 8 replications (3 gave an interval too narrow to cover the target: 91.41% ± 0.04 pt): the reported voice answer rate and answered lie within 95% interval (+ the 0.1-point rounding); served within 0.2% of 4.209 bn and not above it', async () => {
    const plan = buildPlan(await load());
    const sim = simulatePlan(plan, { seed: 2017, replications: 8 });
    const voice = sim.byChannel[0]!;
    expect(Math.abs(voice.figures.answerRate - 0.9122)).toBeLessThan(voice.ci95.answerRate + 0.001);
    expect(Math.abs(voice.figures.answered - 1.073e9)).toBeLessThan(voice.ci95.answered + 1e6);
    expect(Math.abs(voice.figures.asa - 15)).toBeLessThan(voice.ci95.asa + 0.5); // + the rounding to whole seconds
    expect(Math.abs(voice.figures.selfServiceCompleted / 2.245e9 - 1)).toBeLessThan(0.005);
    // served = self-service + answered, every channel: short of 4.209 bn by the contacts that abandon
    // (chats, and the voice calls beyond the report's arithmetic) and the messages still in backlog
    const f = sim.figures;
    expect(Math.abs(f.served / 4.209e9 - 1)).toBeLessThan(0.002);
    expect(f.served).toBeLessThan(4.209e9 + sim.ci95.served);
    // tallies add: abandoned + answered + still waiting = offered, scaled, on every real-time channel
    for (const sl of sim.slices) {
      sl.byChannel.slice(0, 3).forEach((t) => expect(t.answered + t.abandoned + t.stillWaiting).toBeCloseTo(t.offered, 3));
    }
  });
});

describe('other years with the baseline\'s behavioural assumptions (china-banking-2015, -2016)', () => {
  it.each([
    ['2015', 1.06e9, 0.9156, 49_500, 365],
    ['2016', 1.045e9, 0.9021, 53_600, 366],
  ] as const)('%s: answered, answer rate and the 15 s ASA with the kernels; staff and days as reported', async (year, answered, answerRate, staff, days) => {
    const { scenario } = await loadScenarioFile(new URL(`../../scenarios/china-banking-${year}.yaml`, import.meta.url).pathname);
    const plan = buildPlan(scenario);
    expect(plan.staff).toBeCloseTo(staff, 6);
    expect(plan.periodDays).toBe(days);
    const f = analyticPlan(plan).figures;
    expect(Math.abs(f.answered / answered - 1)).toBeLessThan(1e-4);
    expect(Math.abs(f.answerRate - answerRate)).toBeLessThan(1e-4);
    expect(Math.abs(f.asa - 15)).toBeLessThan(0.01);
    // the same patience shape and day-volume spread as 2017, only the fitted mean differs
    expect(scenario.channels[0]!.patienceSeconds).toMatchObject({ kind: 'mixture', components: [{ weight: 0.1, kind: 'exponential', mean: 5 }, { weight: 0.9, kind: 'exponential' }] });
    expect(scenario.dayTypes.map((d) => d.volumeCv)).toEqual([0.1, 0.1]);
  });
});
