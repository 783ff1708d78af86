/**
 * `ccsim simulate FILE`, the scenario mode of the simulate command (simulate.ts dispatches
 * here when given a file): the scenario's runs simulated, scaled to the period, beside the
 * kernels, with its targets, per-channel, per-group (and with `--by interval` per-interval)
 * figures and per-centre-class figures. Tables share whatif's figure rows.
 */
import { figuresOf, GROUP_FIGURE_KEYS, groupFiguresOf, type Figures } from '../../engine/stats/figures.js';
import {
  againstReported, analyticCaveats, analyticModelName, analyticPlan, buildPlan, classFigures, definedFigures, describeScales, selfServiceNotes,
  targetFigures, targetName, targetReplications, targetSummary, targetValue, type TargetFigure,
} from '../../scenarios/index.js';
import { blendWords, channelHeading, channelRows, groupTable, intervalTable, oneSideTable } from '../format/slices.js';
import { breakdownsOf, channelInfos } from '../io/breakdowns.js';
import { InputError, UsageError } from '../errors.js';
import { count, csvLine, fixed, formatByKind, percent, renderTable, roundFor, seconds, signedPercent, toJson, unitOf, withUnit, wrapLines } from '../format/index.js';
import { simulatePlanParallel } from '../../scenarios/index.js';
import { withInterrupt, workersFlag } from '../io/workers.js';
import { formatTargetValue } from './calibrate.js';
import { loadForCommand } from '../io/scenario.js';
import { WHATIF_ROWS, ci, commonTarget, kernelCell, overloadNote, runOptionsOf, valueOf } from './whatif.js';
import { simulateReport } from '../../scenarios/index.js';
import { commandArgs, reportFlag } from '../report/flag.js';
import { commandLine, reportDocument, sha256, writeReport } from '../report/write.js';
import { enforceWork, wantsProgress, warnBefore } from '../io/budget.js';
import { planWork } from '../../scenarios/plan/work.js';
import { createProgress } from '../io/progress.js';

type Args = Record<string, unknown>;

/** Figures of the per-centre-class table (and its CSV rows). */
const CLASS_KEYS = ['answerRate', 'serviceLevel', 'asa', 'occupancy', 'answered'] as const satisfies readonly (keyof Figures)[];

/** Flags of quick mode (no FILE) that mean nothing with a scenario file. */
export const QUICK_ONLY_FLAGS: readonly string[] = [
  'agents', 'erlangs', 'arrival-rate', 'aht', 'aht-cv', 'aht-dist', 'patience', 'patience-dist', 'patience-cv', 'patience-spec', 'target-seconds',
  'calls-per-replication', 'warmup-seconds', 'trace',
];

/**
 * `ccsim simulate FILE`: the scenario's runs simulated (replications from the file or
 * `--replications`), scaled to the period, beside the kernels; each target with its reported
 * value, the simulated 95% interval and whether the reported value lies in it; per centre
 * class figures; the scale factors. With `--check-targets`, exit 1 when an exact target misses.
 */
