/**
 * Scenario formulas: arithmetic and constants give the exact numbers; a curve f(h) is
 * evaluated at each interval's midpoint hour; the sandbox refuses import, createUnit,
 * evaluate, parse and friends from inside a formula, and any non-number result.
 */
import { describe, expect, it } from 'vitest';
import { loadFormulaEngine, loadScenarioText } from '../../scenarios/index.js';
import { smallScenario } from './fixtures.js';

describe('formula engine', () => {
  it('evaluates arithmetic exactly as JavaScript does', async () => {
    const f = await loadFormulaEngine();
    expect(f.scalar('1.1763e9 / 365', new Map())).toBe(1.1763e9 / 365);
    expect(f.scalar('ivr + answered / rate', new Map([['ivr', 2.245e9], ['answered', 1.073e9], ['rate', 0.9122]]))).toBe(2.245e9 + 1.073e9 / 0.9122);
  });

  it('a curve f(h) and a bare expression in h give the same values at the given hours', async () => {
    const f = await loadFormulaEngine();
    const hours = [0.25, 6.75, 10.25, 23.75];
    const a = f.curve('f(h) = 0.1 + exp(-(h - 10)^2 / 8)', new Map(), hours);
    const b = f.curve('0.1 + exp(-(h - 10)^2 / 8)', new Map(), hours);
    expect(a).toEqual(b);
    hours.forEach((h, i) => expect(a[i]).toBeCloseTo(0.1 + Math.exp(-((h - 10) ** 2) / 8), 14));
  });

  it.each([
    ['import({x: 1}, {override: true})', /function import is disabled/],
    ['createUnit("furlong", "220 yards")', /function createUnit is disabled/],
    ['evaluate("1 + 1")', /function evaluate is disabled/],
    ['parse("1 + 1")', /function parse is disabled/],
    ['compile("1 + 1")', /function compile is disabled/],
    ['simplify("x + x")', /function simplify is disabled/],
    ['derivative("x^2", "x")', /function derivative is disabled/],
  ])('the sandbox refuses %s', async (text, message) => {
    const f = await loadFormulaEngine();
    expect(() => f.scalar(text, new Map())).toThrow(message);
  });

  it('refuses results that are not finite plain numbers', async () => {
    const f = await loadFormulaEngine();
    expect(() => f.scalar('[1, 2]', new Map())).toThrow(/not a number/);
    expect(() => f.scalar('"12"', new Map())).toThrow(/not a number/);
    expect(() => f.scalar('2^2000', new Map())).toThrow(/Infinity, not a finite number/);
    expect(() => f.scalar('f(x) = x', new Map())).toThrow(/defines a function where a number is expected/);
  });
});

describe('formulas in a scenario', () => {
  it('constants feed later constants and values; curves fill per-interval lists', async () => {
    const text = smallScenario({ extra: 'constants: { perHour: 1000, perDay: "24 * perHour" }' })
      .replace('callsPerDay: 20000', 'callsPerDay: perDay')
      .replace(/intradayProfile: \[.*\]/, 'intradayProfile: "f(h) = 1 + h"');
    const r = await loadScenarioText(text);
    expect(r.state).toBe('valid');
    if (r.state !== 'valid') return;
    expect(r.scenario.channels[0]!.callsPerDay).toBe(24000);
    expect(r.scenario.dayTypes[0]!.intradayProfile).toEqual(Array.from({ length: 24 }, (_, i) => 1 + i + 0.5));
    expect(r.formulas).toBe(3);
  });

  it('a sandbox escape inside a scenario is a listed problem, not an effect', async () => {
    const r = await loadScenarioText(smallScenario().replace('callsPerDay: 20000', 'callsPerDay: "import({callsPerDay: 1}, {override: true})"'));
    expect(r.state).toBe('invalid');
    if (r.state === 'invalid') expect(r.problems[0]!.message).toMatch(/function import is disabled/);
  });
});
