/**
 * A sweep's definition from a scenario text, `--set` overrides and axes, checked before any
 * cell runs: the base scenario validates, every lever value applies, every path axis names a
 * value in the file, and cell 0 of a grid with path axes validates (an unknown key in a path
 * fails every cell: one message instead of one per cell).
 */
import { parseScenarioText, validateScenarioData } from '../../format/load.js';
import { parsePath, resolvePath } from '../../format/paths.js';
import { formatProblems } from '../../format/problems.js';
import { applyLevers } from '../../plan/levers.js';
import type { SweepDefinition } from './cell.js';
import { cellLabel, type Axis } from './grid.js';
import { leverOf } from './levers.js';

/** An axis that cannot work (a lever value out of range, a path naming nothing): a usage problem. */
export class AxisError extends Error {
  override name = 'AxisError';
}

/** The scenario (or cell 0) has problems: one line listing them. */
export class SweepScenarioError extends Error {
  override name = 'SweepScenarioError';
}

/**
 * The definition every cell is rebuilt from.
 * @param file the scenario's name, for messages
 * @throws {SweepScenarioError} the scenario, or cell 0 of a grid with path axes, is invalid
 * @throws {AxisError} a lever value the scenario refuses, or a path axis naming nothing
 */
export async function defineSweep(file: string, text: string, sets: readonly string[], axes: Axis[]): Promise<SweepDefinition> {
  const oneLine = (problems: Parameters<typeof formatProblems>[1]) => formatProblems(file, problems).split('\n').join('; ');
  const parsed = parseScenarioText(text);
  if ('problems' in parsed) throw new SweepScenarioError(oneLine(parsed.problems));
  const base = await validateScenarioData(structuredClone(parsed.data), [...sets]);
  if (base.state === 'invalid') throw new SweepScenarioError(oneLine(base.problems));
  for (const a of axes) {
    if (a.kind === 'path') {
      let where: ReturnType<typeof resolvePath>;
      try {
        where = resolvePath(parsed.data, parsePath(a.name));
      } catch (err) {
        throw new AxisError(`--vary ${a.name}: ${(err as Error).message}`);
      }
      if ('error' in where) throw new AxisError(`--vary ${a.name}: names no value in ${file}: ${where.error}`);
      continue;
    }
    for (const v of a.values) {
      try {
        applyLevers(base.scenario, [leverOf(a.name, v)]);
      } catch (err) {
        throw new AxisError(`--vary ${a.name}: ${(err as Error).message}`);
      }
    }
  }
  const pathAxes = axes.filter((a) => a.kind === 'path');
  if (pathAxes.length > 0) {
    const first = await validateScenarioData(structuredClone(parsed.data), [...sets, ...pathAxes.map((a) => `${a.name}=${a.values[0]}`)]);
    if (first.state === 'invalid') throw new SweepScenarioError(`${cellLabel(axes, 0)}: ${oneLine(first.problems)}`);
  }
  return { file, raw: parsed.data, sets: [...sets], axes, base: base.scenario };
}
