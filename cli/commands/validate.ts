/**
 * `ccsim validate FILE [--set path=value]…`: checks a scenario file without running it.
 * Exit 0 with a one-line summary, or every problem (one per line, `file: path message, got
 * value`) and exit 1. Also exports the helpers every scenario command shares (`--set`,
 * loading with problems turned into an InputError).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { buildPlan, loadScenarioFile, ScenarioError } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/index.js';
import { InputError } from '../errors.js';
import { count, toJson } from '../format/index.js';
import type { Range } from '../io/fields.js';
import { numberFlag } from '../io/flags.js';

type Args = Record<string, unknown>;

/** The `--set` option, repeatable. */
export function withScenarioOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .positional('file', { type: 'string', describe: 'scenario file (YAML or JSON)' })
    .option('set', {
      type: 'string',
      requiresArg: true,
      describe: 'override one value: path=value (e.g. channels[voice].handleTimeSeconds.mean=180); repeatable',
    }) as Argv<T>;
}

/** The `--set` values as a list (yargs gives a string for one, an array for several). */
export function setsOf(argv: Args): string[] {
  const v = argv.set;
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** Replications of a scenario run: at least 2, so every figure has a 95% interval. */
const RANGE_SCENARIO_REPLICATIONS: Range = { min: 2, integer: true };

/**
 * `--replications` of a scenario command, or undefined when absent (the file's value applies).
 * @throws {InputError} not a whole number ≥ 2; {UsageError} given twice
 */
export function replicationsOf(argv: Args): number | undefined {
  return numberFlag(argv, 'replications', RANGE_SCENARIO_REPLICATIONS);
}

/**
 * Loads a scenario for a command; a scenario with problems becomes one InputError listing
 * every problem (exit code 1), before anything runs.
 */
export async function loadForCommand(argv: Args): Promise<{ file: string; scenario: Scenario; formulas: number; text: string; raw: unknown }> {
  const file = argv.file;
  if (typeof file !== 'string' || file === '') throw new InputError('name a scenario file: ccsim <command> FILE');
  try {
    return { file, ...(await loadScenarioFile(file, setsOf(argv))) };
  } catch (err) {
    if (err instanceof ScenarioError) throw new InputError(err.message);
    throw err;
  }
}

/** A one-line description of a valid scenario. */
export function summaryLine(file: string, s: Scenario, formulas: number): string {
  const plan = buildPlan(s);
  const centres = s.centreClasses.reduce((a, c) => a + c.centres, 0);
  return `${file}: valid — ${s.name}: ${s.centreClasses.length} centre class(es) (${count(centres)} centres, ${count(plan.staff)} staff), ` +
    `${s.dayTypes.length} day type(s) (${count(plan.periodDays)} days), ${s.channels.length} channel(s), ${s.groups.length} group(s), ` +
    `${s.intervalSeconds}-s intervals, ${plan.runs.length} one-day runs, ${formulas} formula(s), ${s.targets?.length ?? 0} target(s), ` +
    `${s.calibration?.parameters.length ?? 0} calibration parameter(s)`;
}

export const validateCommand: CommandModule<object, Args> = {
  command: 'validate <file>',
  describe: 'check a scenario file (schema, units, formulas, cross-references) without running it',
  builder: (y) =>
    withScenarioOptions(y)
      .option('json', { type: 'boolean', describe: 'print the validated scenario (formulas evaluated) as JSON' })
      .example('$0 validate scenarios/china-banking-2017.yaml', 'one-line summary, or every problem and exit 1')
      .example('$0 validate scenarios/china-banking-2017.yaml --set channels[voice].patienceSeconds.mean=-3', 'see an error') as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const { file, scenario, formulas } = await loadForCommand(argv);
    process.stdout.write(argv.json === true ? `${toJson(scenario, 2)}\n` : `${summaryLine(file, scenario, formulas)}\n`);
  },
};
