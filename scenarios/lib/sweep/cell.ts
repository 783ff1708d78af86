/**
 * One sweep cell as plain data → the plan to evaluate: the scenario's raw data with `--set`
 * overrides and the cell's path-axis values, validated (formulas evaluated), then the cell's
 * lever values applied, then `buildPlan`. Pure and deterministic, so a worker thread computes
 * exactly what the main thread would (and `--only-cell K` reruns a cell exactly).
 *
 * A worker keeps the last validated base scenario (when no axis is a path, every cell
 * shares it), so validation and formulas run once per worker, not once per cell.
 */
import { buildPlan, type Plan } from '../build.js';
import type { Scenario } from '../schema.js';
import { cellValues, type Axis } from './grid.js';
import { leverOf } from './levers.js';
import { applyLevers } from '../levers.js';

/** Everything a worker needs to rebuild any cell of a sweep. */
export interface SweepDefinition {
  /** scenario file name, for messages */
  file: string;
  /** the scenario's parsed data before validation (formulas as text) */
  raw: unknown;
  /** `--set path=value` overrides applied to every cell */
  sets: string[];
  axes: Axis[];
  /**
   * The validated scenario with `sets` applied (formulas evaluated), when the main thread has
   * it: cells without path axes start from it, so workers never load the formula engine.
   */
  base?: Scenario;
}

/** A cell's inputs could not make a valid scenario: one line naming the problems. */
export class CellError extends Error {
  override name = 'CellError';
}

let cachedKey: string | undefined;
let cachedBase: Scenario | undefined;

async function validated(def: SweepDefinition, sets: string[]): Promise<Scenario> {
  // Loaded only when a cell needs validation (path axes): it is the costliest import (zod, ~0.2 s per worker).
  const { formatProblems, validateScenarioData } = await import('../load.js');
  const r = await validateScenarioData(structuredClone(def.raw), sets);
  if (r.state === 'invalid') throw new CellError(formatProblems(def.file, r.problems).split('\n').join('; '));
  return r.scenario;
}

/** The scenario of cell K (levers and path values applied). */
export async function cellScenario(def: SweepDefinition, cell: number): Promise<Scenario> {
  const values = cellValues(def.axes, cell);
  const pathSets: string[] = [];
  def.axes.forEach((a, i) => {
    if (a.kind === 'path') pathSets.push(`${a.name}=${values[i]}`);
  });
  let scenario: Scenario;
  if (pathSets.length === 0 && def.base) {
    scenario = def.base;
  } else if (pathSets.length === 0) {
    const key = JSON.stringify([def.file, def.sets, def.raw]);
    if (key !== cachedKey || !cachedBase) {
      cachedBase = await validated(def, def.sets);
      cachedKey = key;
    }
    scenario = cachedBase;
  } else {
    scenario = await validated(def, [...def.sets, ...pathSets]);
  }
  const levers = def.axes.flatMap((a, i) => (a.kind === 'lever' ? [leverOf(a.name, values[i]!)] : []));
  if (levers.length === 0) return scenario;
  try {
    return applyLevers(scenario, levers);
  } catch (err) {
    throw new CellError(`${def.file}: ${(err as Error).message}`);
  }
}

/** The plan (models and scale factors) of cell K. */
export async function cellPlan(def: SweepDefinition, cell: number): Promise<Plan> {
  const scenario = await cellScenario(def, cell);
  try {
    return buildPlan(scenario);
  } catch (err) {
    throw new CellError(`${def.file}: ${(err as Error).message}`);
  }
}
