// The chart-library comparison behind docs/reports.md: each candidate (echarts.js, vega.js,
// plot.js here) bundled with esbuild (minified IIFE, as a report inlines it), its size
// minified and gzipped, and the time headless Chromium takes to draw a 10,100-cell heat map
// of the 2017 baseline's answer rate (staff × AHT, kernels) with the 91.22% contour plus a
// line chart with a 95% band — median of 5 page loads, each in a fresh context.
//
// Not part of the build or CI (the candidates are not dependencies). To run it:
//   npm install --no-save vega@6 vega-lite@6 vega-embed@7 echarts@6 d3-contour@4
//   npm run build && node bench/charts/compare.mjs
// Output: a table on stdout; bundles, pages and screenshots in bench/results/charts/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'bench', 'results', 'charts');
mkdirSync(out, { recursive: true });

// the data: an analytic sweep of the shipped baseline, 101 staff × 100 AHT values
const csvPath = join(out, 'surface.csv');
execFileSync(process.execPath, [join(root, 'dist/cli/main.js'), 'sweep', join(root, 'scenarios/china-banking-2017.yaml'),
  '--vary', 'staff=-20%:0%:0.2%', '--vary', 'aht=-10%:9.9%:0.2%', '--model', 'analytic', '--out', csvPath, '--quiet'], { stdio: 'inherit' });
const [head, ...lines] = readFileSync(csvPath, 'utf8').trim().split('\n');
const cols = head.split(',');
const rows = lines.map((l) => l.split(',').map(Number));
const [yi, xi, zi] = ['staff', 'aht', 'answerRate'].map((c) => cols.indexOf(c));
const xs = [...new Set(rows.map((r) => r[xi]))];
const ys = [...new Set(rows.map((r) => r[yi]))];
const z = rows.map((r) => r[zi]);
const grid = { nx: xs.length, ny: ys.length, xs, ys, z, level: 0.9122, min: Math.min(...z), max: Math.max(...z) };
const bx = Array.from({ length: 41 }, (_, i) => -0.2 + i * 0.005);
const band = { x: bx, y: bx.map((x) => 0.91 + x * 0.6), lo: bx.map((x) => 0.905 + x * 0.6), hi: bx.map((x) => 0.915 + x * 0.6) };

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ccsim-charts-')), { executablePath: '/usr/bin/chromium', args: flags, viewport: { width: 900, height: 900 } });
const results = [];
for (const lib of ['plot', 'echarts', 'vega']) {
  const file = join(out, `${lib}.js`);
  await build({ entryPoints: [join(here, `${lib}.js`)], bundle: true, minify: true, format: 'iife', globalName: 'C', outfile: file, logLevel: 'warning', legalComments: 'none' });
  const js = readFileSync(file, 'utf8');
  const html = `<!doctype html><meta charset=utf-8><body><div id=h style="width:700px;height:450px"></div><div id=b style="width:700px;height:320px"></div>
<script>${js}</script><script>
(async () => { const t1 = performance.now(); await C.heat(document.getElementById('h'), ${JSON.stringify(grid)}); const t2 = performance.now();
 await C.band(document.getElementById('b'), ${JSON.stringify(band)}); await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
 window.__done = { heat: t2 - t1, total: performance.now() }; })().catch((e) => { window.__done = { error: String(e) }; });
</script>`;
  const page = join(out, `${lib}.html`);
  writeFileSync(page, html);
  const times = [];
  for (let k = 0; k < 5; k++) {
    const p = await context.newPage();
    await p.goto(pathToFileURL(page).href);
    await p.waitForFunction(() => window.__done, null, { timeout: 60_000 });
    const d = await p.evaluate(() => window.__done);
    if (d.error) throw new Error(`${lib}: ${d.error}`);
    times.push(d);
    if (k === 0) await p.screenshot({ path: join(out, `${lib}.png`) });
    await p.close();
  }
  const med = (key) => times.map((t) => t[key]).sort((a, b) => a - b)[2];
  results.push({ lib, minKB: js.length / 1024, gzKB: gzipSync(js, { level: 9 }).length / 1024, heatMs: med('heat'), totalMs: med('total') });
}
await context.close();
console.log('library   minified KB   gzipped KB   heat map ms   page drawn ms (from navigation start)');
for (const r of results) console.log(`${r.lib.padEnd(9)} ${r.minKB.toFixed(0).padStart(11)}   ${r.gzKB.toFixed(0).padStart(10)}   ${r.heatMs.toFixed(0).padStart(11)}   ${r.totalMs.toFixed(0).padStart(13)}`);
