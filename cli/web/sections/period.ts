/**
 * The period's figures: a what-if's baseline against variant (`comparison`) and a scenario
 * run's figures with its targets and centre classes (`summary`) — all channels together, then
 * each channel with its own definitions (its rows, threshold and kernel status). Simulated means
 * with 95% intervals as dots and bars, the kernels as hollow diamonds; a value the kernels do
 * not give (NaN, or a channel without kernels) is never drawn and prints "–".
 */
import type { ComparisonRow, ComparisonSection, ReportChannel, SummaryRow, SummarySection } from '../../../scenarios/studies/report/document.js';
import { estimatesChart } from '../charts.js';
import { figure, h, table } from '../dom.js';
import { byKind, change, difference, estimate, fixed } from '../format.js';
import { channelLabel, channelSpecs, channelTitle, kernelNote, kindOf, labelOf, specsOf, type Defs, type Spec } from '../labels.js';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** One estimate of a chart: a figure on one side, simulated and kernels. */
type EstimateRow = Parameters<typeof estimatesChart>[0][number];

/** Charts of the fraction and seconds rows that have something to draw, with their captions. */
function estimateCharts(rows: EstimateRow[], specs: readonly { spec: Spec }[], caption: (kind: string) => string): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const [kind, axis] of [['fraction', 'share'], ['seconds', 'seconds']] as const) {
    const labels = new Set(specs.filter((x) => x.spec.kind === kind).map((x) => x.spec.label));
    const own = rows.filter((r) => labels.has(r.label));
    if (!own.some((r) => finite(r.mean) || finite(r.kernels))) continue;
    out.push(figure(estimatesChart(own, kind, axis), caption(kind)));
  }
  return out;
}

/** The heading of a channel's block and what the kernels do for it. */
function channelHead(c: ReportChannel | undefined, name: string): HTMLElement[] {
  return [h('h3', { 'data-channel': name }, c ? channelTitle(c) : name), ...(c ? [h('p', { class: 'unit kernel-note' }, kernelNote(c))] : [])];
}

/** The rows of `specs` that `rows` has, in the specs' order. */
function matched<R extends { key: string }>(specs: readonly Spec[], rows: readonly R[]): { spec: Spec; r: R }[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return specs.flatMap((spec) => (byKey.has(spec.key) ? [{ spec, r: byKey.get(spec.key)! }] : []));
}

/** Charts and table of one series of a what-if: baseline against variant. */
function comparisonBlock(specs: readonly Spec[], rows: readonly ComparisonRow[], who: string): HTMLElement[] {
  const shown = matched(specs, rows);
  const sim = shown.some((x) => x.r.simulated);
  const kern = shown.some((x) => x.r.kernels);
  const estimates: EstimateRow[] = shown.flatMap(({ spec, r }) => (['baseline', 'variant'] as const).map((side) => ({
    label: spec.label, side,
    mean: r.simulated ? r.simulated[side].mean : null,
    lo: r.simulated ? r.simulated[side].mean - r.simulated[side].ci95 : null,
    hi: r.simulated ? r.simulated[side].mean + r.simulated[side].ci95 : null,
    kernels: r.kernels ? r.kernels[side] : null,
  })));
  const what = `${sim ? 'simulated means (dots) with 95% intervals (bars)' : 'kernels only (simulate for intervals)'}${kern ? '; the kernels\' values as hollow diamonds' : '; the kernels give this channel no values'}`;
  const charts = estimateCharts(estimates, shown, (kind) => `${who}, baseline and variant, ${kind === 'fraction' ? 'shares' : 'times'}: ${what}.`);
  const header = ['figure', ...(kern ? ['baseline (kernels)', 'variant (kernels)', 'Δ kernels'] : []), ...(sim ? ['baseline (simulated)', 'variant (simulated)', 'Δ simulated (paired)'] : []), 'key'];
  const body = shown.map(({ spec, r }) => {
    const k = spec.kind;
    return [spec.label,
      ...(kern ? [byKind(k, r.kernels?.baseline), byKind(k, r.kernels?.variant), change(k, difference(r.kernels?.variant, r.kernels?.baseline))] : []),
      ...(r.simulated ? [estimate(k, r.simulated.baseline.mean, r.simulated.baseline.ci95), estimate(k, r.simulated.variant.mean, r.simulated.variant.ci95), estimate(k, r.simulated.difference.mean, r.simulated.difference.ci95, true)] : sim ? ['–', '–', '–'] : []),
      h('code', {}, r.key)];
  });
  return [...charts, table(header, body, header.map((_, i) => i > 0 && i < header.length - 1))];
}

