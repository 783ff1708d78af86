// Candidate for the chart-library comparison (compare.mjs): a heat map with a contour and a line with a band, in ECharts (tree-shaken imports, canvas).
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart, CustomChart } from 'echarts/charts';
import { GridComponent, VisualMapComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { contours } from 'd3-contour';
echarts.use([HeatmapChart, LineChart, CustomChart, GridComponent, VisualMapComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
export function heat(el, g) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const data = [];
  for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) data.push([i, j, g.z[j * g.nx + i]]);
  const c = contours().size([g.nx, g.ny]).thresholds([g.level])(g.z)[0];
  const lines = c.coordinates.flatMap((poly) => poly.map((ring) => ring.map(([x, y]) => [x - 0.5, y - 0.5])));
  const series = [{ type: 'heatmap', data, progressive: 0 }];
  for (const ring of lines) series.push({ type: 'line', data: ring, showSymbol: false, lineStyle: { color: '#000', width: 2 }, xAxisIndex: 1, yAxisIndex: 1, silent: true });
  chart.setOption({ animation: false, tooltip: {}, grid: { right: 90 },
    xAxis: [{ type: 'category', data: g.xs }, { type: 'value', min: -0.5, max: g.nx - 0.5, show: false }],
    yAxis: [{ type: 'category', data: g.ys }, { type: 'value', min: -0.5, max: g.ny - 0.5, show: false }],
    visualMap: { min: g.min, max: g.max, calculable: true, right: 0, top: 'center' }, series });
}
export function band(el, s) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({ animation: false, tooltip: { trigger: 'axis' }, xAxis: { type: 'value', min: s.x[0], max: s.x[s.x.length - 1] }, yAxis: { type: 'value', scale: true },
    series: [
      { type: 'line', data: s.x.map((x, i) => [x, s.lo[i]]), stack: 'b', lineStyle: { opacity: 0 }, showSymbol: false },
      { type: 'line', data: s.x.map((x, i) => [x, s.hi[i] - s.lo[i]]), stack: 'b', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.3 }, showSymbol: false },
      { type: 'line', data: s.x.map((x, i) => [x, s.y[i]]), showSymbol: false },
    ] });
}
