/**
 * The charts of reports and of the serve page, drawn with Observable Plot (SVG; heat maps as
 * a raster image inside the SVG): a heat map with a target contour, lines with 95% bands,
 * intraday series, estimates with intervals. Every chart is an <svg> or a <figure> holding one.
 */
import * as Plot from '@observablehq/plot';
import { axisValue, byKind, clock } from './format.js';

const WIDTH = 760;

/** Rows of a line chart: x, a series name, the value and its band. */
export interface Point {
  x: number;
  series: string;
  y: number | null;
  lo?: number | null;
  hi?: number | null;
  /** the facet (e.g. baseline / variant) */
  facet?: string;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Lines with 95% bands (where `lo`/`hi` are given), faceted by `facet` when the rows have one.
 * @param kind how y values print ('fraction' draws percentages)
 * @param rule a horizontal reference (a target) with its label
 */
export function linesChart(points: Point[], o: { kind: string; xLabel: string; yLabel: string; clockX?: boolean; rule?: { y: number; label: string }; dashed?: string[]; height?: number }): Element {
  // a 95% band of a share stays in [0, 1] and one of a count above 0 (few replications give wide t intervals)
  const [floor, ceil] = o.kind === 'fraction' ? [0, 1] : [0, Infinity];
  const banded = points.filter((p) => finite(p.lo) && finite(p.hi)).map((p) => ({ ...p, lo: Math.max(floor, p.lo!), hi: Math.min(ceil, p.hi!) }));
  const faceted = points.some((p) => p.facet !== undefined);
  const tick = o.clockX ? (x: number) => clock(x * 3600) : undefined;
  const marks: Plot.Markish[] = [
    Plot.areaY(banded, { x: 'x', y1: 'lo', y2: 'hi', fill: 'series', fillOpacity: 0.18, ...(faceted ? { fx: 'facet' } : {}) }),
    Plot.lineY(points.filter((p) => !(o.dashed ?? []).includes(p.series)), { x: 'x', y: 'y', stroke: 'series', strokeWidth: 1.8, ...(faceted ? { fx: 'facet' } : {}) }),
    Plot.lineY(points.filter((p) => (o.dashed ?? []).includes(p.series)), { x: 'x', y: 'y', stroke: 'series', strokeWidth: 1.4, strokeDasharray: '4,3', ...(faceted ? { fx: 'facet' } : {}) }),
    Plot.tip(points, Plot.pointerX({ x: 'x', y: 'y', ...(faceted ? { fx: 'facet' } : {}), title: (p: Point) => `${p.series}\n${tick ? tick(p.x) : p.x}: ${byKind(o.kind, p.y)}${finite(p.lo) && finite(p.hi) ? ` (95%: ${byKind(o.kind, p.lo)} – ${byKind(o.kind, p.hi)})` : ''}` })),
  ];
  if (o.rule) marks.push(Plot.ruleY([o.rule.y], { stroke: '#b00', strokeDasharray: '6,3' }), Plot.text([o.rule.label], { frameAnchor: 'top-right', dy: 4, dx: -4, fill: '#b00', ...(faceted ? {} : {}) }));
  return Plot.plot({
    width: WIDTH, height: o.height ?? 300, marginLeft: 64, marginRight: 16,
    x: { label: o.xLabel, ...(tick ? { tickFormat: tick } : {}) },
    y: { label: o.yLabel, grid: true, ...(o.kind === 'fraction' ? { percent: true } : {}) },
    color: { legend: true },
    ...(faceted ? { fx: { label: null } } : {}),
    marks,
  });
}

/** A heat map of a row-major grid (rows: y values, columns: x values) with the contour of `level`. */
export function heatMap(grid: { xs: number[]; ys: number[]; z: (number | null)[]; xName: string; yName: string }, o: { kind: string; label: string; level?: number; levelLabel?: string }): Element {
  const { xs, ys } = grid;
  const nx = xs.length, ny = ys.length;
  const z = grid.z.map((v) => (finite(v) ? v : NaN));
  const even = (v: number[]) => v.length < 3 || v.every((x, i) => i === 0 || Math.abs(x - v[i - 1]! - (v[1]! - v[0]!)) < 1e-9 * Math.max(1, Math.abs(v[1]! - v[0]!)));
  const half = (v: number[]) => (v.length > 1 ? (v[1]! - v[0]!) / 2 : 0.5);
  const cells = z.map((v, k) => ({ x: xs[k % nx]!, y: ys[Math.floor(k / nx)]!, v }));
  const pct = o.kind === 'fraction';
  const fmt = (v: number) => byKind(o.kind, v);
  const marks: Plot.Markish[] = [];
  if (even(xs) && even(ys)) {
    const extent = { x1: xs[0]! - half(xs), x2: xs[nx - 1]! + half(xs), y1: ys[0]! - half(ys), y2: ys[ny - 1]! + half(ys), width: nx, height: ny };
    marks.push(Plot.raster(z, { ...extent, imageRendering: 'pixelated' }));
    if (o.level !== undefined && Number.isFinite(o.level)) marks.push(Plot.contour(z, { ...extent, thresholds: [o.level], stroke: '#000', strokeWidth: 2.2, fill: 'none' }));
  } else {
    // uneven values (a list): one rectangle per cell, no contour (its position between uneven values would mislead)
    marks.push(Plot.cell(cells, { x: 'x', y: 'y', fill: 'v', inset: 0 }));
  }
  marks.push(Plot.tip(cells, Plot.pointer({ x: 'x', y: 'y', title: (c: { x: number; y: number; v: number }) => `${grid.yName} ${axisValue(grid.yName, c.y)}, ${grid.xName} ${axisValue(grid.xName, c.x)}\n${o.label}: ${fmt(c.v)}` })));
  const evenAxes = even(xs) && even(ys);
  return Plot.plot({
    width: WIDTH, height: 460, marginLeft: 70, marginBottom: 44,
    x: { label: grid.xName, ...(evenAxes ? {} : { type: 'band' }), tickFormat: (v: number) => axisValue(grid.xName, v) },
    y: { label: grid.yName, ...(evenAxes ? {} : { type: 'band' }), tickFormat: (v: number) => axisValue(grid.yName, v) },
    color: { type: 'linear', scheme: 'viridis', legend: true, label: o.label, ...(pct ? { percent: true } : {}) },
    marks,
  });
}

/** Estimates with 95% intervals per figure and side (dots and whiskers), kernels as hollow diamonds. */
export function estimatesChart(rows: { label: string; side: string; mean: number | null; lo: number | null; hi: number | null; kernels: number | null }[], kind: string, xLabel: string): Element {
  const labels = [...new Set(rows.map((r) => r.label))];
  const sides = [...new Set(rows.map((r) => r.side))];
  const colours = ['#1f6fbf', '#e07b00', '#2a9d4b'];
  const marks: Plot.Markish[] = [Plot.ruleX([0], { stroke: '#ccc' })];
  sides.forEach((side, i) => {
    const own = rows.filter((r) => r.side === side);
    const dy = sides.length === 1 ? 0 : (i - (sides.length - 1) / 2) * 9;
    const stroke = colours[i % colours.length]!;
    marks.push(
      Plot.ruleY(own.filter((r) => finite(r.lo) && finite(r.hi)), { y: 'label', x1: 'lo', x2: 'hi', dy, stroke, strokeWidth: 2.5 }),
      Plot.dot(own.filter((r) => finite(r.mean)), { y: 'label', x: 'mean', dy, fill: stroke, r: 3.5 }),
      Plot.dot(own.filter((r) => finite(r.kernels)), { y: 'label', x: 'kernels', dy, stroke, symbol: 'diamond', r: 5.5, strokeWidth: 1.4 }),
    );
  });
  marks.push(Plot.tip(rows, Plot.pointer({ y: 'label', x: (r: { mean: number | null; kernels: number | null }) => (finite(r.mean) ? r.mean : r.kernels), title: (r: { label: string; side: string; mean: number; lo: number; hi: number; kernels: number }) => `${r.label} (${r.side})\n${finite(r.mean) ? `simulated ${byKind(kind, r.mean)} (95%: ${byKind(kind, r.lo)} – ${byKind(kind, r.hi)})\n` : ''}kernels ${byKind(kind, r.kernels)}` })));
  const wrap = document.createElement('div');
  wrap.append(
    Plot.legend({ color: { type: 'categorical', domain: sides, range: colours.slice(0, sides.length) } }),
    Plot.plot({
      width: WIDTH, height: 50 + 30 * labels.length, marginLeft: 290, marginRight: 20,
      x: { label: xLabel, grid: true, ...(kind === 'fraction' ? { percent: true } : {}) },
      y: { label: null, domain: labels },
      marks,
    }),
  );
  return wrap;
}
