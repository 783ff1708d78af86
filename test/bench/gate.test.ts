/**
 * The CI gate as pure functions: no clock, the re-measurement is a scripted fake.
 * Rule under test: a case fails only if its ratio to the reference exceeds 2 × its baseline
 * ratio on the first measurement AND on every retry; new and ungated cases never fail.
 */
import { describe, expect, it } from 'vitest';
import {
  exceeds,
  failureLine,
  judge,
  median,
  medianOfRuns,
  refRatio,
  runGate,
  type GateInput,
  type Remeasure,
} from '../../bench/gate.js';

/** A fake re-measurement returning scripted ratios per round, recording what was asked. */
function scripted(rounds: Record<string, number>[]): { remeasure: Remeasure; asked: string[][] } {
  const asked: string[][] = [];
  const remeasure: Remeasure = async (names) => {
    const round = rounds[asked.length] ?? {};
    asked.push([...names]);
    return new Map(names.filter((n) => round[n] !== undefined).map((n) => [n, round[n] as number]));
  };
  return { remeasure, asked };
}

const done = (name: string, ratio: number, gated = true): GateInput => ({ name, gated, state: 'completed', ratio });

describe('refRatio', () => {
  it('is case median ÷ reference median', () => {
    expect(refRatio(60, 1.5)).toBe(40);
    expect(refRatio(1e6, 2)).toBe(5e5);
  });
  it('rejects a zero, negative or non-finite time, naming the argument', () => {
    expect(() => refRatio(0, 1)).toThrow(/caseNs must be finite and > 0, got 0/);
    expect(() => refRatio(1, NaN)).toThrow(/referenceNs must be finite and > 0, got NaN/);
    expect(() => refRatio(Infinity, 1)).toThrow(/caseNs/);
  });
  it('is invariant when the whole machine slows down by the same factor', () => {
    expect(refRatio(60 * 1.3, 1.5 * 1.3)).toBeCloseTo(refRatio(60, 1.5), 12);
  });
});

describe('exceeds: the 2× limit', () => {
  it('1.5× baseline is within, 2.5× is over, exactly 2× is within', () => {
    expect(exceeds(15, 10)).toBe(false);
    expect(exceeds(25, 10)).toBe(true);
    expect(exceeds(20, 10)).toBe(false);
  });
  it('honours another factor', () => expect(exceeds(15, 10, 1.25)).toBe(true));
});

describe('judge', () => {
  it('ok within the limit; improved below baseline ÷ factor', () => {
    expect(judge('a', [15], 10, true).kind).toBe('ok');
    expect(judge('a', [4], 10, true).kind).toBe('improved');
  });
  it('regression only when every attempt is over the limit', () => {
    expect(judge('a', [25, 24], 10, true).kind).toBe('regression');
    expect(judge('a', [25, 12], 10, true).kind).toBe('ok-after-retry');
    expect(judge('a', [25, 24, 19], 10, true).kind).toBe('ok-after-retry');
  });
  it('new without a baseline, ungated when the case says gate: false, whatever the ratio', () => {
    expect(judge('a', [1e9], undefined, true).kind).toBe('new');
    expect(judge('a', [1e9], 10, false).kind).toBe('ungated');
  });
});

