/**
 * Draws a report document (scenarios/studies/report/document.ts) into an element: the title,
 * where it came from (scenario, file hash, command, seed, replications), notes, each section
 * with its charts and tables, and the definition of every figure shown. Used by the HTML
 * reports and by `ccsim serve`'s page, so both show the same charts.
 */
import type {
  ComparisonSection, FigureDefinition, IntradaySection, IntradaySeries, ReportDocument, ReportSection, StaffingSection, SummarySection, SweepSection,
} from '../../scenarios/studies/report/document.js';
import { estimatesChart, heatMap, linesChart, type Point } from './charts.js';
import { h, select, table } from './dom.js';
import { axisValue, byKind, change, clock, estimate, fixed } from './format.js';

type Defs = Map<string, FigureDefinition>;

const kindOf = (defs: Defs, key: string): string => defs.get(key)?.kind ?? 'real';
const labelOf = (defs: Defs, key: string): string => defs.get(key)?.label ?? key;

/** A chart in a <figure> with a caption. */
function figure(chart: Element, caption: string): HTMLElement {
  return h('figure', { class: 'chart' }, chart, h('figcaption', {}, caption));
}

/** Renders a whole report into `root` (replacing its content). */
export function renderReport(root: HTMLElement, doc: ReportDocument, o: { header?: boolean } = {}): void {
  const defs: Defs = new Map(doc.definitions.map((d) => [d.key, d]));
  root.replaceChildren();
  if (o.header !== false) {
    root.append(h('h1', {}, doc.title), provenance(doc));
  }
  if (doc.notes.length > 0) root.append(h('ul', { class: 'notes' }, ...doc.notes.map((n) => h('li', {}, n))));
  for (const s of doc.sections) root.append(section(s, defs));
  root.append(h('section', { class: 'definitions' }, h('h2', {}, 'Definitions of the figures shown'),
    h('p', {}, 'Each figure has one definition (docs/figures.md in ccsim); counts of a scenario are over its period unless a chart says otherwise.'),
    table(['figure', 'key', 'definition'], doc.definitions.map((d) => [d.label, h('code', {}, d.key), d.definition]))));
}