export async function runSimulateFile(argv: Args): Promise<void> {
  const stray = QUICK_ONLY_FLAGS.filter((k) => argv[k] !== undefined);
  if (stray.length > 0) {
    throw new UsageError(`${stray.map((k) => `--${k}`).join(', ')} belong to quick mode (no FILE); with a scenario file change values with --set path=value`);
  }
  const report = reportFlag(argv);
  const { file, scenario, text } = await loadForCommand(argv);
  const check = argv['check-targets'] === true;
  if (check && !(scenario.targets ?? []).some((t) => t.kind === 'exact')) {
    throw new InputError(`--check-targets: ${file} has no exact target to check (targets[].kind: exact)`);
  }
  const o = runOptionsOf(argv, scenario);
  const by = breakdownsOf(argv, scenario);
  const plan = buildPlan(scenario);
  const workers = workersFlag(argv);
  // Before anything runs: the work against the limits, and a warning where the kernels have no steady state.
  const work = planWork(plan, o.replications, workers);
  enforceWork(work, argv, 'simulate');
  const analyticRaw = analyticPlan(plan);
  const analytic = { ...analyticRaw, figures: definedFigures(analyticRaw) };
  if (analytic.overloadedIntervals > 0) {
    warnBefore(`${analytic.overloadedIntervals} interval(s) have demand at or over the agents and callers never give up (no patience, or every abandoned call redialled): the kernels have no steady state there ("overloaded"); the simulated queue grows through them`);
  }
  const progress = createProgress({ total: o.replications * plan.runs.length, unit: 'runs', quiet: argv.quiet === true || !wantsProgress(work, workers) });
  const sim = await withInterrupt((signal) => simulatePlanParallel(plan, { seed: o.seed, replications: o.replications, warmupSeconds: o.warmupSeconds, workers, signal, onRun: (done) => progress.update(done), ...(report ? { intervals: true } : {}) }))
    .finally(() => progress.stop()); // --workers (issue 5)
  const aByChannel = analytic.slices.byChannel.map(figuresOf);
  const targets = (scenario.targets ?? []).map((t) => {
    const s = targetSummary(t.figure, targetReplications(scenario, t, sim), plan.staff);
    return {
      figure: t.figure, ...(t.channel !== undefined ? { channel: t.channel } : {}), name: targetName(t), kind: t.kind, reported: t.value, source: t.source,
      analytic: targetValue(t.figure, targetFigures(scenario, t, analytic.figures, aByChannel), plan.staff),
      simulated: s.mean, ci95: s.ci95, ...againstReported(s, t.value),
    };
  });
  const classes = classFigures(scenario, plan, analytic.byRun, sim);
  const scale = plan.runs.map((r) => ({ centreClass: r.centreClass, dayType: r.dayType, centres: r.centres, days: r.days, scale: r.scale, volumeFactor: r.volumeFactor, weight: r.weight }));
  if (report !== undefined) {
    const body = simulateReport({
      scenario, plan, analytic: analytic.figures, analyticByChannel: aByChannel, kernels: analytic.kernels, simulation: sim, classes,
      targets: targets.map((t) => ({
        figure: t.figure, ...(t.channel !== undefined ? { channel: t.channel } : {}), kind: t.kind, reported: t.reported, kernels: t.analytic,
        simulated: { mean: t.simulated, ci95: t.ci95 }, ...(t.source ? { source: t.source } : {}),
      })),
    });
    const doc = reportDocument(body, { scenario: { name: scenario.name, file, sha256: sha256(text) }, command: commandLine(commandArgs()), seed: o.seed, replications: o.replications }, scenario.channels[0]?.targetSeconds);
    const bytes = writeReport(report, doc);
    process.stderr.write(`simulate: report ${report} (${(bytes / 1024).toFixed(0)} KB)\n`);
  }
  const channels = channelInfos(scenario, analytic.kernels);
  const aByGroup = analytic.slices.byGroup.map(groupFiguresOf);
  const aByInterval = analytic.slices.byInterval.map((row) => row.map(figuresOf));
  if (argv.csv === true) {
    // One table in long form: the period's figures, then the targets, then each centre class's figures (and the breakdowns asked for).
    // Each row names its figure's unit; kernels, simulated, ci95 and reported are rounded for it.
    const row = (table: string, name: string, figure: string, kind: string, values: readonly (number | undefined)[], tail: readonly (number | boolean | undefined)[] = []) => {
      const u = unitOf(figure);
      return csvLine([table, name, figure, u, kind, ...values.map((v) => roundFor(u, v)), ...tail]);
    };
    let csv = csvLine(['table', 'name', 'figure', 'unit', 'kind', 'kernels', 'simulated', 'ci95', 'reported', withUnit('residual', 'fraction'), 'reportedInCi95']);
    for (const r of WHATIF_ROWS) {
      csv += row('figures', scenario.name, r.key, '', [valueOf({ staff: plan.staff }, analytic.figures, r.key), valueOf({ staff: plan.staff }, sim.figures, r.key),
        r.key === 'staff' ? 0 : sim.ci95[r.key as keyof Figures]]);
    }
    for (const t of targets) csv += row('targets', t.name, t.figure, t.kind, [t.analytic, t.simulated, t.ci95, t.reported], [roundFor('fraction', t.residual), t.withinCi]);
    for (const c of classes) {
      for (const key of CLASS_KEYS) csv += row('centreClasses', c.centreClass, key, '', [c.analytic[key], c.simulated.figures[key], c.simulated.ci95[key]]);
    }
    if (by.channel) {
      channels.forEach((c, i) => {
        for (const r of channelRows(c)) csv += row('channels', c.name, r.key, c.kind, [aByChannel[i]![r.key], sim.byChannel[i]!.figures[r.key], sim.byChannel[i]!.ci95[r.key]]);
      });
    }
    if (by.group) {
      scenario.groups.forEach((g, i) => {
        for (const key of GROUP_FIGURE_KEYS) csv += row('groups', g.name, key, '', [aByGroup[i]![key], sim.byGroup[i]!.figures[key], sim.byGroup[i]!.ci95[key]]);
      });
    }
    if (by.interval) {
      sim.byInterval.forEach((r, k) => r.forEach((f, i) => {
        for (const x of channelRows(channels[i]!)) csv += row('intervals', `${channels[i]!.name}@${k}`, x.key, channels[i]!.kind, [aByInterval[k]?.[i]?.[x.key], f.figures[x.key], f.ci95[x.key]]);
      }));
    }
    process.stdout.write(csv);
    if (check) reportMissedTargets(targets);
    return;
  }
  if (argv.json === true) {
    const byChannel = channels.map((c, i) => ({ channel: c.name, kind: c.kind, kernel: analytic.kernels[i], analytic: aByChannel[i], simulated: { figures: sim.byChannel[i]!.figures, ci95: sim.byChannel[i]!.ci95 } }));
    const byGroup = scenario.groups.map((g, i) => ({ group: g.name, analytic: aByGroup[i], simulated: sim.byGroup[i] }));
    const byInterval = by.interval ? sim.byInterval.map((row, k) => ({ interval: k, byChannel: row.map((f, i) => ({ channel: channels[i]!.name, analytic: aByInterval[k]?.[i], simulated: f })) })) : undefined;
    process.stdout.write(`${toJson({
      file, scenario: scenario.name, staff: plan.staff, periodDays: plan.periodDays, scale, replications: o.replications, seed: o.seed, seconds: sim.seconds,
      analyticModel: analyticModelName(plan), analyticCaveats: analyticCaveats(plan), analytic: analytic.figures, overloadedIntervals: analytic.overloadedIntervals, simulated: { figures: sim.figures, ci95: sim.ci95 }, targets, classes, byChannel, byGroup,
      carriedBacklog: { channels: channels.map((c) => c.name), ...sim.carriedBacklog }, ...(byInterval ? { byInterval } : {}),
    }, 2)}\n`);
    if (check) reportMissedTargets(targets);
    return;
  }
  const out: string[] = [];
  out.push(wrapLines(`Simulated ${file} (${scenario.name}): ${plan.runs.length} one-day runs (one centre per class × day type${plan.runs.some((r) => r.weight < 1) ? ' × day volume' : ''}), ${o.replications} replications, seed ${o.seed}, ${sim.seconds.toFixed(1)} s (${count(sim.arrivals)} contacts).`));
  out.push(wrapLines(`Scale factors (centres × days → the ${count(plan.periodDays)}-day period): ${describeScales(plan.runs, count)}.`));
  out.push(wrapLines('± is the 95% half-width across replications; industry figures come from summed tallies, never averaged ratios.'));
  out.push(wrapLines(`Kernels: period by period, ${analyticModelName(plan)}; unlike the simulation, ${analyticCaveats(plan).join('; ')}.`));
  out.push('');
  const blend = channels.length > 1;
  if (blend) out.push(wrapLines(`All channels together: ${blendWords(channels)} added up (a blend; each channel below; kernels "–" where a channel has none):`));
  const T = commonTarget(scenario.channels);
  out.push(renderTable(
    [{ header: 'figure' }, { header: 'kernels', align: 'right' }, { header: 'simulated', align: 'right' }, { header: 'JSON key' }],
    WHATIF_ROWS.map((row) => {
      const a = valueOf({ staff: plan.staff }, analytic.figures, row.key);
      const s = valueOf({ staff: plan.staff }, sim.figures, row.key);
      return [row.label(T, blend), kernelCell(row.kind, a, analytic.overloadedIntervals), formatByKind(row.kind, s) + (row.key === 'staff' ? '' : ci(row.kind, sim.ci95[row.key as keyof Figures])), row.key];
    }),
  ).trimEnd());
  const note = overloadNote(analytic.overloadedIntervals);
  if (note) out.push(note);
  if (targets.length > 0) {
    out.push('');
    out.push('Targets:');
    out.push(renderTable(
      [{ header: 'target' }, { header: 'kind' }, { header: 'reported', align: 'right' }, { header: 'kernels', align: 'right' }, { header: 'simulated', align: 'right' }, { header: 'residual', align: 'right' }, { header: 'in 95% CI' }],
      targets.map((t) => [t.name, t.kind, formatTargetValue(t.figure, t.reported), formatTargetValue(t.figure, t.analytic),
        `${formatTargetValue(t.figure, t.simulated)} ± ${formatTargetValue(t.figure, t.ci95)}`, signedPercent(t.residual), t.withinCi ? 'yes' : (t.kind === 'soft' ? 'no (soft)' : 'no')]),
    ).trimEnd());
  }
  for (const note of selfServiceNotes(scenario)) out.push(wrapLines(`- ${note}`));
  if (by.channel) {
    out.push('');
    out.push('By channel (each with its own definitions and threshold T):');
    channels.forEach((c, i) => {
      out.push('');
      out.push(channelHeading(c));
      out.push(oneSideTable(channelRows(c), aByChannel[i], sim.byChannel[i]));
    });
    const carried = channels.map((c, i) => ({ c, start: sim.carriedBacklog.start[i]!, end: sim.carriedBacklog.end[i]! })).filter((x) => x.c.kind === 'deferred');
    if (carried.length > 0) {
      out.push(wrapLines(`Carried backlog (mean per centre, after ${plan.backlogWarmupDays} warm-up day(s); in steady state start ≈ end): ${carried.map((x) => `${x.c.name} ${x.start.toFixed(1)} at the start of the day, ${x.end.toFixed(1)} at its end`).join('; ')}.`));
    }
  }
  if (by.group) {
    out.push('');
    out.push('By agent group (busy: at least one contact in progress):');
    out.push(groupTable(scenario.groups.map((g) => g.name), aByGroup, sim.byGroup));
  }
  if (by.interval) {
    channels.forEach((c, i) => {
      out.push('');
      out.push(`By interval of the day, ${c.name} (simulated, all centres and days):`);
      out.push(intervalTable(c, scenario.intervalSeconds, sim.byInterval.map((row) => row[i]!)));
    });
  }
  out.push('');
  out.push('By centre class (all its centres, the whole period; simulated ± 95%):');
  out.push(renderTable(
    [{ header: 'class' }, { header: 'centres', align: 'right' }, { header: 'staff/centre', align: 'right' }, { header: 'answer rate', align: 'right' }, { header: T === undefined ? 'SL (own T)' : `SL ${T} s`, align: 'right' }, { header: 'ASA', align: 'right' }, { header: 'occupancy', align: 'right' }, { header: 'answered', align: 'right' }],
    classes.map((c) => [c.centreClass, count(c.centres), fixed(c.staffPerCentre, 1),
      percent(c.simulated.figures.answerRate) + ci('fraction', c.simulated.ci95.answerRate),
      percent(c.simulated.figures.serviceLevel) + ci('fraction', c.simulated.ci95.serviceLevel),
      seconds(c.simulated.figures.asa) + ci('seconds', c.simulated.ci95.asa),
      percent(c.simulated.figures.occupancy) + ci('fraction', c.simulated.ci95.occupancy),
      count(c.simulated.figures.answered)]),
  ).trimEnd());
  process.stdout.write(`${out.join('\n')}\n`);
  if (check) reportMissedTargets(targets);
}

/**
 * `--check-targets`: one line on stderr per exact target whose reported value lies outside the
 * simulated 95% interval, and exit code 1 (soft targets are shown, never checked). Runs after
 * the report is printed, so the table is the same with or without the flag.
 */
function reportMissedTargets(targets: { figure: TargetFigure; name: string; kind: string; reported: number; simulated: number; ci95: number; withinCi: boolean }[]): void {
  const missed = targets.filter((t) => t.kind === 'exact' && !t.withinCi);
  for (const t of missed) {
    process.stderr.write(`ccsim: --check-targets: ${t.name} (exact) reported ${formatTargetValue(t.figure, t.reported)} lies outside the simulated 95% interval ${formatTargetValue(t.figure, t.simulated)} ± ${formatTargetValue(t.figure, t.ci95)}\n`);
  }
  if (missed.length > 0) process.exitCode = 1;
}
