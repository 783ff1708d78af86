/**
 * Sweep cells share random numbers (common random numbers, docs/levers.md): replication r of
 * every cell draws from the same streams. Consequences checked here on a fixed seed: every cell
 * of a staff-only sweep is offered the same calls; answer rates never fall as staff rise (with
 * independent streams per cell, the noise of 2-replication cells makes neighbouring cells cross);
 * and the cell equal to the scenario gives `simulatePlan`'s figures (those of `ccsim simulate FILE`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIGURE_KEYS } from '../../engine/stats/figures.js';
import { parseGrid } from '../../cli/io/vary.js';
import { buildPlan, loadScenarioText, simulatePlan } from '../../scenarios/index.js';
import { defineSweep } from '../../scenarios/studies/sweep/define.js';
import { runSweep, type CellResult } from '../../scenarios/studies/sweep/run.js';

const tiny = fileURLToPath(new URL('./fixtures/tiny.yaml', import.meta.url));
const at = (c: CellResult, key: (typeof FIGURE_KEYS)[number]) => c.figures[FIGURE_KEYS.indexOf(key)]!;

async function sweep(specs: string[], seed: number, replications: number): Promise<CellResult[]> {
  const def = await defineSweep('tiny.yaml', readFileSync(tiny, 'utf8'), [], parseGrid(specs));
  const cells: CellResult[] = [];
  await runSweep({ def, model: 'simulation', replications, seed, warmupSeconds: 0, workers: 1, onCells: (c) => cells.push(...c) });
  return cells;
}

describe('sweep: common random numbers', () => {
  it('a staff-only sweep: the same offered calls in every cell, answer rates monotone in staff (seed 7)', async () => {
    const cells = await sweep(['staff=-40%:0%:2%'], 7, 2);
    expect(cells).toHaveLength(21);
    const offered = cells.map((c) => at(c, 'offered'));
    expect(new Set(offered).size).toBe(1); // same arrivals, same self-service draws in every cell
    const rates = cells.map((c) => at(c, 'answerRate'));
    for (const r of rates) expect(Number.isFinite(r)).toBe(true);
    for (let i = 1; i < rates.length; i++) expect(rates[i]!, `cell ${i} (staff ${cells[i]!.values[0]}) vs cell ${i - 1}`).toBeGreaterThanOrEqual(rates[i - 1]!);
    expect(rates[20]! - rates[0]!).toBeGreaterThan(0.05); // −40% staff is visibly worse
  });

  it('the cell equal to the scenario gives simulatePlan\'s figures (ccsim simulate FILE), bit for bit', async () => {
    const [cell] = await sweep(['staff=0%,-10%'], 11, 3);
    const r = await loadScenarioText(readFileSync(tiny, 'utf8'));
    if (r.state !== 'valid') throw new Error('tiny.yaml is invalid');
    const sim = simulatePlan(buildPlan(r.scenario), { seed: 11, replications: 3, warmupSeconds: 0 });
    for (const key of FIGURE_KEYS) expect(at(cell!, key), key).toBe(sim.figures[key]);
  });
});