/** The provenance block: enough to make the report again. */
function provenance(doc: ReportDocument): HTMLElement {
  const p = doc.provenance;
  const rows: [string, Node | string][] = [];
  if (p.scenario) {
    rows.push(['scenario', `${p.scenario.name} (${p.scenario.file})`]);
    rows.push(['file SHA-256', h('code', {}, p.scenario.sha256)]);
  }
  if (p.input) rows.push(['input', `${p.input.file} (SHA-256 ${p.input.sha256})`]);
  rows.push(['command', h('code', { class: 'command' }, p.command)]);
  if (p.seed !== undefined) rows.push(['seed', String(p.seed)]);
  if (p.replications !== undefined) rows.push(['replications', String(p.replications)]);
  rows.push(['made by', `ccsim ${p.version}`]);
  return h('dl', { class: 'provenance' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function section(s: ReportSection, defs: Defs): HTMLElement {
  switch (s.kind) {
    case 'comparison': return comparison(s, defs);
    case 'summary': return summary(s, defs);
    case 'intraday': return intraday(s, defs);
    case 'sweep': return sweep(s, defs);
    case 'staffing': return staffing(s);
  }
}

/** A channel selector when a section has several channels ('all' first), or nothing. */
function channelPicker<T>(series: { channel: string; data: T }[], onPick: (data: T) => void): HTMLElement | null {
  if (series.length < 2) return null;
  return select('channel', series.map((x) => ({ value: x.channel, text: x.channel === 'all' ? 'all channels' : x.channel })), series[0]!.channel, (v) => onPick(series.find((x) => x.channel === v)!.data));
}

function comparison(s: ComparisonSection, defs: Defs): HTMLElement {
  const body = h('div', {});
  const draw = (rows: ComparisonSection['series'][number]['data']) => {
    const sim = rows.some((r) => r.simulated);
    const chartRows = (kind: string) => rows.filter((r) => kindOf(defs, r.key) === kind).flatMap((r) => (['baseline', 'variant'] as const).map((side) => ({
      label: labelOf(defs, r.key), side,
      mean: r.simulated ? r.simulated[side].mean : null,
      lo: r.simulated ? r.simulated[side].mean - r.simulated[side].ci95 : null,
      hi: r.simulated ? r.simulated[side].mean + r.simulated[side].ci95 : null,
      kernels: r.kernels[side],
    })));
    body.replaceChildren(
      figure(estimatesChart(chartRows('fraction'), 'fraction', 'share'), `Baseline and variant: ${sim ? 'simulated means (dots) with 95% intervals (bars); ' : ''}the kernels' values as hollow diamonds.`),
      figure(estimatesChart(chartRows('seconds'), 'seconds', 'seconds'), 'Waiting times: simulated means with 95% intervals, kernels as hollow diamonds.'),
      table(
        ['figure', 'baseline (kernels)', 'variant (kernels)', 'Δ kernels', ...(sim ? ['baseline (simulated)', 'variant (simulated)', 'Δ simulated (paired)'] : []), 'key'],
        rows.map((r) => {
          const k = kindOf(defs, r.key);
          return [labelOf(defs, r.key), byKind(k, r.kernels.baseline), byKind(k, r.kernels.variant), change(k, r.kernels.variant - r.kernels.baseline),
            ...(r.simulated ? [estimate(k, r.simulated.baseline.mean, r.simulated.baseline.ci95), estimate(k, r.simulated.variant.mean, r.simulated.variant.ci95), estimate(k, r.simulated.difference.mean, r.simulated.difference.ci95, true)] : []),
            h('code', {}, r.key)];
        }),
        [false, true, true, true, true, true, true, false],
      ),
    );
    if (s.hold) {
      const x = s.hold;
      const k = kindOf(defs, x.key);
      body.append(h('p', { class: 'hold' }, x.found
        ? `To hold ${labelOf(defs, x.key)} ${x.better === 'higher' ? '≥' : '≤'} ${byKind(k, x.value)} with the variant's other levers: ${fixed(x.staff, 0)} staff (${change('count', x.staff - x.baselineStaff)} vs the baseline), kernels ${byKind(k, x.kernels)}` +
          (x.simulated ? `; simulated ${estimate(k, x.simulated.mean, x.simulated.ci95)} — ${x.meetsWithinCi ? 'holds within its 95% interval' : 'misses beyond its 95% interval'}.` : '.')
        : `${labelOf(defs, x.key)} ${byKind(k, x.value)} is not reachable with up to 4 × the variant's staff (kernels).`));
    }
  };
  draw(s.series[0]!.data);
  return h('section', { class: 'comparison' }, h('h2', {}, `Baseline and variant (${s.change}) over the period`), channelPicker(s.series, draw), body);
}

function summary(s: SummarySection, defs: Defs): HTMLElement {
  const rows = s.series[0]!.data;
  const out = h('section', { class: 'summary' }, h('h2', {}, 'The period'));
  const est = (kind: string, rs: typeof rows) => rs.filter((r) => kindOf(defs, r.key) === kind).map((r) => ({
    label: labelOf(defs, r.key), side: 'scenario', mean: r.simulated?.mean ?? null,
    lo: r.simulated ? r.simulated.mean - r.simulated.ci95 : null, hi: r.simulated ? r.simulated.mean + r.simulated.ci95 : null, kernels: r.kernels,
  }));
  out.append(figure(estimatesChart(est('fraction', rows), 'fraction', 'share'), 'Simulated means (dots) with 95% intervals (bars); the kernels as hollow diamonds.'));
  out.append(table(['figure', 'kernels', 'simulated', 'key'], rows.map((r) => {
    const k = kindOf(defs, r.key);
    return [labelOf(defs, r.key), byKind(k, r.kernels), r.simulated ? estimate(k, r.simulated.mean, r.simulated.ci95) : '–', h('code', {}, r.key)];
  }), [false, true, true, false]));
  if (s.targets.length > 0) {
    out.append(h('h3', {}, 'Targets: reported against the model'));
    const tk = (f: string) => (f === 'staff' ? 'count' : kindOf(defs, f));
    out.append(table(['target', 'kind', 'reported', 'kernels', 'simulated', 'reported within 95%', 'source'], s.targets.map((t) => [
      h('code', {}, t.figure), t.kind, byKind(tk(t.figure), t.reported), byKind(tk(t.figure), t.kernels), estimate(tk(t.figure), t.simulated.mean, t.simulated.ci95),
      Math.abs(t.simulated.mean - t.reported) <= t.simulated.ci95 ? 'yes' : 'no', t.source ?? '',
    ]), [false, false, true, true, true, false, false]));
  }
  if (s.classes.length > 0) {
    out.append(h('h3', {}, 'By centre class (all its centres, the whole period)'));
    const keys = s.classes[0]!.rows.map((r) => r.key);
    out.append(table(['class', 'centres', 'staff per centre', ...keys.map((k) => labelOf(defs, k))], s.classes.map((c) => [
      c.centreClass, fixed(c.centres, 0), fixed(c.staffPerCentre, 1),
      ...c.rows.map((r) => (r.simulated ? estimate(kindOf(defs, r.key), r.simulated.mean, r.simulated.ci95) : byKind(kindOf(defs, r.key), r.kernels))),
    ]), [false, true, true, ...keys.map(() => true)]));
  }
  return out;
}

function intraday(s: IntradaySection, _defs: Defs): HTMLElement {
  const body = h('div', {});
  let run = 0;
  let channel = 'all';
  const hours = (k: number) => (k * s.intervalSeconds) / 3600;
  const draw = () => {
    const r = s.runs[run]!;
    const sides = r.sides.map((list, i) => ({ name: s.sides[i]!, data: (list.find((c) => c.channel === channel) ?? list[0]!).data }));
    const facet = sides.length > 1;
    const simulated = sides.some((x) => x.data.offered);
    const contacts: Point[] = [];
    const agents: Point[] = [];
    const sl: Point[] = [];
    const band = (d: IntradaySeries, key: 'offered' | 'answered' | 'abandoned' | 'serviceLevel', k: number) => {
      const b = d[key];
      return b ? { y: b.mean[k] ?? null, lo: (b.mean[k] ?? NaN) - (b.ci95[k] ?? NaN), hi: (b.mean[k] ?? NaN) + (b.ci95[k] ?? NaN) } : { y: d.kernels[key][k] ?? null };
    };
    for (const side of sides) {
      const d = side.data;
      const f = facet ? { facet: side.name } : {};
      d.agents.forEach((_, k) => {
        for (const key of ['offered', 'answered', 'abandoned'] as const) contacts.push({ x: hours(k), series: key, ...band(d, key, k), ...f });
        agents.push({ x: hours(k), series: 'agents on duty', y: d.agents[k] ?? null, ...f });
        agents.push({ x: hours(k), series: `required for SL ≥ ${(s.slTarget * 100).toFixed(0)}% (kernels)`, y: d.requiredAgents[k] ?? null, ...f });
        sl.push({ x: hours(k), series: `${side.name}${simulated ? ' (simulated)' : ' (kernels)'}`, ...band(d, 'serviceLevel', k) });
        if (simulated) sl.push({ x: hours(k), series: `${side.name} (kernels)`, y: d.kernels.serviceLevel[k] ?? null });
      });
    }
    const where = `one ${r.centreClass} centre on one ${r.dayType} day (× ${fixed(r.centres, 0)} centres × ${fixed(r.days, 0)} days in the period)`;
    body.replaceChildren(
      figure(linesChart(contacts, { kind: 'count', xLabel: 'interval start', yLabel: `contacts per ${s.intervalSeconds / 60}-minute interval`, clockX: true }),
        `Contacts offered to agents, answered and abandoned per interval, ${where}${simulated ? ': simulated means with 95% bands' : ': the kernels\' expected values (simulate for bands)'}.`),
      figure(linesChart(agents, { kind: 'real', xLabel: 'interval start', yLabel: 'agents on duty', clockX: true }),
        `Agents on duty (the plan) against the agents the kernels need for SL(${s.targetSeconds} s) ≥ ${(s.slTarget * 100).toFixed(0)}% in each interval (${s.slTargetSource}), ${where}.`),
      figure(linesChart(sl, { kind: 'fraction', xLabel: 'interval start', yLabel: `service level (answered ≤ ${s.targetSeconds} s / offered)`, clockX: true, rule: { y: s.slTarget, label: `target ${(s.slTarget * 100).toFixed(0)}%` }, dashed: sides.map((x) => `${x.name} (kernels)`) }),
        `Service level per interval against its target${simulated ? ': simulated with 95% bands, the kernels dashed' : ' (kernels)'}, ${where}.`),
    );
  };
  const runs = s.runs.map((r, i) => ({ value: String(i), text: `${r.centreClass} centre, ${r.dayType}` }));
  const channels = s.runs[0]?.sides[0]?.map((c) => c.channel) ?? ['all'];
  draw();
  return h('section', { class: 'intraday' }, h('h2', {}, 'Intraday: per interval, per day type and centre class'),
    h('div', { class: 'controls' },
      select('day type and centre class', runs, '0', (v) => { run = Number(v); draw(); }),
      channels.length > 1 ? select('channel', channels.map((c) => ({ value: c, text: c === 'all' ? 'all channels' : c })), 'all', (v) => { channel = v; draw(); }) : null),
    body);
}

function sweep(s: SweepSection, defs: Defs): HTMLElement {
  const body = h('div', {});
  let key = s.initialKey;
  let data = s.series[0]!.data;
  const fixedAt = s.axes.map(() => 0); // indices of the axes beyond the first two
  const targetOf = (k: string) => s.targets.find((t) => t.key === k);
  const levelInput = h('input', { type: 'number', step: 'any', size: 8, 'aria-label': 'contour level' });
  const setLevel = () => {
    const t = targetOf(key);
    levelInput.value = t ? String(kindOf(defs, key) === 'fraction' ? +(t.value * 100).toPrecision(10) : t.value) : '';
  };
  const level = () => {
    const v = Number(levelInput.value);
    return levelInput.value === '' || !Number.isFinite(v) ? undefined : kindOf(defs, key) === 'fraction' ? v / 100 : v;
  };
  const index = (ix: number[]) => ix.reduce((k, i, a) => k * s.axes[a]!.values.length + i, 0);
  const draw = () => {
    const values = data.values[key] ?? [];
    const ci = data.ci95?.[key];
    const kind = kindOf(defs, key);
    const label = labelOf(defs, key);
    const lv = level();
    const t = targetOf(key);
    const levelLabel = lv === undefined ? undefined : `${label} = ${byKind(kind, lv)}${t && Math.abs(t.value - lv) < 1e-12 ? ` (the target: ${t.source})` : ''}`;
    if (s.axes.length === 1) {
      const a = s.axes[0]!;
      const pts: Point[] = a.values.map((x, i) => ({ x, series: label, y: values[i] ?? null, ...(ci ? { lo: (values[i] ?? NaN) - (ci[i] ?? NaN), hi: (values[i] ?? NaN) + (ci[i] ?? NaN) } : {}) }));
      body.replaceChildren(figure(linesChart(pts, { kind, xLabel: a.name, yLabel: label, ...(lv !== undefined ? { rule: { y: lv, label: levelLabel! } } : {}) }),
        `${label} against ${a.name}${ci ? ': simulated means with 95% bands' : ' (kernels)'}${lv !== undefined ? `; the dashed line is ${levelLabel}` : ''}.`));
      return;
    }
    const [ya, xa] = [s.axes[0]!, s.axes[1]!];
    const z: (number | null)[] = [];
    for (let i = 0; i < ya.values.length; i++) for (let j = 0; j < xa.values.length; j++) z.push(values[index([i, j, ...fixedAt.slice(2)])] ?? null);
    const others = s.axes.slice(2).map((a, i) => `${a.name} ${axisValue(a.name, a.values[fixedAt[i + 2]!]!)}`).join(', ');
    body.replaceChildren(figure(heatMap({ xs: xa.values, ys: ya.values, z, xName: xa.name, yName: ya.name }, { kind, label, ...(lv !== undefined ? { level: lv, levelLabel: levelLabel! } : {}) }),
      `${label} over ${ya.name} × ${xa.name}${others ? ` at ${others}` : ''}${s.model === 'analytic' ? ' (kernels)' : ' (simulated means)'}${lv !== undefined ? `; the black line is the contour ${levelLabel}, bounding the cells on its side of it` : ''}.`));
  };
  setLevel();
  levelInput.addEventListener('input', draw);
  const controls = h('div', { class: 'controls' },
    select('figure', s.keys.map((k) => ({ value: k, text: `${labelOf(defs, k)} (${k})` })), key, (v) => { key = v; setLevel(); draw(); }),
    h('label', { class: 'control' }, `${s.axes.length === 1 ? 'reference line' : 'contour'} at `, levelInput, h('span', { class: 'unit' }, ' (% for shares; empty: none)')),
    ...s.axes.slice(2).map((a, i) => select(a.name, a.values.map((v, k) => ({ value: String(k), text: axisValue(a.name, v) })), '0', (v) => { fixedAt[i + 2] = Number(v); draw(); })),
    channelPicker(s.series, (d) => { data = d; draw(); }));
  draw();
  return h('section', { class: 'sweep' }, h('h2', {}, s.axes.length === 1 ? `Sweep over ${s.axes[0]!.name}` : `Sweep over ${s.axes[0]!.name} × ${s.axes[1]!.name}`), controls, body);
}

function staffing(s: StaffingSection): HTMLElement {
  const x = (i: number) => i;
  const label = (i: number) => s.starts[Math.round(i)] ?? '';
  const agents: Point[] = s.starts.flatMap((_, i) => [
    { x: x(i), series: 'required agents on duty', y: s.requiredAgents[i] ?? null },
    { x: x(i), series: `required staff after ${(s.shrinkage * 100).toFixed(1)}% shrinkage`, y: s.requiredStaff[i] ?? null },
  ]);
  const reached: Point[] = s.starts.flatMap((_, i) => [
    { x: x(i), series: `service level (answered ≤ ${s.targetSeconds} s / offered)`, y: s.serviceLevel[i] ?? null },
    { x: x(i), series: 'occupancy', y: s.occupancy[i] ?? null },
  ]);
  const chart = (pts: Point[], kind: string, yLabel: string, rule?: { y: number; label: string }) => {
    const el = linesChart(pts, { kind, xLabel: 'interval', yLabel, ...(rule ? { rule } : {}) });
    // interval numbers → their start as written in the forecast
    el.querySelectorAll('[aria-label="x-axis tick label"] text').forEach((t) => { t.textContent = label(Number(t.textContent)); });
    return el;
  };
  return h('section', { class: 'staffing' }, h('h2', {}, 'Required agents per interval'),
    figure(chart(agents, 'real', 'agents'), `Fewest agents on duty meeting ${s.goal} in each interval, and the staff that takes after ${(s.shrinkage * 100).toFixed(1)}% shrinkage (agents ÷ (1 − shrinkage)).`),
    figure(chart(reached, 'fraction', 'fraction', s.slTarget !== undefined ? { y: s.slTarget, label: `SL target ${(s.slTarget * 100).toFixed(0)}%` } : undefined), 'What the required agents reach in each interval (kernels).'),
    table(['start', 'calls', 'required agents', 'required staff', 'service level', 'occupancy'],
      s.starts.map((st, i) => [st, fixed(s.calls[i], 0), fixed(s.requiredAgents[i], 0), fixed(s.requiredStaff[i], 1), byKind('fraction', s.serviceLevel[i]), byKind('fraction', s.occupancy[i])]),
      [false, true, true, true, true, true]));
}

export { clock };
