/**
 * Staffing solvers: the fewest agents meeting every target, checked against the definition
 * (the answer meets every target and one fewer fails at least one) and against a published day.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  erlangAFigures,
  erlangCFigures,
  erlangCServiceLevel,
  mmngFigures,
  patienceCurve,
  requiredAgentsErlangC,
  solveAgents,
  type StaffingRequest,
} from '../../engine/erlang/index.js';

/** K2 day (issue 2): 96 quarter-hours, A_i = 570·p(h), p(h) = 0.1 + 0.9·sin²(π(h−7)/14) on 7 ≤ h ≤ 21, else 0.1. */
function k2Loads(): number[] {
  const loads: number[] = [];
  for (let i = 0; i < 96; i++) {
    const h = i / 4;
    const p = h >= 7 && h <= 21 ? 0.1 + 0.9 * Math.sin((Math.PI * (h - 7)) / 14) ** 2 : 0.1;
    loads.push(570 * p);
  }
  return loads;
}

describe('K2: a 96-interval day, Erlang C, AHT 180 s, 80% in 20 s (published answer of issue 2)', () => {
  it('needs 20,565 agent-intervals in total, 580 at the peak and 63 at night', () => {
    const need = k2Loads().map((A) => requiredAgentsErlangC(A, 180, 20, 0.8));
    expect(need.reduce((s, n) => s + n, 0)).toBe(20_565);
    expect(Math.max(...need)).toBe(580);
    expect(Math.min(...need)).toBe(63);
  });

  it('solveAgents agrees interval by interval, and each answer is minimal by definition', () => {
    for (const A of k2Loads()) {
      const r = solveAgents({ model: 'erlang-c', erlangs: A, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8 });
      expect(r.requiredAgents).toBe(requiredAgentsErlangC(A, 180, 20, 0.8));
      expect(r.figures.serviceLevel).toBeGreaterThanOrEqual(0.8);
      expect(r.figuresOneFewer!.serviceLevel).toBeLessThan(0.8);
      expect(r.binding).toEqual(['sl']);
    }
  });
});

describe('minimality against the definition', () => {
  it('requiredAgentsErlangC: random loads 0.01–20,000 erlangs, SL targets 0.3–0.999, T 0–120 s', () => {
    const rng = seedrandom('staffing-c');
    for (let i = 0; i < 3000; i++) {
      const A = Math.exp(Math.log(0.01) + rng() * (Math.log(20_000) - Math.log(0.01)));
      const sl = 0.3 + rng() * 0.699;
      const T = rng() * 120;
      const aht = 20 + rng() * 600;
      const n = requiredAgentsErlangC(A, aht, T, sl);
      expect(erlangCServiceLevel(n, A, aht, T)).toBeGreaterThanOrEqual(sl);
      if (n > 0) expect(erlangCServiceLevel(n - 1, A, aht, T)).toBeLessThan(sl);
    }
  });

  it('solveAgents with several targets (Erlang C and A): meets all, one fewer fails one, binding lists the failures', () => {
    const rng = seedrandom('staffing-multi');
    for (let i = 0; i < 400; i++) {
      const model = rng() < 0.5 ? 'erlang-c' : 'erlang-a';
      const req: StaffingRequest = {
        model,
        erlangs: Math.exp(rng() * Math.log(3000)),
        ahtSeconds: 60 + rng() * 400,
        targetSeconds: rng() * 60,
        patienceSeconds: 30 + rng() * 600,
      };
      if (rng() < 0.7) req.slTarget = 0.5 + rng() * 0.45;
      if (rng() < 0.4) req.asaTarget = 2 + rng() * 60;
      if (rng() < 0.4) req.maxOccupancy = 0.7 + rng() * 0.3;
      if (model === 'erlang-a' && rng() < 0.5) req.abandonTarget = 0.01 + rng() * 0.1;
      if (req.slTarget === undefined && req.asaTarget === undefined && req.maxOccupancy === undefined && req.abandonTarget === undefined) {
        req.slTarget = 0.8;
      }
      const r = solveAgents(req);
      const figs = (n: number) =>
        model === 'erlang-c'
          ? erlangCFigures(n, req.erlangs, req.ahtSeconds, req.targetSeconds)
          : erlangAFigures(n, req.erlangs, req.ahtSeconds, req.patienceSeconds!, req.targetSeconds);
      const failures = (n: number) => {
        const f = figs(n);
        const occ = model === 'erlang-c' ? (n === 0 ? Infinity : req.erlangs / n) : f.occupancy;
        const out: string[] = [];
        if (req.slTarget !== undefined && f.serviceLevel < req.slTarget) out.push('sl');
        if (req.asaTarget !== undefined && f.asa > req.asaTarget) out.push('asa');
        if (req.abandonTarget !== undefined && f.pAbandon > req.abandonTarget) out.push('abandon');
        if (req.maxOccupancy !== undefined && occ > req.maxOccupancy) out.push('occupancy');
        return out;
      };
      expect(failures(r.requiredAgents)).toEqual([]);
      expect(r.requiredAgents).toBeGreaterThan(0);
      const below = failures(r.requiredAgents - 1);
      expect(below.length).toBeGreaterThan(0);
      expect(r.binding).toEqual(below);
      expect(r.figures).toEqual(figs(r.requiredAgents));
    }
  });
});

