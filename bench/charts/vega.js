// Candidate for the chart-library comparison (compare.mjs): Vega (isocontour) for the heat map, Vega-Lite for the band, via vega-embed.
import embed from 'vega-embed';
export async function heat(el, g) {
  const values = [];
  for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) values.push({ x: g.xs[i], y: g.ys[j], z: g.z[j * g.nx + i] });
  // Vega-Lite has no contour mark: the heat map in Vega-Lite, the contour as a full Vega isocontour would need a Vega spec; use Vega directly.
  const spec = { $schema: 'https://vega.github.io/schema/vega/v6.json', width: 600, height: 400, padding: 5,
    data: [{ name: 'cells', values },
      { name: 'grid', values: [{ width: g.nx, height: g.ny, values: g.z }] },
      { name: 'contour', source: 'grid', transform: [{ type: 'isocontour', thresholds: [g.level], scale: [600 / g.nx, -400 / g.ny], translate: [0, 400] }] }],
    scales: [{ name: 'x', type: 'band', domain: { data: 'cells', field: 'x' }, range: 'width' },
      { name: 'y', type: 'band', domain: { data: 'cells', field: 'y' }, range: 'height', reverse: true },
      { name: 'color', type: 'linear', domain: [g.min, g.max], range: { scheme: 'viridis' } }],
    axes: [{ orient: 'bottom', scale: 'x', values: g.xs.filter((_, i) => i % 10 === 0) }, { orient: 'left', scale: 'y', values: g.ys.filter((_, i) => i % 10 === 0) }],
    legends: [{ fill: 'color', type: 'gradient' }],
    marks: [{ type: 'rect', from: { data: 'cells' }, encode: { enter: { x: { scale: 'x', field: 'x' }, width: { scale: 'x', band: 1 }, y: { scale: 'y', field: 'y' }, height: { scale: 'y', band: 1 }, fill: { scale: 'color', field: 'z' } } } },
      { type: 'path', from: { data: 'contour' }, encode: { enter: { stroke: { value: '#000' }, strokeWidth: { value: 2 } } }, transform: [{ type: 'geopath', field: 'datum.contour' }] }] };
  await embed(el, spec, { renderer: 'canvas', actions: false });
}
export async function band(el, s) {
  const values = s.x.map((x, i) => ({ x, y: s.y[i], lo: s.lo[i], hi: s.hi[i] }));
  await embed(el, { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 600, height: 300, data: { values },
    layer: [{ mark: { type: 'area', opacity: 0.3 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'lo', type: 'quantitative', scale: { zero: false } }, y2: { field: 'hi' } } },
      { mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } }] }, { renderer: 'svg', actions: false });
}
