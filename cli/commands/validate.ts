/**
 * `ccsim validate FILE [--set path=value]…`: checks a scenario file without running it.
 * Exit 0 with a one-line summary, or every problem (one per line, `file: path message, got
 * value`) and exit 1.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { buildPlan } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/index.js';
import { count, toJson } from '../format/index.js';
import { loadForCommand, withScenarioOptions } from '../io/scenario.js';

type Args = Record<string, unknown>;

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
  command: 'validate [file]',
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
