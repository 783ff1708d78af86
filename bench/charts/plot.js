// Candidate for the chart-library comparison (compare.mjs): Observable Plot (raster + contour; areaY + line).
import * as Plot from '@observablehq/plot';
export function heat(el, g) {
  const [x0, x1] = [g.xs[0], g.xs[g.nx - 1]];
  const [y0, y1] = [g.ys[0], g.ys[g.ny - 1]];
  const dx = (x1 - x0) / (g.nx - 1), dy = (y1 - y0) / (g.ny - 1);
  const opts = { x1: x0 - dx / 2, x2: x1 + dx / 2, y1: y0 - dy / 2, y2: y1 + dy / 2, width: g.nx, height: g.ny };
  el.append(Plot.plot({ width: 640, height: 420, color: { type: 'linear', scheme: 'viridis', legend: true, domain: [g.min, g.max] },
    marks: [Plot.raster(g.z, { ...opts, imageRendering: 'pixelated' }), Plot.contour(g.z, { ...opts, thresholds: [g.level], stroke: 'black', strokeWidth: 2, fill: null })] }));
}
export function band(el, s) {
  const d = s.x.map((x, i) => ({ x, y: s.y[i], lo: s.lo[i], hi: s.hi[i] }));
  el.append(Plot.plot({ width: 640, height: 300, marks: [Plot.areaY(d, { x: 'x', y1: 'lo', y2: 'hi', fillOpacity: 0.3 }), Plot.line(d, { x: 'x', y: 'y' })] }));
}
