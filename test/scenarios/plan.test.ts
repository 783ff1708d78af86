/**
 * Plans built fast are the plans of the formulas, bit for bit. `buildPlan` is compared with
 * a direct transcription of its module comment (the original per-interval implementation:
 * closures, Array.from, a channel lookup per interval), `planBuilder` (arrival rates kept
 * between variants) with `buildPlan`, `withLevers` (shallow frame) with `applyLevers` (deep
 * copy), and a sweep cell's plan with the plan of the scenario with that cell's levers.
 * Plus conservation: the runs' arrivals, scaled up, are the period's volume.
 */
import { describe, expect, it } from 'vitest';
import { applyLevers, buildPlan, loadScenarioText, parseLever, periodDays, periodVolume } from '../../scenarios/index.js';
import type { Plan, Run, Scenario } from '../../scenarios/index.js';
import { planBuilder } from '../../scenarios/plan/build.js';
import { withLevers } from '../../scenarios/plan/levers.js';
import { CellError, cellPlan, cellPlanner, type SweepDefinition } from '../../scenarios/studies/sweep/cell.js';
import { leverOf } from '../../scenarios/studies/sweep/levers.js';
import { meanOf } from '../../engine/rng/moments.js';
import type { AgentGroup, Channel } from '../../engine/des/model.js';

/** Two classes, two day types, two channels (one per year, one per day), a group on both, one on a fixed schedule. */
const TEXT = `
name: plan-test
intervalSeconds: 3600
dayTypes:
  - { name: weekday, days: 5, volumeWeight: 1, intradayProfile: [0.5, 0.5, 0.5, 0.5, 0.5, 1, 2, 4, 7, 9, 9.5, 9, 8, 8.5, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0.7] }
  - { name: weekend, days: 2, volumeWeight: 0.6, intradayProfile: [0, 0, 0, 0, 0, 0, 1, 2, 3, 5, 6, 6, 6, 6, 5, 5, 4, 3, 3, 2, 1, 0, 0, 0] }
centreClasses:
  - { name: big, centres: 3, staffPerCentre: 250.5, volumeShare: 0.7 }
  - { name: small, centres: 7, staffPerCentre: 33, volumeShare: 0.3 }
channels:
  - name: voice
    kind: voice
    callsPerYear: 4.1e6
    selfService: { share: 0.35 }
    handleTimeSeconds: { kind: gamma, mean: 187.3, cv: 0.8 }
    patienceSeconds: { kind: exponential, mean: 95 }
    retrial: { probability: 0.2, delaySeconds: { kind: exponential, mean: 300 } }
    targetSeconds: 20
  - name: premium
    kind: voice
    callsPerDay: 2345.6
    rateCv: 0.1
    handleTimeSeconds: { kind: empirical, values: [120, 300, 410.5] }
    patienceSeconds: { kind: deterministic, value: 240 }
    targetSeconds: 60
  - name: wechat
    kind: chat
    callsPerDay: 1500
    concurrency: 3
    slowdown: 0.25
    selfService: { share: 0.6, returnShare: 0.1, returnDelaySeconds: { kind: exponential, mean: 600 } }
    handleTimeSeconds: { kind: exponential, mean: 400 }
    patienceSeconds: { kind: exponential, mean: 300 }
    targetSeconds: 30
  - name: email
    kind: deferred
    callsPerDay: 800
    handleTimeSeconds: { kind: exponential, mean: 240 }
    deadlineSeconds: 14400
    targetSeconds: 3600
groups:
  - name: blended
    skills: [voice, premium]
    staffShare: 0.55
    shrinkage: 0.32
    paidHoursPerYear: 1980
    schedule: { followLoad: { flatten: 0.3, minOnDuty: 2 } }
  - name: night
    skills: [voice]
    staffShare: 0.1
    shrinkage: 0.2
    paidHoursPerYear: 2000
    schedule: { onDutyPerCentre: [3, 3, 3, 3, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 3.5] }
  - name: digital
    skills: [wechat, email]
    callsWhileChatting: false
    staffShare: 0.2
    shrinkage: 0.3
    paidHoursPerYear: 2000
    schedule: { followLoad: { flatten: 0.2, minOnDuty: 1 } }
`;

