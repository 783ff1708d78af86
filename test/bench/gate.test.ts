/**
 * The CI gate as pure functions: no clock, the re-measurement is a scripted fake.
 * Rules under test: a case fails only if its ratio to the reference exceeds its limit × its
 * baseline ratio on the first measurement AND on every retry; each limit comes from the
 * case's measured spread; under --ci a missing baseline, a gated case without an entry and an
 * entry naming no case fail before anything is measured.
 */
import { describe, expect, it } from 'vitest';
import {
  baselineProblems,
  exceeds,
  failureLine,
  judge,
  limitFromSpread,
  MAX_LIMIT,
  median,
  MIN_LIMIT,
  refRatio,
  runGate,
  SPREAD_MULTIPLIER,
  spreadOf,
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
});

describe('limits from the measured spread', () => {
  it('spreadOf is the largest |ln(ratio / median)|, either side', () => {
    expect(spreadOf([100, 110, 95])).toBeCloseTo(Math.log(1.1), 14);
    expect(spreadOf([100, 100, 80])).toBeCloseTo(Math.log(1.25), 14); // the slow side counts the same
    expect(spreadOf([7, 7])).toBe(0);
    expect(() => spreadOf([1])).toThrow(/at least 2 runs/);
    expect(() => spreadOf([1, NaN])).toThrow(/finite and > 0, got NaN/);
  });
  it(`limitFromSpread is e^(${SPREAD_MULTIPLIER}·spread) between ${MIN_LIMIT} and ${MAX_LIMIT}`, () => {
    expect(limitFromSpread(0)).toBe(MIN_LIMIT);
    const mid = Math.log((MIN_LIMIT + MAX_LIMIT) / 2) / SPREAD_MULTIPLIER;
    expect(limitFromSpread(mid)).toBeCloseTo((MIN_LIMIT + MAX_LIMIT) / 2, 12);
    expect(limitFromSpread(1)).toBe(MAX_LIMIT);
    expect(() => limitFromSpread(NaN)).toThrow(/spread must be finite/);
    expect(() => limitFromSpread(-0.1)).toThrow(/spread/);
  });
  it('a case whose runs agreed within 8% (the simulator cases) fails a 1.5× slowdown measured 8% fast', () => {
    expect(exceeds(1.5 / 1.08, 1, limitFromSpread(Math.log(1.08)))).toBe(true);
    expect(exceeds(1.08, 1, limitFromSpread(Math.log(1.08)))).toBe(false); // and passes its own noise
  });
});

describe('exceeds and judge', () => {
  it('over means strictly above limit × baseline; NaN is over', () => {
    expect(exceeds(12, 10, 1.3)).toBe(false);
    expect(exceeds(13, 10, 1.3)).toBe(false);
    expect(exceeds(13.1, 10, 1.3)).toBe(true);
    expect(exceeds(NaN, 10, 1.3)).toBe(true);
  });
  it('ok within the limit; improved below baseline ÷ limit; the verdict carries the limit', () => {
    expect(judge('a', [12], { refRatio: 10, limit: 1.3 }, true)).toMatchObject({ kind: 'ok', limit: 1.3 });
    expect(judge('a', [7], { refRatio: 10, limit: 1.3 }, true).kind).toBe('improved');
  });
  it('regression only when every attempt is over the limit', () => {
    const base = { refRatio: 10, limit: 1.3 };
    expect(judge('a', [14, 13.5], base, true).kind).toBe('regression');
    expect(judge('a', [14, 12], base, true).kind).toBe('ok-after-retry');
    expect(judge('a', [14, 14, 12.9], base, true).kind).toBe('ok-after-retry');
  });
  it('new without a baseline, ungated when the case says gate: false, whatever the ratio', () => {
    expect(judge('a', [1e9], undefined, true).kind).toBe('new');
    expect(judge('a', [1e9], { refRatio: 10, limit: 1.3 }, false).kind).toBe('ungated');
  });
});

