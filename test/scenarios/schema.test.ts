/**
 * The scenario schema and loader: every problem is listed with its path, its value and the
 * allowed range (never only the first); malformed YAML names the line and column; unknown
 * keys are errors with a suggestion; `--set` overrides are validated like the file; the CLI
 * exits 1 and runs nothing on an invalid file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, loadScenarioText, suggestKey } from '../../scenarios/index.js';
import type { Problem } from '../../scenarios/index.js';
import { run } from '../cli/run.js';
import { smallScenario } from './fixtures.js';

async function problemsOf(text: string, sets: string[] = []): Promise<string[]> {
  const r = await loadScenarioText(text, sets);
  if (r.state === 'valid') return [];
  return formatProblems('x.yaml', r.problems as Problem[]).split('\n');
}

describe('a valid scenario', () => {
  it('loads, with plain numbers and no formula', async () => {
    const r = await loadScenarioText(smallScenario());
    expect(r.state).toBe('valid');
    if (r.state === 'valid') {
      expect(r.formulas).toBe(0);
      expect(r.scenario.channels[0]!.callsPerDay).toBe(20000);
    }
  });
  it('JSON is accepted too', async () => {
    const r = await loadScenarioText(smallScenario());
    if (r.state !== 'valid') throw new Error('fixture invalid');
    const again = await loadScenarioText(JSON.stringify(r.scenario));
    expect(again.state).toBe('valid');
  });
});

describe('every problem, with its path, value and range', () => {
  it('malformed YAML gives line and column', async () => {
    const p = await problemsOf('name: x\nchannels: [\n  {a: 1\nfoo: : bar\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]).toMatch(/^x\.yaml: \(line \d+, column \d+\) is not valid YAML\/JSON/);
  });

  it('lists negative volume, share > 1, negative patience, unknown key and a wrong-unit key together', async () => {
    const text = smallScenario({ callsPerDay: -5, patience: -3 })
      .replace('share: 0.5', 'share: 1.5')
      .replace('shrinkage: 0.3', 'shrinkage: 0.3\n    shrinkge: 0.1')
      .replace('targetSeconds: 20', 'targetMinutes: 0.33');
    const p = await problemsOf(text);
    expect(p).toContain('x.yaml: channels[voice].callsPerDay must be ≥ 0 calls per day, got -5');
    expect(p).toContain('x.yaml: channels[voice].selfService.share must be ≤ 1 (a fraction), got 1.5');
    expect(p).toContain('x.yaml: channels[voice].patienceSeconds.mean must be > 0 seconds, got -3');
    expect(p).toContain("x.yaml: groups[agents].shrinkge is not a known key (did you mean 'shrinkage'?)");
    expect(p).toContain("x.yaml: channels[voice].targetMinutes is not a known key (did you mean 'targetSeconds'?)");
    expect(p).toContain('x.yaml: channels[voice].targetSeconds is required (a number seconds)');
  });

  it('a share below 0 and an interval length in minutes are refused with the allowed values', async () => {
    const p = await problemsOf(smallScenario().replace('intervalSeconds: 3600', 'intervalSeconds: 30').replace('volumeShare: 1', 'volumeShare: -0.2'));
    expect(p).toContain('x.yaml: intervalSeconds must be 900, 1800 or 3600 seconds (15, 30 or 60 minutes), got 30');
    expect(p).toContain('x.yaml: centreClasses[only].volumeShare must be ≥ 0 (a fraction), got -0.2');
  });

  it('a value with a unit is refused: the unit belongs in the key name', async () => {
    const p = await problemsOf(smallScenario().replace('mean: 180', 'mean: "180 s"'));
    expect(p).toContain("x.yaml: channels[voice].handleTimeSeconds.mean formula '180 s' failed: unknown name s (mathjs would read it as a unit; units are not allowed, the unit is in the key name)");
  });

  it('formulas that throw or name unknown variables are listed with their paths', async () => {
    const p = await problemsOf(smallScenario({ extra: 'constants: { a: "zz * 2", u: "b * 2" }' })
      .replace('callsPerDay: 20000', 'callsPerDay: "nope * 2"')
      .replace('staffPerCentre: 200', 'staffPerCentre: "sqrt(-1)"')
      .replace('[1, 1, 1, 1, 1, 1, 2,', '["1/0", 1, 1, 1, 1, 1, 2,'));
    expect(p).toContain("x.yaml: constants.a formula 'zz * 2' failed: Undefined symbol zz");
    expect(p).toContain("x.yaml: constants.u formula 'b * 2' failed: unknown name b (mathjs would read it as a unit; units are not allowed, the unit is in the key name)");
    expect(p).toContain("x.yaml: channels[voice].callsPerDay formula 'nope * 2' failed: Undefined symbol nope");
    expect(p.some((l) => l.startsWith("x.yaml: centreClasses[only].staffPerCentre 'sqrt(-1)' evaluates to a Complex"))).toBe(true);
    expect(p.some((l) => l.startsWith("x.yaml: dayTypes[day].intradayProfile[0] '1/0 at h = 0.5' evaluates to Infinity"))).toBe(true);
    // reported once each: no duplicate "must be a number" for the same path
    expect(p.filter((l) => l.includes('channels[voice].callsPerDay')).length).toBe(1);
  });

  it('cross-field rules: volume shares sum to 1, skills name channels, one value per interval', async () => {
    const p = await problemsOf(smallScenario()
      .replace('volumeShare: 1', 'volumeShare: 0.7')
      .replace('skills: [voice]', 'skills: [voise]')
      .replace('[1, 1, 1, 1, 1, 1, 2,', '[1, 2,'));
    expect(p).toContain('x.yaml: centreClasses[*].volumeShare must sum to 1 (each class\'s share of every channel\'s volume), got 0.7');
    expect(p).toContain("x.yaml: groups[agents].skills[0] must name a channel (voice), got 'voise'");
    expect(p).toContain("x.yaml: dayTypes[day].intradayProfile must have one weight per interval: 24 items for intervalSeconds 3600, got '19 items'");
  });

  it('--set overrides are validated like the file, and a bad path is named', async () => {
    expect(await problemsOf(smallScenario(), ['channels[voice].patienceSeconds.mean=-3'])).toEqual([
      'x.yaml: channels[voice].patienceSeconds.mean must be > 0 seconds, got -3',
    ]);
    const p = await problemsOf(smallScenario(), ['channels[voce].handleTimeSeconds.mean=100', 'groups[0]']);
    expect(p[0]).toMatch(/--set channels\[voce\]\.handleTimeSeconds\.mean names no value in the scenario: channels has no item named 'voce' \(names: voice\)/);
    expect(p[1]).toMatch(/--set must be path=value/);
    const ok = await loadScenarioText(smallScenario(), ['channels[0].handleTimeSeconds.mean=150']);
    expect(ok.state === 'valid' && ok.scenario.channels[0]!.handleTimeSeconds).toEqual({ kind: 'exponential', mean: 150 });
  });

  it('an empty file, one with only comments, and a top level that is not a mapping: one line each', async () => {
    expect(await problemsOf('')).toEqual([expect.stringMatching(/^x\.yaml: the file is empty: a scenario is a YAML or JSON mapping with name, intervalSeconds/)]);
    expect(await problemsOf('  \n\n')).toEqual([expect.stringMatching(/^x\.yaml: the file is empty: /)]);
    expect(await problemsOf('# nothing yet\n')).toEqual([expect.stringMatching(/^x\.yaml: the file is empty \(only comments\): /)]);
    expect(await problemsOf('- a\n- b\n')).toEqual([expect.stringMatching(/^x\.yaml: \(top level\) must be a mapping of keys .*, got a list$/)]);
    expect(await problemsOf('42\n')).toEqual([expect.stringMatching(/, got 42$/)]);
  });

  it('paths name list items by their unique name, and fall back to the index when a name is repeated', async () => {
    const twice = smallScenario().replace('  - { name: only, centres: 1, staffPerCentre: 200, volumeShare: 1 }', '  - { name: only, centres: 1, staffPerCentre: -1, volumeShare: 0.5 }\n  - { name: only, centres: 1, staffPerCentre: 200, volumeShare: 0.5 }');
    expect(twice).not.toBe(smallScenario());
    expect(await problemsOf(twice)).toContain('x.yaml: centreClasses[0].staffPerCentre must be ≥ 0 people, got -1');
    expect(await problemsOf(smallScenario(), ['centreClasses[only].staffPerCentre=-1'])).toContain('x.yaml: centreClasses[only].staffPerCentre must be ≥ 0 people, got -1');
  });

  it('suggests the closest key, and the Seconds key for a wrong time unit', () => {
    expect(suggestKey('patienceMinutes')).toBe('patienceSeconds');
    expect(suggestKey('voluemShare')).toBe('volumeShare');
    expect(suggestKey('zzzzzzzzzz')).toBeUndefined();
  });
});

describe('ccsim validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-scn-'));
  it('a valid file: exit 0 and one summary line', async () => {
    const f = join(dir, 'ok.yaml');
    writeFileSync(f, smallScenario());
    const r = await run(['validate', f]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/valid — small: 1 centre class\(es\) \(1 centres, 200 staff\)/);
  });
  it('an invalid file: every problem on stderr, exit 1, nothing on stdout', async () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, smallScenario({ callsPerDay: -5 }).replace('share: 0.5', 'share: 2'));
    for (const cmd of ['validate', 'simulate', 'whatif', 'calibrate']) {
      const r = await run([cmd, f]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${f}: channels[voice].callsPerDay must be ≥ 0 calls per day, got -5`);
      expect(r.stderr).toContain(`${f}: channels[voice].selfService.share must be ≤ 1 (a fraction), got 2`);
    }
  });
});