/** A what-if over the period: all channels together (and the hold), then each channel. */
export function comparison(s: ComparisonSection, defs: Defs, channels: readonly ReportChannel[]): HTMLElement {
  const [all, ...perChannel] = s.series;
  const out = h('section', { class: 'comparison' }, h('h2', {}, `Baseline and variant (${s.change}) over the period`));
  if (perChannel.length > 0) {
    out.append(h('h3', { 'data-channel': 'all' }, 'All channels together'),
      h('p', { class: 'unit' }, 'Calls, chat sessions and deferred items add alike, each judged against its own channel\'s threshold; a figure the kernels do not give for every channel has no kernel value ("–").'));
  }
  out.append(...comparisonBlock(specsOf(defs, all!.data.map((r) => r.key)), all!.data, perChannel.length > 0 ? 'All channels' : 'The scenario'));
  if (s.hold) {
    const x = s.hold;
    const k = kindOf(defs, x.key);
    const held = x.channel !== undefined ? `${channelLabel(defs, channels.find((c) => c.name === x.channel), x.key)} [${x.channel}]` : labelOf(defs, x.key);
    out.append(h('p', { class: 'hold' }, x.found
      ? `To hold ${held} ${x.better === 'higher' ? '≥' : '≤'} ${byKind(k, x.value)} with the variant's other levers: ${fixed(x.staff, 0)} staff (${change('count', x.staff - x.baselineStaff)} vs the baseline), kernels ${byKind(k, x.kernels)}` +
        (x.simulated ? `; simulated ${estimate(k, x.simulated.mean, x.simulated.ci95)} — ${x.meetsWithinCi ? 'holds within its 95% interval' : 'misses beyond its 95% interval'}.` : '.')
      : `${held} ${byKind(k, x.value)} is not reachable with up to 4 × the variant's staff (kernels).`));
  }
  for (const series of perChannel) {
    const c = channels.find((x) => x.name === series.channel);
    out.append(...channelHead(c, series.channel), ...comparisonBlock(c ? channelSpecs(c) : specsOf(defs, series.data.map((r) => r.key)), series.data, series.channel));
  }
  return out;
}

/** Chart and table of one series of a scenario run. */
function summaryBlock(specs: readonly Spec[], rows: readonly SummaryRow[], who: string): HTMLElement[] {
  const shown = matched(specs, rows);
  const kern = shown.some((x) => x.r.kernels !== undefined);
  const estimates: EstimateRow[] = shown.map(({ spec, r }) => ({
    label: spec.label, side: 'scenario', mean: r.simulated?.mean ?? null,
    lo: r.simulated ? r.simulated.mean - r.simulated.ci95 : null, hi: r.simulated ? r.simulated.mean + r.simulated.ci95 : null, kernels: r.kernels ?? null,
  }));
  const charts = estimateCharts(estimates, shown.filter((x) => x.spec.kind === 'fraction'),
    () => `${who}: simulated means (dots) with 95% intervals (bars)${kern ? '; the kernels as hollow diamonds' : '; the kernels give this channel no values'}.`);
  const header = ['figure', ...(kern ? ['kernels'] : []), 'simulated', 'key'];
  return [...charts, table(header, shown.map(({ spec, r }) => [
    spec.label, ...(kern ? [byKind(spec.kind, r.kernels)] : []), r.simulated ? estimate(spec.kind, r.simulated.mean, r.simulated.ci95) : '–', h('code', {}, r.key),
  ]), header.map((_, i) => i > 0 && i < header.length - 1))];
}

/** A scenario run over the period: all channels, the targets, each centre class, each channel. */
export function summary(s: SummarySection, defs: Defs, channels: readonly ReportChannel[]): HTMLElement {
  const [all, ...perChannel] = s.series;
  const out = h('section', { class: 'summary' }, h('h2', {}, 'The period'));
  if (perChannel.length > 0) out.append(h('h3', { 'data-channel': 'all' }, 'All channels together'));
  out.append(...summaryBlock(specsOf(defs, all!.data.map((r) => r.key)), all!.data, perChannel.length > 0 ? 'All channels' : 'The scenario'));
  if (s.targets.length > 0) {
    out.append(h('h3', {}, 'Targets: reported against the model'));
    const tk = (f: string) => (f === 'staff' ? 'count' : kindOf(defs, f));
    out.append(table(['target', 'kind', 'reported', 'kernels', 'simulated', 'reported within 95%', 'source'], s.targets.map((t) => [
      h('code', {}, `${t.figure}${t.channel !== undefined ? `[${t.channel}]` : ''}`), t.kind, byKind(tk(t.figure), t.reported), byKind(tk(t.figure), t.kernels), estimate(tk(t.figure), t.simulated.mean, t.simulated.ci95),
      Math.abs(t.simulated.mean - t.reported) <= t.simulated.ci95 ? 'yes' : 'no', t.source ?? '',
    ]), [false, false, true, true, true, false, false]));
  }
  if (s.classes.length > 0) {
    out.append(h('h3', {}, 'By centre class (all its centres and channels, the whole period)'));
    const keys = s.classes[0]!.rows.map((r) => r.key);
    out.append(table(['class', 'centres', 'staff per centre', ...keys.map((k) => labelOf(defs, k))], s.classes.map((c) => [
      c.centreClass, fixed(c.centres, 0), fixed(c.staffPerCentre, 1),
      ...c.rows.map((r) => (r.simulated ? estimate(kindOf(defs, r.key), r.simulated.mean, r.simulated.ci95) : byKind(kindOf(defs, r.key), r.kernels))),
    ]), [false, true, true, ...keys.map(() => true)]));
  }
  for (const series of perChannel) {
    const c = channels.find((x) => x.name === series.channel);
    out.append(...channelHead(c, series.channel), ...summaryBlock(c ? channelSpecs(c) : specsOf(defs, series.data.map((r) => r.key)), series.data, series.channel));
  }
  return out;
}