async function scenario(): Promise<Scenario> {
  const r = await loadScenarioText(TEXT);
  if (r.state !== 'valid') throw new Error(`fixture invalid: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

/** buildPlan as first written, straight from the formulas of scenarios/plan/build.ts (the reference). */
function referencePlan(s: Scenario): Plan {
  const K = 86_400 / s.intervalSeconds;
  const T = s.intervalSeconds;
  const days = periodDays(s);
  const weightDays = s.dayTypes.reduce((a, d) => a + d.days * d.volumeWeight, 0);
  const volumes = s.channels.map((_, i) => periodVolume(s, i));
  const profiles = s.dayTypes.map((d) => {
    const sum = d.intradayProfile.reduce((a, b) => a + b, 0);
    return d.intradayProfile.map((x) => x / sum);
  });
  const rate = (c: number, k: number, d: number, i: number): number => {
    const cls = s.centreClasses[k]!;
    const perDay = (volumes[c]! * s.dayTypes[d]!.volumeWeight) / weightDays;
    return (perDay * cls.volumeShare * profiles[d]![i]!) / cls.centres / T;
  };
  // agent-directed share: 1 − s + s·returnShare; agent-seconds per contact: AHT, for chat AHT·(1 + slowdown·(c − 1))/c
  const agentShare = (c: number): number => {
    const ss = s.channels[c]!.selfService;
    return 1 - (ss?.share ?? 0) + (ss?.share ?? 0) * (ss?.returnShare ?? 0);
  };
  const aht = s.channels.map((c) => (c.kind === 'chat'
    ? (meanOf(c.handleTimeSeconds) * (1 + (c.slowdown ?? 0.2) * ((c.concurrency ?? 1) - 1))) / (c.concurrency ?? 1)
    : meanOf(c.handleTimeSeconds)));
  const runs: Run[] = [];
  const staffByGroup: Record<string, number> = {};
  for (const g of s.groups) staffByGroup[g.name] = s.centreClasses.reduce((a, c) => a + c.centres * c.staffPerCentre * g.staffShare, 0);
  s.centreClasses.forEach((cls, k) => {
    const workload = s.groups.map((g) =>
      s.dayTypes.map((_, d) =>
        Array.from({ length: K }, (_, i) => {
          let w = 0;
          for (const name of g.skills) {
            const c = s.channels.findIndex((ch) => ch.name === name);
            if (c >= 0) w += rate(c, k, d, i) * agentShare(c) * aht[c]! * T;
          }
          return w;
        }),
      ),
    );
    const onDutyOf = (gi: number, d: number): number[] => {
      const g = s.groups[gi]!;
      if (g.schedule.onDutyPerCentre) return [...g.schedule.onDutyPerCentre];
      const rule = g.schedule.followLoad!;
      const hours = cls.staffPerCentre * g.staffShare * g.paidHoursPerYear * 3600 * (1 - g.shrinkage) * (days / 365);
      const wDay = workload[gi]!.map((w) => w.reduce((a, b) => a + b, 0));
      const wPeriod = s.dayTypes.reduce((a, day, e) => a + day.days * wDay[e]!, 0);
      const hDay = wPeriod > 0 ? (hours * wDay[d]!) / wPeriod : hours / days;
      return workload[gi]![d]!.map((wi) => Math.max(rule.minOnDuty, (hDay * (wDay[d]! > 0 ? (1 - rule.flatten) * (wi / wDay[d]!) + rule.flatten / K : 1 / K)) / T));
    };
    s.dayTypes.forEach((day, d) => {
      const channels: Channel[] = s.channels.map((c, ci) => {
        const ch: Channel = { name: c.name, kind: c.kind, arrivalRatePerSecond: Array.from({ length: K }, (_, i) => rate(ci, k, d, i)), handleTime: c.handleTimeSeconds, targetSeconds: c.targetSeconds };
        if (c.rateCv !== undefined) ch.rateCv = c.rateCv;
        if (c.patienceSeconds) ch.patience = c.patienceSeconds;
        if (c.selfService) {
          ch.selfService = { share: c.selfService.share };
          if (c.selfService.durationSeconds) ch.selfService.duration = c.selfService.durationSeconds;
          if (c.selfService.returnShare !== undefined) ch.selfService.returnShare = c.selfService.returnShare;
          if (c.selfService.returnDelaySeconds) ch.selfService.returnDelay = c.selfService.returnDelaySeconds;
        }
        if (c.retrial) ch.retrial = { probability: c.retrial.probability, delay: c.retrial.delaySeconds };
        if (c.concurrency !== undefined) ch.concurrency = c.concurrency;
        if (c.slowdown !== undefined) ch.slowdown = c.slowdown;
        if (c.deadlineSeconds !== undefined) ch.deadlineSeconds = c.deadlineSeconds;
        return ch;
      });
      const exact = s.groups.map((_, gi) => onDutyOf(gi, d));
      const groups: AgentGroup[] = s.groups.map((g, gi) => ({
        name: g.name, skills: [...g.skills], onDuty: exact[gi]!.map((x) => Math.round(x)),
        ...(g.callsWhileChatting !== undefined ? { callsWhileChatting: g.callsWhileChatting } : {}),
      }));
      runs.push({ centreClass: cls.name, dayType: day.name, model: { intervalSeconds: s.intervalSeconds, days: 1, channels, groups }, centres: cls.centres, days: day.days, scale: cls.centres * day.days, onDutyExact: exact, volumeFactor: 1, weight: 1 });
    });
  });
  return {
    runs, periodDays: days, staff: s.centreClasses.reduce((a, c) => a + c.centres * c.staffPerCentre, 0), staffByGroup,
    backlogWarmupDays: s.simulation?.backlogWarmupDays ?? 2,
  };
}

const levers = (...specs: [string, string][]) => specs.map(([n, t]) => parseLever(n, t));

describe('buildPlan', () => {
  it('equals the formulas computed interval by interval, bit for bit (two classes, day types, channels, groups)', async () => {
    const s = await scenario();
    expect(buildPlan(s)).toStrictEqual(referencePlan(s));
    const v = applyLevers(s, levers(['staff', '-13.5%'], ['aht', '+7%'], ['volume', '1.1'], ['self-service', '0.5']));
    expect(buildPlan(v)).toStrictEqual(referencePlan(v));
  });

  it('conserves volume: Σ runs scale × Σ_i λ_i × intervalSeconds = the channel period volume', async () => {
    const s = await scenario();
    const plan = buildPlan(s);
    s.channels.forEach((_, c) => {
      const total = plan.runs.reduce((a, r) => a + r.scale * r.model.channels[c]!.arrivalRatePerSecond.reduce((x, y) => x + y, 0) * s.intervalSeconds, 0);
      expect(total / periodVolume(s, c)).toBeCloseTo(1, 12);
    });
  });
});

describe('planBuilder', () => {
  it('gives the plans of buildPlan while reusing arrival rates, and notices every change of their inputs', async () => {
    const s = await scenario();
    const build = planBuilder();
    const variants: Scenario[] = [
      s,
      withLevers(s, levers(['staff', '-5%'])),
      withLevers(s, levers(['aht', '+3%'], ['patience', '-10%'])),
      withLevers(s, levers(['volume', '+2%'])), // arrival inputs change
      withLevers(s, levers(['self-service', '0.6'])),
      { ...s, centreClasses: s.centreClasses.map((c, k) => (k === 1 ? { ...c, centres: 8 } : c)) },
      { ...s, dayTypes: s.dayTypes.map((d, i) => (i === 0 ? { ...d, volumeWeight: 1.2 } : d)) },
      s,
    ];
    for (const v of variants) expect(build(v)).toStrictEqual(buildPlan(v));
    // A profile changed in place (same array object): compared by value, so not missed.
    const copy = structuredClone(s);
    const first = build(copy);
    copy.dayTypes[1]!.intradayProfile[12] = 50;
    const second = build(copy);
    expect(second).toStrictEqual(buildPlan(copy));
    expect(second.runs[1]!.model.channels[0]!.arrivalRatePerSecond).not.toEqual(first.runs[1]!.model.channels[0]!.arrivalRatePerSecond);
  });
});

describe('withLevers', () => {
  it('has the values of applyLevers for every lever, and leaves the base scenario unchanged', async () => {
    const s = await scenario();
    const before = structuredClone(s);
    for (const ls of [
      levers(['staff', '-8%']),
      levers(['staff', '2000']),
      levers(['self-service', '75%']),
      levers(['volume', '+5%']),
      levers(['aht', '-10s'], ['patience', '180s']),
      levers(['aht', '-5%'], ['staff', '1.1'], ['volume', '0.9'], ['patience', '+20%'], ['self-service', '0']),
    ]) {
      expect(withLevers(s, ls)).toStrictEqual(applyLevers(s, ls));
    }
    expect(s).toStrictEqual(before);
  });

  it('refuses what applyLevers refuses, with the same message', async () => {
    const s = await scenario();
    const l = levers(['aht', '-400s']);
    expect(() => applyLevers(s, l)).toThrow(/the mean handle time would be -212.7 seconds; it must stay > 0/);
    expect(() => withLevers(s, l)).toThrow(/the mean handle time would be -212.7 seconds; it must stay > 0/);
  });
});

describe('sweep cells', () => {
  it("a cell's plan is the plan of the base with the cell's levers (every cell of a 3 × 2 × 2 grid)", async () => {
    const s = await scenario();
    const def: SweepDefinition = {
      file: 'plan-test.yaml',
      raw: {},
      sets: [],
      axes: [
        { name: 'staff', kind: 'lever', values: [-0.2, -0.1, 0] },
        { name: 'aht', kind: 'lever', values: [-0.05, 0.0725] },
        { name: 'selfService', kind: 'lever', values: [0.35, 0.5] },
      ],
      base: s,
    };
    const planOf = await cellPlanner(def);
    let cell = 0;
    for (const st of def.axes[0]!.values) {
      for (const a of def.axes[1]!.values) {
        for (const ss of def.axes[2]!.values) {
          const expected = buildPlan(applyLevers(s, [leverOf('staff', st), leverOf('aht', a), leverOf('selfService', ss)]));
          expect(await planOf(cell)).toStrictEqual(expected);
          expect(await cellPlan(def, cell)).toStrictEqual(expected);
          cell++;
        }
      }
    }
  });

  it('a lever value a cell cannot take is a CellError naming the file, the lever and the rule', async () => {
    const def: SweepDefinition = { file: 'plan-test.yaml', raw: {}, sets: [], axes: [{ name: 'aht', kind: 'lever', values: [0, -1] }], base: await scenario() };
    await expect(cellPlan(def, 0)).resolves.toBeDefined();
    const err = await cellPlan(def, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CellError);
    expect((err as Error).message).toBe('plan-test.yaml: --aht -100%: a change must be > -100%');
  });

  it('leverOf hands out one frozen lever per (name, value)', () => {
    const a = leverOf('staff', -0.0825);
    expect(leverOf('staff', -0.0825)).toBe(a);
    expect(a).toStrictEqual({ lever: 'staff', mode: 'relative', value: -0.0825, text: '-8.25%' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(leverOf('aht', -0.0825)).not.toBe(a);
  });
});
