/**
 * One sweep cell as plain data → the plan to evaluate: the scenario's raw data with `--set`
 * overrides and the cell's path-axis values, validated (formulas evaluated), then the cell's
 * lever values applied, then the plan (`planBuilder`, i.e. `buildPlan`'s numbers). Pure and
 * deterministic, so a worker thread computes exactly what the main thread would (and
 * `--only-cell K` reruns a cell exactly).
 *
 * A worker keeps the last validated base scenario (when no axis is a path, every cell
 * shares it), so validation and formulas run once per worker, not once per cell; a block of
 * cells goes through one `cellPlanner`, which does once what no cell changes.
 */
import { formatProblems } from '../../format/problems.js';
import { planBuilder, type Plan } from '../../plan/build.js';
import type { Scenario } from '../../format/schema.js';
import { cellValues, type Axis } from './grid.js';
import { leverOf } from './levers.js';
import { withLevers, type Lever } from '../../plan/levers.js';
import type { ShiftBasis } from '../../plan/channelLevers.js';

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
  /** which contacts `shift.FROM:TO` axes move (`--shift-basis`; absent: arrivals before self-service) */
  shiftBasis?: ShiftBasis;
  /** levers applied to every cell after the axes' (`--shift-conversion`) */
  levers?: Lever[];
}

/** A cell's inputs could not make a valid scenario: one line naming the problems. */
export class CellError extends Error {
  override name = 'CellError';
}

/**
 * buildPlan with the arrival rates kept from one cell to the next while their inputs are
 * equal (by value, so any definition may use it): a staff × AHT grid computes them once.
 */
const buildCellPlan = planBuilder();

let cachedKey: string | undefined;
let cachedBase: Scenario | undefined;

async function validated(def: SweepDefinition, sets: string[]): Promise<Scenario> {
  // Loaded only when a cell needs validation (path axes): it is the costliest import (zod, ~0.2 s per worker).
  const { validateScenarioData } = await import('../../format/load.js');
  const r = await validateScenarioData(structuredClone(def.raw), sets);
  if (r.state === 'invalid') throw new CellError(formatProblems(def.file, r.problems).split('\n').join('; '));
  return r.scenario;
}

/**
 * A sweep's cell → plan function, with what no cell changes done once: the base scenario
 * validated (when no axis is a scenario path). Per cell: the levers (each axis value parsed
 * once, see `leverOf`) applied to a shallow frame of the base (`withLevers`), and the plan
 * (`planBuilder`: arrival rates reused while the cell leaves them unchanged). Plans are plain
 * data sharing arrays with other cells' plans and objects with the base: read them, do not change them.
 * @example const planOf = await cellPlanner(def); for (let c = 0; c < n; c++) use(await planOf(c));
 */
export async function cellPlanner(def: SweepDefinition): Promise<(cell: number) => Promise<Plan>> {
  const scenarioOf = await cellScenarios(def);
  return async (cell) => {
    const scenario = await scenarioOf(cell);
    try {
      return buildCellPlan(scenario);
    } catch (err) {
      throw new CellError(`${def.file}: ${(err as Error).message}`);
    }
  };
}

/** The cell → scenario function behind `cellPlanner` (levers and path values applied). */
async function cellScenarios(def: SweepDefinition): Promise<(cell: number) => Promise<Scenario>> {
  const axes = def.axes;
  const hasPaths = axes.some((a) => a.kind === 'path');
  const base = hasPaths ? undefined : (def.base ?? (await baseOf(def)));
  const values: number[] = [];
  return async (cell) => {
    cellValues(axes, cell, values);
    const scenario = base ?? (await validated(def, [...def.sets, ...axes.flatMap((a, i) => (a.kind === 'path' ? [`${a.name}=${values[i]}`] : []))]));
    const levers: Lever[] = [];
    try {
      for (let i = 0; i < axes.length; i++) if (axes[i]!.kind === 'lever') levers.push(leverOf(axes[i]!.name, values[i]!, def.shiftBasis));
      if (def.levers) levers.push(...def.levers);
      return levers.length === 0 ? scenario : withLevers(scenario, levers);
    } catch (err) {
      throw new CellError(`${def.file}: ${(err as Error).message}`);
    }
  };
}

/** The validated base scenario (`sets` applied), kept for the next definition with the same inputs. */
async function baseOf(def: SweepDefinition): Promise<Scenario> {
  const key = JSON.stringify([def.file, def.sets, def.raw]);
  if (key !== cachedKey || !cachedBase) {
    cachedBase = await validated(def, def.sets);
    cachedKey = key;
  }
  return cachedBase;
}

/**
 * The scenario of cell K (levers and path values applied), for reading only: it shares
 * objects with `def.base` (see `withLevers`); `applyLevers` gives a copy to change.
 */
export async function cellScenario(def: SweepDefinition, cell: number): Promise<Scenario> {
  return (await cellScenarios(def))(cell);
}

/** The plan (models and scale factors) of cell K; for many cells, `cellPlanner`. */
export async function cellPlan(def: SweepDefinition, cell: number): Promise<Plan> {
  return (await cellPlanner(def))(cell);
}
