/**
 * A sweep's definition from a scenario text, `--set` overrides and axes, checked before any
 * cell runs: the base scenario validates, every lever value applies, every path axis names a
 * value in the file, and cell 0 of a grid with path axes validates (an unknown key in a path
 * fails every cell: one message instead of one per cell).
 */
import { parseScenarioText, validateScenarioData, type LoadOptions } from '../../format/load.js';
import { parsePath, resolvePath } from '../../format/paths.js';
import { formatProblems } from '../../format/problems.js';
import { applyLevers, type Lever } from '../../plan/levers.js';
import type { ShiftBasis } from '../../plan/channelLevers.js';
import type { Scenario } from '../../format/schema.js';
import type { SweepDefinition } from './cell.js';
import { cellLabel, type Axis } from './grid.js';
import { leverOf } from './levers.js';

/** An axis that cannot work (a lever value out of range, a path naming nothing): a usage problem. */
export class AxisError extends Error {
  override name = 'AxisError';
}

/** An axis value its lever refuses whatever the scenario (a share above 1, concurrency 0): a bad value, as the same value given to `whatif` (exit 1). */
export class AxisValueError extends AxisError {
  override name = 'AxisValueError';
}

/**
 * The scenario (or cell 0) has problems, or refuses a lever value (a channel it does not have, a
 * concurrency on a voice channel, shares moved out of a channel summing above 100%): one line.
 */
export class SweepScenarioError extends Error {
  override name = 'SweepScenarioError';
}

/**
 * A `selfService` axis given in points (`+0pt:+16pt:+2pt`) as shares: the scenario's share
 * plus each change, so the `+0pt` cell is the scenario itself (the same share, bit for bit).
 * @throws {AxisError} voice channels with different shares (one change cannot name one share)
 */
function sharesFromPoints(a: Axis, s: Scenario): Axis {
  const shares = [...new Set(s.channels.filter((c) => c.kind === 'voice').map((c) => c.selfService?.share ?? 0))];
  if (shares.length !== 1) {
    throw new AxisError(`--vary ${a.name}: changes in points need one self-service share, but the voice channels have ${shares.join(', ')}; give shares (e.g. ${a.name}=0.70:0.80:0.02)`);
  }
  return { name: a.name, kind: a.kind, values: a.values.map((v) => (v === 0 ? shares[0]! : Number((shares[0]! + v).toPrecision(15)))) };
}

/** An axis value's lever; @throws {AxisValueError} a value the lever refuses whatever the scenario (a share above 1). */
function axisLever(name: string, value: number, basis: ShiftBasis | undefined): Readonly<Lever> {
  try {
    return leverOf(name, value, basis);
  } catch (err) {
    throw new AxisValueError(`--vary ${name}: ${(err as Error).message}`);
  }
}

/**
 * Applies the levers to the scenario, only to check them.
 * @throws {SweepScenarioError} a value this scenario refuses (an unknown channel, shares above 100%)
 */
function applyOrThrow(s: Scenario, axisLevers: readonly Readonly<Lever>[], flagLevers: Lever[] | undefined, label: string): void {
  try {
    applyLevers(s, [...axisLevers, ...(flagLevers ?? [])]);
  } catch (err) {
    throw new SweepScenarioError(`--vary ${label}: ${(err as Error).message}`);
  }
}

/**
 * The definition every cell is rebuilt from; its `axes` are the ones given, with a
 * `selfService` axis in points turned into shares.
 * @param file the scenario's name, for messages
 * @param options `maxBytes`: the size limit of the text (default the loader's)
 * @throws {SweepScenarioError} the scenario, or cell 0 of a grid with path axes, is invalid; or the
 *   scenario refuses a lever value (alone, or the lever axes' largest values together)
 * @throws {AxisError} a lever value refused whatever the scenario, or a path axis naming nothing
 */
export async function defineSweep(
  file: string, text: string, sets: readonly string[], axes: Axis[], options: LoadOptions & { shiftBasis?: ShiftBasis; levers?: Lever[] } = {},
): Promise<SweepDefinition> {
  const oneLine = (problems: Parameters<typeof formatProblems>[1]) => formatProblems(file, problems).split('\n').join('; ');
  const parsed = parseScenarioText(text, options);
  if ('problems' in parsed) throw new SweepScenarioError(oneLine(parsed.problems));
  const base = await validateScenarioData(structuredClone(parsed.data), [...sets]);
  if (base.state === 'invalid') throw new SweepScenarioError(oneLine(base.problems));
  axes = axes.map((a) => (a.points ? sharesFromPoints(a, base.scenario) : a));
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
    for (const v of a.values) applyOrThrow(base.scenario, [axisLever(a.name, v, options.shiftBasis)], options.levers, a.name);
  }
  // Levers that add up across axes (shares moved out of one channel): the cell with every lever
  // axis at its largest value is the worst one, so a grid that cannot hold fails here, not mid-sweep.
  const leverAxes = axes.filter((a) => a.kind !== 'path');
  if (leverAxes.length > 1) {
    const largest = leverAxes.map((a) => axisLever(a.name, Math.max(...a.values), options.shiftBasis));
    applyOrThrow(base.scenario, largest, options.levers, leverAxes.map((a) => a.name).join(' × '));
  }
  const pathAxes = axes.filter((a) => a.kind === 'path');
  if (pathAxes.length > 0) {
    const first = await validateScenarioData(structuredClone(parsed.data), [...sets, ...pathAxes.map((a) => `${a.name}=${a.values[0]}`)]);
    if (first.state === 'invalid') throw new SweepScenarioError(`${cellLabel(axes, 0)}: ${oneLine(first.problems)}`);
  }
  return {
    file, raw: parsed.data, sets: [...sets], axes, base: base.scenario,
    ...(options.shiftBasis !== undefined ? { shiftBasis: options.shiftBasis } : {}), ...(options.levers?.length ? { levers: options.levers } : {}),
  };
}
