/** `ccsim simulate` quick mode: JSON shape and agreement with the engine, the trace, bad input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erlangAFigures, erlangCFigures } from '../../engine/erlang/index.js';
import { meanOf, varianceOf } from '../../engine/rng/index.js';
import { specFor } from '../../cli/io/distributions.js';
import { hasStack, run, tempFile } from '../cli/run.js';

const BASE = ['simulate', '--agents', '20', '--erlangs', '18', '--aht', '180', '--target-seconds', '20', '--calls-per-replication', '20000', '--replications', '4', '--seed', '3'];

describe('ccsim simulate (quick mode)', () => {
  it('--json: figures, half-widths, the Erlang A values, and run counts', async () => {
    const r = await run([...BASE, '--patience', '90', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const keys = ['offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'occupancy'];
    expect(Object.keys(doc.figures)).toEqual(keys);
    expect(Object.keys(doc.ci95)).toEqual(keys);
    expect(doc).toMatchObject({ replications: 4, callsPerReplication: 20000 });
    expect(doc.callsPerSecond).toBeGreaterThan(0);
    const a = erlangAFigures(20, 18, 180, 90, 20);
    expect(doc.analytic).toMatchObject({ model: 'erlang-a', ...a });
    // Each simulated ratio within twice its 95% half-width of Erlang A (4 replications: t₃, a false alarm ≈ 1%
    // per figure); test/des/erlang.test.ts is the strict check with more calls.
    for (const k of ['answerRate', 'serviceLevel', 'asa', 'pAbandon', 'occupancy'] as const) {
      expect(Math.abs(doc.figures[k] - a[k]), k).toBeLessThanOrEqual(2 * doc.ci95[k]);
    }
    // Offered per replication = the 20,000 arrivals less the Poisson(λ·warm-up) ones in the warm-up
    // (λ = 18/180 per s, warm-up 20 × max(AHT, patience) = 3,600 s): mean of 4, within 5 standard errors.
    expect(doc.warmupSeconds).toBe(3600);
    expect(Math.abs(doc.figures.offered - (20000 - 0.1 * 3600))).toBeLessThan(5 * Math.sqrt((0.1 * 3600) / 4));
    expect(doc.figures.answered + doc.figures.abandoned).toBeLessThanOrEqual(doc.figures.offered);
  });

  it('the same seed gives the same figures (bytes), wall-clock fields aside', async () => {
    const strip = (s: string): string => { const d = JSON.parse(s); delete d.seconds; delete d.callsPerSecond; return JSON.stringify(d); };
    const a = await run([...BASE, '--json']), b = await run([...BASE, '--json']);
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(JSON.parse(a.stdout).analytic).toMatchObject({ model: 'erlang-c', ...erlangCFigures(20, 18, 180, 20) });
  });

  it('the table shows each figure with its half-width and the Erlang value', async () => {
    const r = await run([...BASE, '--patience', '90']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/answer rate\s+\d+\.\d+%\s+± \d+\.\d+%\s+\d+\.\d+%\s+answerRate/);
    expect(r.stdout).toContain('Erlang A');
  });

  it('--trace writes one CSV row per contact, consistent with the figures', async () => {
    const path = tempFile('trace.csv', '');
    const r = await run(['simulate', '--agents', '5', '--erlangs', '4', '--aht', '100', '--patience', '50', '--calls-per-replication', '2000', '--replications', '2', '--warmup-seconds', '0', '--trace', path, '--json']);
    expect(r.code).toBe(0);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('replication,contact,channel,retrial,arrivalTime,offeredTime,outcome,waitSeconds,handleSeconds,group');
    expect(lines.length - 1).toBe(4000); // every arrival of both replications (no self-service)
    const doc = JSON.parse(r.stdout);
    const answered = lines.filter((l) => l.includes(',answered,')).length;
    expect(answered / 2).toBe(doc.figures.answered);
  });

  it.each([
    [['--agents', '-1'], 1, '--agents must be a whole number in [0, 10000000], got "-1"'],
    // above the simulator's limit: one line naming the flag, not one per interval of the model it builds
    [['--agents', '1e8'], 1, '--agents must be a whole number in [0, 10000000], got "1e8"'],
    // each finite, their quotient not: the arrival rate (or the load) must be finite
    [['--erlangs', '1e308', '--aht', '1e-308'], 1, '--erlangs 1e+308 over --aht 1e-308 s is Infinity calls per second: the arrival rate must be finite (a smaller --erlangs or a longer --aht)'],
    [['--calls-per-replication', '0'], 1, '--calls-per-replication must be a whole number in [1, 1000000000000] calls, got "0"'],
    [['--patience', '0'], 1, '--patience must be a number > 0 seconds, got "0"'],
    [['--erlangs', '-3'], 1, '--erlangs must be a number ≥ 0 erlangs, got "-3"'],
    [['--aht', '0'], 1, '--aht must be a number > 0 seconds, got "0"'],
    [['--patience', '60', '--patience-dist', 'pareto'], 1, '--patience-dist must be one of exponential, deterministic, lognormal, gamma, erlang, weibull (or give the whole distribution as a spec), got "pareto"'],
    [['--patience', '60', '--patience-cv', '0'], 1, '--patience-cv must be a number in (0, 100] (sd / mean; 1 is exponential-like; a fixed value is --…-dist deterministic), got "0"'],
    [['--patience-spec', '{kind: mixture, components: [{weight: 0.3, kind: exponential, mean: 5}, {weight: 0.6, kind: exponential, mean: 200}]}'], 1,
      '--patience-spec.components weights must sum to 1, got 0.3 + 0.6 = 0.8999999999999999'],
    [['--patience-spec', '{kind: empirical, values: [30, -5, 60]}'], 1, '--patience-spec.values[1] must be ≥ 0 seconds (finite), got -5'],
    [['--replications', '0'], 1, '--replications must be a whole number in [1, 100000], got "0"'],
    [['--arrival-rate', '0.1'], 2, 'give --erlangs or --arrival-rate, not both'],
    [['--patience-dist', 'lognormal'], 2, '--patience-dist and --patience-cv need --patience (mean patience, seconds)'],
    [['--frobnicate', '1'], 2, 'Unknown argument: frobnicate'],
  ])('bad input %j → exit %i, one line naming the flag', async (extra, code, message) => {
    const argv = [...BASE];
    for (let i = 0; i < extra.length; i += 2) {
      const at = argv.indexOf(extra[i]!);
      if (at >= 0) argv.splice(at, 2);
      argv.push(extra[i]!, extra[i + 1]!);
    }
    const r = await run(argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe(`ccsim: ${message}\n`);
    expect(hasStack(r.stderr)).toBe(false);
  });
});

describe('specFor: --…-dist by mean and CV', () => {
  it('every distribution keeps the mean, and its exact CV (varianceOf) is the CV asked for', () => {
    for (const kind of ['lognormal', 'gamma', 'weibull'] as const) {
      for (const cv of [0.1, 0.5, 1.3, 4]) {
        const spec = specFor('--aht-dist', kind, 300, cv);
        expect(meanOf(spec)).toBeCloseTo(300, 9);
        expect(Math.sqrt(varianceOf(spec)) / 300).toBeCloseTo(cv, 9);
      }
    }
    // erlang: k = round(1/CV²), so the CV is exact when 1/CV² is a whole number
    expect(Math.sqrt(varianceOf(specFor('--aht-dist', 'erlang', 300, 0.5))) / 300).toBeCloseTo(0.5, 12);
  });
});