describe('staff, shrinkage and edge cases', () => {
  // pyworkforce README worked example (see erlangC.properties.test.ts): A = 10 erlangs, 80/20 →
  // raw_positions 14; with 30% shrinkage, positions 20.
  it('100 calls / 30 min, AHT 180 s, 80% in 20 s, shrinkage 30%: 14 agents, 20 staff', () => {
    const r = solveAgents({ model: 'erlang-c', erlangs: 10, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8, shrinkage: 0.3 });
    expect(r.requiredAgents).toBe(14);
    expect(r.requiredStaff).toBeCloseTo(20, 12);
    expect(r.requiredStaffRounded).toBe(20);
  });

  it('zero load needs zero agents; one fewer is undefined and nothing binds', () => {
    const r = solveAgents({ model: 'erlang-a', erlangs: 0, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 60, slTarget: 0.9 });
    expect(r).toMatchObject({ requiredAgents: 0, requiredStaff: 0, requiredStaffRounded: 0, figuresOneFewer: undefined, binding: [] });
    expect(requiredAgentsErlangC(0, 180, 20, 0.8)).toBe(0);
  });

  it('any load needs an agent: with one target alone, at 0.01 erlang, every model asks for 1 (0 agents answer nobody)', () => {
    const targets = [{ slTarget: 0.5 }, { asaTarget: 30 }, { abandonTarget: 0.5 }, { maxOccupancy: 0.9 }];
    for (const model of ['erlang-a', 'mmng'] as const) {
      for (const t of targets) {
        const r = solveAgents({ model, erlangs: 0.01, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 120, patience: { kind: 'lognormal', mean: 120, cv: 1 }, ...t });
        expect(r.requiredAgents, `${model} ${JSON.stringify(t)}`).toBe(1);
      }
    }
  });

  it('a target met with equality is met (SL ≥ target; ASA, abandonment and occupancy ≤ target): N is the answer', () => {
    // each target set exactly to the figure at N = 31 agents (30 erlangs); N − 1 has every figure worse (monotone)
    const n = 31;
    const exp120 = { kind: 'exponential' as const, mean: 120 };
    const byModel = [
      ['erlang-a', erlangAFigures(n, 30, 180, 120, 20)],
      ['mmng', mmngFigures(n, 30, 180, patienceCurve(exp120), 20)],
    ] as const;
    for (const [model, f] of byModel) {
      // occupancy = carried load / N; Erlang A's search takes the carried load as A·(1 − P(abandon)),
      // its figure as A·answerRate: equal in theory, an ulp apart in doubles
      const occupancy = model === 'erlang-a' ? Math.min(1, (30 * (1 - f.pAbandon)) / n) : f.occupancy;
      for (const t of [{ slTarget: f.serviceLevel }, { asaTarget: f.asa }, { abandonTarget: f.pAbandon }, { maxOccupancy: occupancy }]) {
        const r = solveAgents({ model, erlangs: 30, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 120, patience: exp120, ...t });
        expect(r.requiredAgents, `${model} ${JSON.stringify(t)}`).toBe(n);
      }
    }
  });

  it('Erlang A needs no more agents than Erlang C for the same SL target', () => {
    for (const A of [5, 50, 500, 5000]) {
      const c = solveAgents({ model: 'erlang-c', erlangs: A, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8 });
      const a = solveAgents({ model: 'erlang-a', erlangs: A, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 120, slTarget: 0.8 });
      expect(a.requiredAgents).toBeLessThanOrEqual(c.requiredAgents);
    }
  });

  it('an occupancy cap alone asks for N ≥ A / maxOccupancy', () => {
    const r = solveAgents({ model: 'erlang-c', erlangs: 85, ahtSeconds: 180, targetSeconds: 20, maxOccupancy: 0.85 });
    expect(r.requiredAgents).toBe(100);
    expect(r.binding).toEqual(['occupancy']);
  });

  it('maxAgents too small to meet the target throws a RangeError naming maxAgents', () => {
    expect(() => solveAgents({ model: 'erlang-c', erlangs: 100, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8, maxAgents: 100 })).toThrow(/maxAgents = 100/);
    expect(() => solveAgents({ model: 'erlang-a', erlangs: 100, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 60, slTarget: 0.99, maxAgents: 50 })).toThrow(RangeError);
  });
});