describe('runGate', () => {
  const baseline = { fast: 10, slow: 100, spiky: 50 };

  it('a case at 1.5× its baseline passes with no retry at all', async () => {
    const { remeasure, asked } = scripted([]);
    const r = await runGate({ inputs: [done('fast', 15)], baseline, remeasure });
    expect(r.exitCode).toBe(0);
    expect(r.verdicts[0]?.kind).toBe('ok');
    expect(asked).toEqual([]);
    expect(r.retryRounds).toBe(0);
  });

  it('a case at 2.5× fails when the retry also shows > 2×, and the line names case, ratio and baseline', async () => {
    const { remeasure, asked } = scripted([{ slow: 230 }]);
    const r = await runGate({ inputs: [done('fast', 11), done('slow', 250)], baseline, remeasure });
    expect(asked).toEqual([['slow']]); // only the failing case is re-measured
    expect(r.exitCode).toBe(1);
    expect(r.failures.map((v) => v.name)).toEqual(['slow']);
    const v = r.failures[0];
    expect(v?.kind).toBe('regression');
    const line = failureLine(v!);
    expect(line).toContain('slow');
    expect(line).toContain('230'); // the ratio (the retry's)
    expect(line).toContain('baseline 100');
  });

  it('a noisy single spike that disappears on retry passes', async () => {
    const { remeasure, asked } = scripted([{ spiky: 60 }]);
    const r = await runGate({ inputs: [done('spiky', 130)], baseline, remeasure });
    expect(asked).toEqual([['spiky']]);
    expect(r.exitCode).toBe(0);
    expect(r.verdicts[0]?.kind).toBe('ok-after-retry');
  });

  it('with 2 retries, one clean retry out of two clears the case; two bad retries fail it', async () => {
    const cleared = await runGate({ inputs: [done('slow', 250)], baseline, retries: 2, remeasure: scripted([{ slow: 150 }]).remeasure });
    expect(cleared.exitCode).toBe(0);
    expect(cleared.retryRounds).toBe(1); // stops as soon as nothing is left over the limit
    const s = scripted([{ slow: 240 }, { slow: 260 }]);
    const failed = await runGate({ inputs: [done('slow', 250)], baseline, retries: 2, remeasure: s.remeasure });
    expect(failed.exitCode).toBe(1);
    expect(s.asked).toEqual([['slow'], ['slow']]);
    expect(failed.verdicts[0]).toMatchObject({ kind: 'regression', attempts: [250, 240, 260] });
  });

  it('a case missing from the baseline is reported as new, never gated, never re-measured', async () => {
    const { remeasure, asked } = scripted([]);
    const r = await runGate({ inputs: [done('brand new', 1e12)], baseline, remeasure });
    expect(r.exitCode).toBe(0);
    expect(r.verdicts[0]?.kind).toBe('new');
    expect(asked).toEqual([]);
    expect(r.missing).toEqual(['fast', 'slow', 'spiky']); // baseline entries this run did not measure
  });

  it('a gate: false case is reported, never failed', async () => {
    const r = await runGate({ inputs: [done('slow', 1e6, false)], baseline, remeasure: scripted([]).remeasure });
    expect(r.exitCode).toBe(0);
    expect(r.verdicts[0]?.kind).toBe('ungated');
  });

  it('an errored case fails the gate (a wrong answer asserted in setup must not pass)', async () => {
    const r = await runGate({
      inputs: [{ name: 'fast', gated: true, state: 'errored', error: 'K2: 20564 agent-intervals, expected 20565' }],
      baseline,
      remeasure: scripted([]).remeasure,
    });
    expect(r.exitCode).toBe(1);
    expect(failureLine(r.failures[0]!)).toBe('bench: ERROR fast: K2: 20564 agent-intervals, expected 20565');
  });

  it('a case that cannot be re-measured is an error, not a silent pass', async () => {
    const r = await runGate({ inputs: [done('slow', 250)], baseline, remeasure: scripted([{}]).remeasure });
    expect(r.exitCode).toBe(1);
    expect(r.failures[0]?.kind).toBe('errored');
  });

  it('refuses retries < 1: a regression must always be confirmed', async () => {
    await expect(runGate({ inputs: [], baseline, retries: 0, remeasure: scripted([]).remeasure })).rejects.toThrow(/retries/);
  });
});

describe('baseline from several runs', () => {
  it('takes the per-case median, ignoring runs that lack the case or measured nothing', () => {
    expect(medianOfRuns([{ a: 1, b: 10 }, { a: 3 }, { a: 2, b: 30 }, { b: NaN }])).toEqual({ a: 2, b: 20 });
  });
  it('one spiky run out of three does not move the baseline', () => {
    expect(medianOfRuns([{ k: 100 }, { k: 400 }, { k: 104 }]).k).toBe(104);
  });
  it('median of an odd and an even list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/non-empty/);
  });
});
