/**
 * What a planner waits for in the browser (headless Chromium, bench/browser.ts), measured here
 * rather than asserted in the browser tests (which check the figures themselves):
 *
 * - B1/B2 `ccsim serve` on the 2017 baseline: a slider change (staff; the voice → wechat shift)
 *   until the page shows the kernels' new figures. One operation = one change; the harness times
 *   it from the test side (wall clock, the page's round trip included), and `inPageMs` is the
 *   median the page itself measures from the input event to the redraw, over every change the
 *   harness made (its warm-up calls included). Target 100 ms.
 * - B3 a 10,000-cell analytic sweep report of the blended example (every channel's and group's
 *   columns, a contour on voice's answer rate): opening the file until every chart is drawn.
 *   The same file is opened again and again in one browser (its cache warm after the first);
 *   `renderedMs` is the page's own time from navigation start to drawn, the median over every
 *   open (warm-up ones included). Target 2 s.
 *
 * Full mode only (`ci: false`) and never gated: a browser's timings move with the host. Without
 * Chromium (Debian's, at /usr/bin/chromium or CCSIM_CHROMIUM) each case errors with that message.
 * Run: `npm run bench -- --suite browser`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM, HAVE_CHROMIUM, moveSlider, openBrowser, startServe, SWEEP_10K_AXES, withVoiceTarget } from '../browser.js';
import type { BenchCase } from '../case.js';

/** The project root (this file runs from dist/bench/suites/). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/dist\/$/, '/');
const BASELINE = join(ROOT, 'scenarios/china-banking-2017.yaml');
const BLENDED = join(ROOT, 'scenarios/examples/blended-centre.yaml');

function needChromium(): void {
  if (!HAVE_CHROMIUM) throw new Error(`no Chromium at ${CHROMIUM} (as root: apt-get install -y chromium; or set CCSIM_CHROMIUM)`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** A slider of `ccsim serve` on the baseline, moved through `values` in turn (each move one operation). */
function sliderCase(name: string, key: string, values: number[], ready: string): BenchCase {
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  let server: Awaited<ReturnType<typeof startServe>> | undefined;
  let page: Page;
  let next = 0;
  const inPage: number[] = [];
  return {
    name, async: true, clock: 'wall', gate: false, ci: false, minSamples: 15, unit: 'change', targetNs: 100e6,
    setup: async () => {
      needChromium();
      server = await startServe(ROOT, [BASELINE, '--workers', '1']);
      browser = await openBrowser();
      page = await browser.context.newPage();
      await page.goto(server.url);
      await page.waitForSelector(ready);
      // the first changes warm the server's compiled code up, as a planner's first moves do
      for (const v of values.slice(0, 2)) await moveSlider(page, key, v);
    },
    fn: async () => {
      const v = values[next++ % values.length]!;
      const ms = await moveSlider(page, key, v);
      inPage.push(ms);
      return ms;
    },
    metrics: () => ({ inPageMs: median(inPage) }),
    teardown: async () => {
      server?.child.kill('SIGTERM');
      await browser?.close();
    },
  };
}

let reportDir = '';
let reportFile = '';
let reportBrowser: Awaited<ReturnType<typeof openBrowser>> | undefined;
const renderedMs: number[] = [];

export const cases: BenchCase[] = [
  sliderCase('browser serve staff slider, 2017 baseline', 'staff', [-1, -2, -10, -20, 5, -15, -5, -8], 'td[data-key="agents"][data-side="variant"]'),
  sliderCase('browser serve shift slider voice to wechat, 2017 baseline', 'shift', [2, 4, 10, 20, 5, 15, 30, 8], 'td[data-channel="wechat"][data-key="offered"][data-side="variant"]'),
  {
    name: 'browser 10,000-cell sweep report drawn',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 5, unit: 'open', targetNs: 2e9,
    setup: async () => {
      needChromium();
      reportDir = mkdtempSync(join(tmpdir(), 'ccsim-bench-report-'));
      const scenario = join(reportDir, 'blended-target.yaml');
      writeFileSync(scenario, withVoiceTarget(readFileSync(BLENDED, 'utf8'), 'a benchmark target on voice'));
      reportFile = join(reportDir, 'sweep-10k.html');
      const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'sweep', scenario, ...SWEEP_10K_AXES, '--model', 'analytic', '--quiet', '--report', reportFile], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ccsim sweep --report failed: ${r.stderr}`);
      reportBrowser = await openBrowser();
    },
    fn: async () => {
      const page = await reportBrowser!.context.newPage();
      await page.goto(pathToFileURL(reportFile).href);
      await page.waitForSelector('#app[data-rendered-ms]');
      const ms = Number(await page.getAttribute('#app', 'data-rendered-ms'));
      const charts = await page.$$eval('figure.chart svg', (svgs) => svgs.length);
      await page.close();
      if (!(charts > 0)) throw new Error('the report drew no chart');
      renderedMs.push(ms);
      return ms;
    },
    metrics: () => ({ renderedMs: median(renderedMs) }),
    teardown: async () => {
      try {
        await reportBrowser?.close();
      } finally {
        if (reportDir) rmSync(reportDir, { recursive: true, force: true });
      }
    },
  },
];
