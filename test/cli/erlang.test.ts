/**
 * `ccsim erlang`: the table and JSON agree with the engine and with Erlang's formulas computed
 * independently here; every bad input gets one line naming the flag, the value and the range,
 * with exit code 1 (bad value) or 2 (bad usage), and no stack trace unless --debug.
 */
import { describe, expect, it } from 'vitest';
import { erlangAFigures, erlangB, erlangCFigures, erlangCServiceLevel, mmngFigures, patienceCurve } from '../../engine/erlang/index.js';
import { percent, seconds } from '../../cli/format/index.js';
import { hasStack, run } from './run.js';

/** Erlang B and C straight from their definitions (small N, so the sums are exact in doubles). */
function reference(n: number, a: number): { b: number; c: number } {
  let term = 1; // A^k / k!
  let sum = 1;
  for (let k = 1; k <= n; k++) {
    term *= a / k;
    sum += term;
  }
  const b = term / sum;
  const tail = (term * n) / (n - a);
  const c = tail / (sum - term + tail);
  return { b, c };
}

const BASE = ['erlang', '--agents', '14', '--calls', '100', '--interval-seconds', '1800', '--aht', '180', '--target-seconds', '20'];

describe('ccsim erlang: figures', () => {
  it('JSON equals the engine (Erlang C) and Erlang C/B from their definitions', async () => {
    const r = await run([...BASE, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    const f = erlangCFigures(14, 10, 180, 20);
    expect(doc).toMatchObject({ model: 'erlang-c', agents: 14, erlangs: 10, calls: 100, intervalSeconds: 1800, aht: 180, targetSeconds: 20 });
    for (const key of Object.keys(f) as (keyof typeof f)[]) expect(doc[key]).toBe(f[key]);
    expect(doc.blocking).toBe(erlangB(14, 10));
    const ref = reference(14, 10);
    expect(doc.pWait).toBeCloseTo(ref.c, 12);
    expect(doc.blocking).toBeCloseTo(ref.b, 12);
    // SL(T) = 1 − C·e^{−(N−A)T/AHT}; ASA = C·AHT/(N−A)
    expect(doc.serviceLevel).toBeCloseTo(1 - ref.c * Math.exp((-(14 - 10) * 20) / 180), 12);
    expect(doc.asa).toBeCloseTo((ref.c * 180) / 4, 10);
  });

  it('the table shows every figure with its label, its JSON key and the engine value formatted', async () => {
    const r = await run(BASE);
    expect(r.code).toBe(0);
    const f = erlangCFigures(14, 10, 180, 20);
    const line = (key: string): string => r.stdout.split('\n').find((l) => l.trimEnd().endsWith(` ${key}`)) ?? '';
    expect(line('pWait')).toContain('probability of waiting');
    expect(line('pWait')).toContain(percent(f.pWait));
    expect(line('serviceLevel')).toContain('answered ≤ 20 s / offered');
    expect(line('serviceLevel')).toContain(percent(f.serviceLevel));
    expect(line('asa')).toContain(seconds(f.asa));
    expect(line('blocking')).toContain(percent(erlangB(14, 10)));
    for (const key of ['agents', 'erlangs', 'slAnswered', 'meanWait', 'pAbandon', 'answerRate', 'occupancy']) expect(line(key)).not.toBe('');
  });

  it('--patience selects Erlang A; JSON equals erlangAFigures', async () => {
    const r = await run([...BASE, '--patience', '300', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model).toBe('erlang-a');
    const f = erlangAFigures(14, 10, 180, 300, 20);
    for (const key of Object.keys(f) as (keyof typeof f)[]) expect(doc[key]).toBe(f[key]);
    expect(doc.answerRate + doc.pAbandon).toBeCloseTo(1, 14);
  });

  it('--erlangs and --arrival-rate give the same load as --calls/--interval', async () => {
    const a = JSON.parse((await run(['erlang', '--agents', '14', '--erlangs', '10', '--aht', '180', '--json'])).stdout);
    const b = JSON.parse((await run(['erlang', '--agents', '14', '--arrival-rate', '0.0625', '--aht', '160', '--json'])).stdout);
    expect(a.erlangs).toBe(10);
    expect(b.erlangs).toBe(10);
    expect(a.pWait).toBe(b.pWait);
  });

  it('--model erlang-b: blocking from the definition; answer rate 1 − B; occupancy A(1 − B)/N', async () => {
    const r = await run(['erlang', '--model', 'erlang-b', '--agents', '5', '--erlangs', '3', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const { b } = reference(5, 3);
    expect(doc.blocking).toBeCloseTo(b, 14);
    expect(doc.answerRate).toBeCloseTo(1 - b, 14);
    expect(doc.occupancy).toBeCloseTo((3 * (1 - b)) / 5, 14);
  });

  it('overload: Infinity prints as ∞ in the table and null in JSON', async () => {
    const j = JSON.parse((await run(['erlang', '--agents', '5', '--erlangs', '10', '--aht', '180', '--json'])).stdout);
    expect(j.asa).toBeNull();
    expect(j.pWait).toBe(1);
    const t = await run(['erlang', '--agents', '5', '--erlangs', '10', '--aht', '180']);
    expect(t.stdout).toMatch(/ASA: mean wait of answered\s+∞\s+asa/);
  });
});

describe('ccsim erlang: M/M/N+G', () => {
  const G = ['erlang', '--agents', '100', '--erlangs', '95', '--aht', '300', '--target-seconds', '20', '--patience', '120'];
  it('--patience-dist lognormal --patience-cv 2.5: every figure, the model named with its distribution, JSON equal to mmngFigures', async () => {
    const table = await run([...G, '--patience-dist', 'lognormal', '--patience-cv', '2.5']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 2).join(' ')) // the headline, wrapped at 120 columns
      .toBe('M/M/N+G (exact, any patience distribution): 95.000 erlangs, AHT 300 s, SL threshold 20 s, patience lognormal, mean 120 s, CV 2.5');
    for (const key of ['pWait', 'pAbandon', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'occupancy']) expect(table.stdout).toMatch(new RegExp(` ${key}\\n`));
    const r = await run([...G, '--patience-dist', 'lognormal', '--patience-cv', '2.5', '--json']);
    const doc = JSON.parse(r.stdout);
    const spec = { kind: 'lognormal', mean: 120, cv: 2.5 } as const;
    expect(doc).toMatchObject({ model: 'mmng', modelName: 'M/M/N+G (lognormal, mean 120 s, CV 2.5)', patience: 120, patienceDistribution: spec });
    const f = mmngFigures(100, 95, 300, patienceCurve(spec), 20);
    for (const key of Object.keys(f) as (keyof typeof f)[]) expect(doc[key]).toBe(f[key]);
  });

  it('--model mmng with exponential patience gives Erlang A through the general kernel (1e-12)', async () => {
    const doc = JSON.parse((await run([...G, '--model', 'mmng', '--json'])).stdout);
    const a = erlangAFigures(100, 95, 300, 120, 20);
    for (const key of ['pWait', 'pAbandon', 'serviceLevel', 'asa', 'meanWait'] as const) expect(Math.abs(doc[key] / a[key] - 1)).toBeLessThan(1e-12);
  });

  it('--patience-spec takes any distribution (a mixture), and --solve agents staffs on it', async () => {
    const spec = '{kind: mixture, components: [{weight: 0.2, kind: exponential, mean: 5}, {weight: 0.8, kind: lognormal, mean: 150, cv: 1}]}';
    const r = await run(['erlang', '--solve', 'agents', '--erlangs', '95', '--aht', '300', '--sl-target', '0.8', '--patience-spec', spec, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model).toBe('mmng');
    expect(doc.figures.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(doc.figuresOneFewer.serviceLevel).toBeLessThan(0.8);
  });
});

describe('ccsim erlang --solve agents', () => {
  it('10 erlangs, 80/20: 14 agents, the fewest meeting SL (13 misses), staff = 14 / (1 − 0.3)', async () => {
    const r = await run(['erlang', '--solve', 'agents', '--erlangs', '10', '--aht', '180', '--target-seconds', '20', '--sl-target', '0.8', '--shrinkage', '0.3', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.requiredAgents).toBe(14);
    expect(erlangCServiceLevel(14, 10, 180, 20)).toBeGreaterThanOrEqual(0.8);
    expect(erlangCServiceLevel(13, 10, 180, 20)).toBeLessThan(0.8);
    expect(doc.requiredStaff).toBeCloseTo(20, 12);
    expect(doc.requiredStaffRounded).toBe(20);
    expect(doc.binding).toEqual(['sl']);
    expect(doc.figures.serviceLevel).toBe(erlangCServiceLevel(14, 10, 180, 20));
    expect(doc.figuresOneFewer.serviceLevel).toBe(erlangCServiceLevel(13, 10, 180, 20));
  });

  it('the table shows the answer and one agent fewer side by side, marking the missed target', async () => {
    const r = await run(['erlang', '--solve', 'agents', '--calls', '100', '--interval-seconds', '1800', '--aht', '180', '--sl-target', '80%', '--asa-target', '15']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('required agents on duty:  14');
    expect(r.stdout).toMatch(/at 14 agents\s+at 13 agents\s+target/);
    expect(r.stdout).toMatch(/service level: answered ≤ 20 s \/ offered\s+88\.8\d%\s+79\.5\d% ✗\s+≥ 80\.00%/);
    expect(r.stdout).toContain('binding targets:          service level (sl), ASA (asa)');
  });

  it('Erlang A with an abandonment ceiling: the answer meets it, one fewer does not', async () => {
    const r = await run(['erlang', '--solve', 'agents', '--erlangs', '10', '--aht', '180', '--patience', '300', '--abandon-target', '0.02', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const n = doc.requiredAgents as number;
    expect(erlangAFigures(n, 10, 180, 300, 20).pAbandon).toBeLessThanOrEqual(0.02);
    expect(erlangAFigures(n - 1, 10, 180, 300, 20).pAbandon).toBeGreaterThan(0.02);
    expect(doc.binding).toEqual(['abandon']);
  });
});

describe('ccsim erlang: bad input', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['negative agents', ['--agents', '-1', '--erlangs', '10', '--aht', '180'], 1, /--agents must be a whole number ≥ 0, got "-1"/],
    ['fractional agents', ['--agents', '1.5', '--erlangs', '10', '--aht', '180'], 1, /--agents must be a whole number ≥ 0, got "1\.5"/],
    ['NaN agents', ['--agents', 'NaN', '--erlangs', '10', '--aht', '180'], 1, /--agents must be a whole number ≥ 0, got "NaN"/],
    ['NaN load', ['--agents', '14', '--erlangs', 'abc', '--aht', '180'], 1, /--erlangs must be a number ≥ 0 erlangs, got "abc"/],
    ['zero aht', ['--agents', '14', '--erlangs', '10', '--aht', '0'], 1, /--aht must be a number > 0 seconds, got "0"/],
    ['SL target 1', ['--solve', 'agents', '--erlangs', '10', '--aht', '180', '--sl-target', '1'], 1, /--sl-target must be a number in \(0, 1\) \(a fraction, e\.g\. 0\.8 for 80%\), got "1"/],
    ['SL target as percent number', ['--solve', 'agents', '--erlangs', '10', '--aht', '180', '--sl-target', '80'], 1, /--sl-target must be a number in \(0, 1\)/],
    ['shrinkage 1', ['--solve', 'agents', '--erlangs', '10', '--aht', '180', '--sl-target', '0.8', '--shrinkage', '1'], 1, /--shrinkage must be a number in \[0, 1\)/],
    ['conflicting load flags', ['--agents', '14', '--erlangs', '10', '--calls', '100', '--interval-seconds', '1800', '--aht', '180'], 2, /exactly one load flag .* got --calls and --erlangs/],
    ['a flag without its value', ['--agents'], 2, /^ccsim: Not enough arguments following: agents\n$/],
    ['no load', ['--agents', '14', '--aht', '180'], 2, /give the load: --calls N --interval-seconds SECONDS, or --erlangs A, or --arrival-rate/],
    ['calls without interval', ['--agents', '14', '--calls', '100', '--aht', '180'], 2, /--interval-seconds is required/],
    ['interval without calls', ['--agents', '14', '--erlangs', '10', '--interval-seconds', '900', '--aht', '180'], 2, /--interval-seconds applies only with --calls/],
    ['missing agents', ['--erlangs', '10', '--aht', '180'], 2, /--agents is required/],
    ['missing aht', ['--agents', '14', '--erlangs', '10'], 2, /--aht is required for erlang-c/],
    ['unknown model', ['--model', 'erlang-x', '--agents', '14', '--erlangs', '10', '--aht', '180'], 2, /Argument: model, Given: "erlang-x", Choices: "erlang-b", "erlang-c", "erlang-a", "mmng"/],
    ['unknown flag', ['--agentz', '14', '--erlangs', '10', '--aht', '180'], 2, /Unknown argument: agentz/i],
    ['flag given twice', ['--agents', '14', '--agents', '15', '--erlangs', '10', '--aht', '180'], 2, /--agents given 2 times/],
    ['target without --solve', ['--agents', '14', '--erlangs', '10', '--aht', '180', '--sl-target', '0.8'], 2, /--sl-target applies only with --solve agents/],
    ['solve without target', ['--solve', 'agents', '--erlangs', '10', '--aht', '180'], 2, /needs a target/],
    ['abandon ceiling without patience', ['--solve', 'agents', '--erlangs', '10', '--aht', '180', '--abandon-target', '0.05'], 2, /--abandon-target needs abandonment/],
    ['erlang-a without patience', ['--model', 'erlang-a', '--agents', '14', '--erlangs', '10', '--aht', '180'], 2, /erlang-a needs patience: --patience/],
    ['erlang-a with lognormal patience', ['--model', 'erlang-a', '--agents', '14', '--erlangs', '10', '--aht', '180', '--patience', '60', '--patience-cv', '2'], 2,
      /--model erlang-a assumes exponential patience, got lognormal/],
    ['patience CV 0', ['--agents', '14', '--erlangs', '10', '--aht', '180', '--patience', '60', '--patience-dist', 'lognormal', '--patience-cv', '0'], 1,
      /^ccsim: --patience-cv must be a number in \(0, 100\] \(sd \/ mean/],
    ['mixture weights not summing to 1', ['--agents', '14', '--erlangs', '10', '--aht', '180', '--patience-spec',
      '{kind: mixture, components: [{weight: 0.2, kind: exponential, mean: 5}, {weight: 0.7, kind: lognormal, mean: 150, cv: 1}]}'], 1,
      /^ccsim: --patience-spec\.components weights must sum to 1, got 0\.2 \+ 0\.7 = 0\.8999999999999999$/m],
    ['empirical patience with a negative value', ['--agents', '14', '--erlangs', '10', '--aht', '180', '--patience-spec', '{kind: empirical, values: [12, 40, -3]}'], 1,
      /^ccsim: --patience-spec\.values\[2\] must be ≥ 0 seconds \(finite\), got -3$/m],
    ['patience spec beside the mean', ['--agents', '14', '--erlangs', '10', '--aht', '180', '--patience', '60', '--patience-spec', '{kind: exponential, mean: 60}'], 2,
      /--patience-spec gives the whole distribution; drop --patience/],
  ];
  for (const [name, args, code, message] of cases) {
    it(`${name} → exit ${code}, one line, no stack trace`, async () => {
      const r = await run(['erlang', ...args]);
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.startsWith('ccsim: ')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(hasStack(r.stderr)).toBe(false);
    });
  }

  it('--debug adds the stack trace', async () => {
    const r = await run(['erlang', '--agents', '-1', '--erlangs', '10', '--aht', '180', '--debug']);
    expect(r.code).toBe(1);
    expect(hasStack(r.stderr)).toBe(true);
  });

  it('an engine RangeError maps to exit 1 with its message (no agent count up to --max-agents)', async () => {
    const r = await run(['erlang', '--solve', 'agents', '--erlangs', '100', '--aht', '180', '--sl-target', '0.8', '--max-agents', '50']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/maxAgents = 50/);
    expect(hasStack(r.stderr)).toBe(false);
  });
});