describe('input validation: RangeError naming the field, its value and the allowed range', () => {
  const base: StaffingRequest = { model: 'erlang-c', erlangs: 10, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8 };
  const bad: Array<[string, StaffingRequest, RegExp]> = [
    ['SL target 1', { ...base, slTarget: 1 }, /slTarget must be in \(0, 1\), got 1/],
    ['SL target above 1', { ...base, slTarget: 80 }, /slTarget must be in \(0, 1\), got 80/],
    ['shrinkage 1', { ...base, shrinkage: 1 }, /shrinkage must be in \[0, 1\), got 1/],
    ['negative shrinkage', { ...base, shrinkage: -0.1 }, /shrinkage must be in \[0, 1\), got -0\.1/],
    ['no target', { model: 'erlang-c', erlangs: 10, ahtSeconds: 180, targetSeconds: 20 }, /at least one target is required/],
    ['negative load', { ...base, erlangs: -1 }, /erlangs must be a finite number >= 0, got -1/],
    ['NaN AHT', { ...base, ahtSeconds: NaN }, /ahtSeconds must be a finite number > 0, got NaN/],
    ['Erlang A without patience', { ...base, model: 'erlang-a' }, /patienceSeconds is required/],
    ['zero ASA target', { ...base, asaTarget: 0 }, /asaTarget must be a finite number of seconds > 0, got 0/],
    ['occupancy above 1', { ...base, maxOccupancy: 1.2 }, /maxOccupancy must be in \(0, 1\], got 1\.2/],
    ['abandon target 0', { ...base, abandonTarget: 0 }, /abandonTarget must be in \(0, 1\], got 0/],
    ['fractional maxAgents', { ...base, maxAgents: 10.5 }, /maxAgents must be a non-negative integer, got 10\.5/],
    ['unknown model', { ...base, model: 'erlang-x' as 'erlang-c' }, /model must be 'erlang-c', 'erlang-a' or 'mmng', got erlang-x/],
    ['mmng without a patience distribution', { ...base, model: 'mmng' as const }, /patience \(a distribution, e\.g\. .*\) is required for model 'mmng', got undefined/],
  ];
  it.each(bad)('%s', (_name, req, message) => {
    expect(() => solveAgents(req)).toThrow(RangeError);
    expect(() => solveAgents(req)).toThrow(message);
  });
  it('requiredAgentsErlangC validates too', () => {
    expect(() => requiredAgentsErlangC(10, 180, 20, 1)).toThrow(/requiredAgentsErlangC: slTarget must be in \(0, 1\), got 1/);
    expect(() => requiredAgentsErlangC(-5, 180, 20, 0.8)).toThrow(/erlangs must be a finite number >= 0, got -5/);
  });
});
