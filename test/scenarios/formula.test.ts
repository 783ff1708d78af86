/**
 * Scenario formulas: arithmetic and constants give the exact numbers; a curve f(h) is
 * evaluated at each interval's midpoint hour; the sandbox refuses import, createUnit,
 * evaluate, parse and friends from inside a formula, and any non-number result.
 */
import { describe, expect, it } from 'vitest';
import { loadFormulaEngine, loadScenarioText } from '../../scenarios/index.js';
import { MAX_FORMULA_CHARS, MAX_FORMULA_NODES, MAX_FORMULA_STEPS } from '../../scenarios/format/formula.js';
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
    expect(() => f.scalar('[1, 2]', new Map())).toThrow(/uses a list \[ … \], which builds a matrix/);
    expect(() => f.scalar('"12"', new Map())).toThrow(/not a number/);
    expect(() => f.scalar('2^2000', new Map())).toThrow(/Infinity, not a finite number/);
    expect(() => f.scalar('f(x) = x', new Map())).toThrow(/defines a function where a number is expected/);
  });
});

describe('formula budgets: bounded cost whatever the file says', () => {
  it.each([
    ['zeros(1e5, 1e5)', /calls zeros, which is not allowed: formulas may call only scalar functions/],
    ['sum(range(0, 2e8))', /calls sum, which is not allowed/],
    ['nthRoots(1, 1e7)', /calls nthRoots, which is not allowed/],
    ['ones(3)', /calls ones, which is not allowed/],
    ['max(1:2e8)', /uses a range \(a:b\), which builds a matrix/],
    ['{a: 1}.a', /uses (an object|a property or index access)/],
    ['x = 3', /uses an assignment/],
    ['1; 2', /uses several statements/],
    ['random()', /calls random, which is not allowed: random numbers in a scenario would give different results for the same seed/],
    ['randomInt(1, 9)', /calls randomInt, which is not allowed: random numbers/],
    ['pickRandom([1, 2])', /uses a list|calls pickRandom/],
    ['f(h) = zeros(5000, 5000)', /calls zeros, which is not allowed/],
    ['f(h) = f(h - 1) + 1', /calls itself \(f\); recursion is not allowed/],
    ['g(a, b) = a + b', /defines a function of 2 parameters/],
    ['1 + (f(x) = x)', /defines a function inside an expression/],
  ])('refuses %s before evaluating anything', async (text, message) => {
    const f = await loadFormulaEngine();
    expect(() => f.scalar(text, new Map())).toThrow(message);
    expect(() => f.curve(text, new Map(), [0.5, 1.5])).toThrow(message);
  });

  it('refuses a formula over the length and term limits, naming the limit', async () => {
    const f = await loadFormulaEngine();
    const long = Array.from({ length: 700 }, () => '1').join('+'); // 1,399 characters, 1,399 nodes
    expect(long.length).toBeLessThanOrEqual(MAX_FORMULA_CHARS);
    expect(() => f.scalar(long, new Map())).toThrow(`has 1399 terms, more than the ${MAX_FORMULA_NODES} allowed`);
    const longer = `${long}+${long}`;
    expect(() => f.scalar(longer, new Map())).toThrow(`is ${longer.length} characters long, more than the ${MAX_FORMULA_CHARS} allowed`);
    // Just under the limits it evaluates, exactly.
    expect(f.scalar(Array.from({ length: 400 }, () => '1').join('+'), new Map())).toBe(400);
  });

  it('the scalar functions a scenario uses still work, exactly as Math does', async () => {
    const f = await loadFormulaEngine();
    expect(f.scalar('exp(-(3 - 1)^2 / 4) + max(1, 2, 3) + min(4, 5) + round(2.5) + log(8, 2)', new Map())).toBeCloseTo(Math.exp(-1) + 3 + 4 + 3 + 3, 14);
    expect(f.scalar('x > 2 ? 1 : 0', new Map([['x', 3]]))).toBe(1);
  });

  it('a file\'s formulas share one step budget: nodes × evaluations, charged before evaluating', async () => {
    const f = await loadFormulaEngine();
    const budget = { steps: 1000 };
    const curve = 'f(h) = 1 + h'; // 4 nodes: the function, +, 1, h
    f.curve(curve, new Map(), Array.from({ length: 96 }, (_, i) => i / 4), budget);
    expect(budget.steps).toBe(1000 - 4 * 96);
    f.curve(curve, new Map(), Array.from({ length: 96 }, (_, i) => i / 4), budget);
    expect(() => f.curve(curve, new Map(), Array.from({ length: 96 }, (_, i) => i / 4), budget)).toThrow(`more than ${MAX_FORMULA_STEPS} evaluation steps`);
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
