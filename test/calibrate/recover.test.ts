/**
 * Calibration recovers known parameters: a small scenario is simulated with known values
 * (staff share 0.6, 20,000 calls a day); its simulated answered calls and answer rate become
 * the targets; calibration started far away (0.85, 26,000) fits the kernels, corrects by
 * simulation with other seeds, and lands within a few percent of the truth. It also reports
 * a parameter the targets cannot identify (patience, when the answer rate is pinned by staff).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, calibrateScenario, loadScenarioText, simulatePlan } from '../../scenarios/index.js';
import { run } from '../cli/run.js';
import { smallScenario } from '../scenarios/fixtures.js';

async function load(text: string) {
  const r = await loadScenarioText(text);
  if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

describe('fit → simulate → refit', () => {
  it('recovers staff share and volume from their own simulation', async () => {
    const truth = await load(smallScenario({ staffShare: 0.6, callsPerDay: 20000 }));
    const sim = simulatePlan(buildPlan(truth), { seed: 'truth', replications: 6 });
    const answered = sim.figures.answered;
    const answerRate = sim.figures.answerRate;
    expect(answerRate).toBeGreaterThan(0.8); // an informative regime: some abandonment, not all
    expect(answerRate).toBeLessThan(0.99);
    const start = await load(smallScenario({
      staffShare: 0.85,
      callsPerDay: 26000,
      extra: `targets:
  - { figure: answered, value: ${answered}, kind: exact, source: simulated truth }
  - { figure: answerRate, value: ${answerRate}, kind: exact, source: simulated truth }
calibration:
  parameters:
    - { path: "groups[agents].staffShare", min: 0.2, max: 1 }
    - { path: "channels[voice].callsPerDay", min: 10000, max: 40000 }`,
    }));
    const r = calibrateScenario(start, { seed: 'refit', replications: 6 });
    const [share, calls] = r.parameters.map((p) => p.final);
    expect(Math.abs(share! / 0.6 - 1)).toBeLessThan(0.03);
    expect(Math.abs(calls! / 20000 - 1)).toBeLessThan(0.03);
    for (const t of r.targets) expect(Math.abs(t.simulated!.residual)).toBeLessThan(0.01);
    expect(r.identifiability.inert).toEqual([]);
  });

  it('says when a parameter cannot be identified from the targets', async () => {
    const s = await load(smallScenario({
      extra: `targets:
  - { figure: answerRate, value: 0.9, kind: exact, source: test }
calibration:
  parameters:
    - { path: "groups[agents].staffShare", min: 0.2, max: 1 }
    - { path: "channels[voice].handleTimeSeconds.mean", min: 60, max: 400 }`,
    }));
    const r = calibrateScenario(s, { simulate: false });
    expect(r.findings.join('\n')).toMatch(/2 parameters but only 1 exact target\(s\) that they move: under-determined/);
    expect(r.targets[0]!.analyticResidual).toBeLessThan(1e-4);
  });
});

describe('ccsim calibrate on the baseline (kernels only)', () => {
  it('prints the target / fit / residual table and the honest 69% line', async () => {
    const file = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
    const r = await run(['calibrate', file, '--no-simulate', '--no-ranges']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/answerRate\[voice\]\s+exact\s+91\.220%\s+91\.220%/);
    expect(r.stdout).toMatch(/selfServiceShare\[voice\]\s+soft\s+69\.000%\s+65\.6\d\d%/);
    expect(r.stdout).toMatch(/asa\[voice\]\s+exact\s+15\.00 s\s+15\.00 s/);
    // findings are wrapped at 120 columns: read them with line breaks as spaces
    expect(r.stdout.replace(/\n\s*/g, ' ')).toMatch(/it cannot hold with the reported volumes, so it is a soft target/);
    expect(r.stdout).toMatch(/staff\s+exact \(input\)\s+51,200\s+51,200/);
  });
  it('without the ASA target, staff share and patience are not separately identifiable from the answer rate', async () => {
    const file = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
    const r = await run(['calibrate', file, '--no-simulate', '--no-ranges', '--set', 'targets[5].kind=soft',
      '--set', 'calibration.parameters[3]={path: "channels[voice].patienceSeconds.mean", min: 30, max: 600}']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n\s*/g, ' ')).toMatch(/groups\[voice-agents\]\.staffShare and channels\[voice\]\.patienceSeconds\.mean are not separately identifiable/);
  });
});