describe('runGate', () => {
  const baseline = { fast: { refRatio: 10, limit: 1.25 }, slow: { refRatio: 100, limit: 1.4 }, spiky: { refRatio: 50, limit: 1.3 } };

  it('each case against its own limit: 1.3× passes a 1.4 limit and fails a 1.25 one (confirmed by both default retries)', async () => {
    const { remeasure, asked } = scripted([{ fast: 13.2 }, { fast: 12.9 }]);
    const r = await runGate({ inputs: [done('fast', 13), done('slow', 130)], baseline, remeasure });
    expect(asked).toEqual([['fast'], ['fast']]); // only the case over its limit is re-measured, once per retry
    expect(r.exitCode).toBe(1);
    expect(r.verdicts.map((v) => v.kind)).toEqual(['regression', 'ok']);
    expect(failureLine(r.failures[0]!)).toBe('bench: REGRESSION fast: ratio 12.9 > 1.25 × baseline 10 (attempts 13, 13.2, 12.9)');
  });

  it('--factor replaces every limit', async () => {
    const r = await runGate({ inputs: [done('fast', 13), done('slow', 130)], baseline, limit: 1.5, remeasure: scripted([]).remeasure });
    expect(r.exitCode).toBe(0);
    expect(r.verdicts[0]).toMatchObject({ kind: 'ok', limit: 1.5 });
    await expect(runGate({ inputs: [], baseline, limit: 1, remeasure: scripted([]).remeasure })).rejects.toThrow(/limit must be > 1/);
  });

  it('a noisy single spike that disappears on retry passes', async () => {
    const { remeasure, asked } = scripted([{ spiky: 60 }]);
    const r = await runGate({ inputs: [done('spiky', 80)], baseline, remeasure });
    expect(asked).toEqual([['spiky']]);
    expect(r.exitCode).toBe(0);
    expect(r.verdicts[0]?.kind).toBe('ok-after-retry');
  });

  it('with 2 retries, one clean retry out of two clears the case; two bad retries fail it', async () => {
    const cleared = await runGate({ inputs: [done('slow', 250)], baseline, retries: 2, remeasure: scripted([{ slow: 120 }]).remeasure });
    expect(cleared.exitCode).toBe(0);
    expect(cleared.retryRounds).toBe(1); // stops as soon as nothing is left over the limit
    const s = scripted([{ slow: 240 }, { slow: 260 }]);
    const failed = await runGate({ inputs: [done('slow', 250)], baseline, retries: 2, remeasure: s.remeasure });
    expect(failed.exitCode).toBe(1);
    expect(s.asked).toEqual([['slow'], ['slow']]);
    expect(failed.verdicts[0]).toMatchObject({ kind: 'regression', attempts: [250, 240, 260] });
  });

  it('a gate: false case is reported, never failed; a case without entry is "new" (outside --ci)', async () => {
    const r = await runGate({ inputs: [done('slow', 1e6, false), done('brand new', 1e12)], baseline, remeasure: scripted([]).remeasure });
    expect(r.exitCode).toBe(0);
    expect(r.verdicts.map((v) => v.kind)).toEqual(['ungated', 'new']);
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

describe('baselineProblems (checked by --ci before measuring)', () => {
  const entries = { a: {}, b: {} };
  it('none when every gated case has an entry and every entry names a case', () => {
    expect(baselineProblems('bench/baseline.json', entries, ['a', 'b'], ['a', 'b', 'c'])).toEqual([]);
  });
  it('a missing file fails, saying how to write one', () => {
    expect(baselineProblems('bench/baseline.json', undefined, ['a'], ['a'])).toEqual([
      'bench: no baseline file bench/baseline.json: nothing to gate against; write it with `npm run bench -- --update-baseline --runs 5`',
    ]);
  });
  it('a gated case without an entry fails, naming it', () => {
    expect(baselineProblems('b.json', entries, ['a', 'b', 'new case'], ['a', 'b', 'new case'])).toEqual([
      'bench: gated case "new case" has no entry in b.json; add it with `npm run bench -- --update-baseline --runs 5 --filter "new case"`',
    ]);
  });
  it('an entry naming no registered case (renamed or removed) fails, naming it', () => {
    expect(baselineProblems('b.json', { ...entries, 'old name': {} }, ['a'], ['a', 'b'])).toEqual([
      'bench: b.json has an entry "old name" that names no case (renamed or removed?); remove it or rename it to the case\'s new name',
    ]);
  });
});

describe('median', () => {
  it('of an odd and an even list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/non-empty/);
  });
});
