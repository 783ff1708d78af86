/**
 * A sweep: any figure of all channels, of one channel or of one agent group (two menus), as a
 * heat map over the first two axes with the contour of its target — the scenario's target of
 * that figure on that channel (`answerRate[voice] = 91.22%`), editable — or, with one axis,
 * as a line with its 95% band and the target as a dashed line; further axes pick a slice.
 */
import type { ReportChannel, SweepSection, SweepValues } from '../../../scenarios/studies/report/document.js';
import { heatMap, linesChart, type Point } from '../charts.js';
import { figure, h, select } from '../dom.js';
import { axisValue, byKind } from '../format.js';
import { channelLabel, kindOf, labelOf, seriesPicker, type Defs } from '../labels.js';

/** A series of the menu: all channels, a channel or a group, by a value that tells them apart. */
interface Series { value: string; text: string; data: SweepValues; channel?: string; group?: string }

export function sweep(s: SweepSection, defs: Defs, channels: readonly ReportChannel[]): HTMLElement {
  const body = h('div', {});
  const list: Series[] = [
    ...s.series.map((x) => ({ value: `c:${x.channel}`, text: x.channel === 'all' ? 'all channels' : x.channel, data: x.data, ...(x.channel !== 'all' ? { channel: x.channel } : {}) })),
    ...s.groups.map((x) => ({ value: `g:${x.group}`, text: `group ${x.group}`, data: x.data, group: x.group })),
  ];
  let series = list.find((x) => x.value === `${s.initial.group ? 'g' : 'c'}:${s.initial.series}`) ?? list[0]!;
  let key = s.initial.key;
  const fixedAt = s.axes.map(() => 0); // indices of the axes beyond the first two
  const channelOf = () => channels.find((c) => c.name === series.channel);
  /** the key's label on the series: its channel's words, a group's, or all channels' */
  const label = (k: string) => {
    const base = series.channel ? channelLabel(defs, channelOf(), k) : labelOf(defs, k);
    return series.channel ? `${base} [${series.channel}]` : series.group ? `${base} [group ${series.group}]` : base;
  };
  const kind = () => kindOf(defs, key);
  const targetOf = () => (series.group ? undefined : s.targets.find((t) => t.key === key && (t.channel ?? 'all') === (series.channel ?? 'all')));
  const levelInput = h('input', { type: 'number', step: 'any', size: 8, 'aria-label': 'contour level' });
  const setLevel = () => {
    const t = targetOf();
    levelInput.value = t ? String(kind() === 'fraction' ? +(t.value * 100).toPrecision(10) : t.value) : '';
  };
  const level = () => {
    const v = Number(levelInput.value);
    return levelInput.value === '' || !Number.isFinite(v) ? undefined : kind() === 'fraction' ? v / 100 : v;
  };
  const index = (ix: number[]) => ix.reduce((k, i, a) => k * s.axes[a]!.values.length + i, 0);
  const value = (a: ArrayLike<number> | undefined, i: number): number | null => {
    const v = a?.[i];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const draw = () => {
    const values = series.data.values[key];
    const ci = series.data.ci95?.[key];
    const k = kind();
    const name = label(key);
    const lv = level();
    const t = targetOf();
    const levelLabel = lv === undefined ? undefined : `${name} = ${byKind(k, lv)}${t && Math.abs(t.value - lv) < 1e-12 ? ` (the target: ${t.source})` : ''}`;
    if (s.axes.length === 1) {
      const a = s.axes[0]!;
      const pts: Point[] = a.values.map((x, i) => {
        const y = value(values, i), half = value(ci, i);
        return { x, series: name, y, ...(ci ? { lo: y !== null && half !== null ? y - half : null, hi: y !== null && half !== null ? y + half : null } : {}) };
      });
      body.replaceChildren(figure(linesChart(pts, { kind: k, xLabel: a.name, yLabel: name, ...(lv !== undefined ? { rule: { y: lv, label: levelLabel! } } : {}) }),
        `${name} against ${a.name}${ci ? ': simulated means with 95% bands' : ' (kernels)'}${lv !== undefined ? `; the dashed line is ${levelLabel}` : ''}.`));
      return;
    }
    const [ya, xa] = [s.axes[0]!, s.axes[1]!];
    const z: (number | null)[] = [];
    for (let i = 0; i < ya.values.length; i++) for (let j = 0; j < xa.values.length; j++) z.push(value(values, index([i, j, ...fixedAt.slice(2)])));
    const others = s.axes.slice(2).map((a, i) => `${a.name} ${axisValue(a.name, a.values[fixedAt[i + 2]!]!)}`).join(', ');
    body.replaceChildren(figure(heatMap({ xs: xa.values, ys: ya.values, z, xName: xa.name, yName: ya.name }, { kind: k, label: name, ...(lv !== undefined ? { level: lv, levelLabel: levelLabel! } : {}) }),
      `${name} over ${ya.name} × ${xa.name}${others ? ` at ${others}` : ''}${s.model === 'analytic' ? ' (kernels)' : ' (simulated means)'}${lv !== undefined ? `; the black line is the contour ${levelLabel}, bounding the cells on its side of it` : ''}.`));
  };
  // the figure menu lists the keys of the chosen series (rebuilt when the series changes)
  let figureMenu: HTMLElement = h('span', {});
  const fillFigures = () => {
    const keys = Object.keys(series.data.values);
    if (!keys.includes(key)) key = keys.includes('answerRate') ? 'answerRate' : keys[0]!;
    const next = select('figure', keys.map((k) => ({ value: k, text: `${label(k)} (${k})` })), key, (v) => { key = v; setLevel(); draw(); });
    figureMenu.replaceWith(next);
    figureMenu = next;
  };
  levelInput.addEventListener('input', draw);
  const controls = h('div', { class: 'controls' },
    figureMenu,
    seriesPicker(list.map((x) => ({ value: x.value, text: x.text })), series.value, (v) => { series = list.find((x) => x.value === v)!; fillFigures(); setLevel(); draw(); }, 'channel or group'),
    h('label', { class: 'control' }, `${s.axes.length === 1 ? 'reference line' : 'contour'} at `, levelInput, h('span', { class: 'unit' }, ' (% for shares; empty: none)')),
    ...s.axes.slice(2).map((a, i) => select(a.name, a.values.map((v, k) => ({ value: String(k), text: axisValue(a.name, v) })), '0', (v) => { fixedAt[i + 2] = Number(v); draw(); })));
  fillFigures();
  setLevel();
  draw();
  return h('section', { class: 'sweep' }, h('h2', {}, s.axes.length === 1 ? `Sweep over ${s.axes[0]!.name}` : `Sweep over ${s.axes[0]!.name} × ${s.axes[1]!.name}`), controls, body);
}
