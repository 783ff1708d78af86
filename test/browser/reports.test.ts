/**
 * The HTML reports in headless Chromium: each opens from a file with no request beyond
 * itself, draws every chart (an SVG with marks; heat maps a raster image and the target's
 * contour) without a console error, and states where it came from (scenario, the file's
 * SHA-256, the command, seed, replications) and each figure's definition. A blended scenario's
 * reports (voice, chat and deferred e-mail) draw every chart of every channel and figure menu
 * entry without a console error. A 10,000-cell sweep report of the blended scenario (every
 * per-channel and per-group column) is under 5 MB and draws (how fast: bench/suites/browser.ts). Screenshots:
 * test-artifacts/report-*.png.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../scenarios/index.js';
import { build, run } from '../cli/run.js';
import { charts, HAVE_CHROMIUM, openBrowser, screenshot, watchedPage } from './chromium.js';
import { SWEEP_10K_AXES, withVoiceTarget } from '../../bench/browser.js';

const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;
const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
const forecast = new URL('../../scenarios/bank-day-96.csv', import.meta.url).pathname;
const blended = new URL('../../scenarios/examples/blended-centre.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ccsim-reports-'));
/** the blended centre with an answer-rate target on voice: the sweeps' contour on one channel's figure */
const blendedTargeted = join(dir, 'blended-target.yaml');
writeFileSync(blendedTargeted, withVoiceTarget(readFileSync(blended, 'utf8'), 'a test target on voice'));
/** tiny with an answer-rate target: the sweeps' contour */
const targeted = join(dir, 'tiny-target.yaml');
writeFileSync(targeted, `${readFileSync(tiny, 'utf8')}\ntargets:\n  - { figure: answerRate, value: 0.9, kind: exact, source: "a test target" }\n`);
const sha = (file: string) => createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');

/** The report's data, as embedded. */
function documentOf(file: string): ReportDocument {
  const html = readFileSync(file, 'utf8');
  const json = /<script type="application\/json" id="ccsim-report">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(json) as ReportDocument;
}

/** Makes a report with the CLI (in this process); returns its path. */
async function report(name: string, argv: string[]): Promise<string> {
  const path = join(dir, `${name}.html`);
  const r = await run([...argv, '--report', path]);
  expect(r.code, r.stderr).toBe(0);
  return path;
}

const REPORTS: { name: string; argv: string[]; charts: number; heat?: boolean }[] = [
  { name: 'whatif', argv: ['whatif', tiny, '--staff', '-10%', '--self-service', '0.65', '--replications', '3', '--workers', '1', '--hold', 'answerRate=0.95'], charts: 5 },
  { name: 'simulate', argv: ['simulate', tiny, '--replications', '3', '--workers', '1'], charts: 4 },
  { name: 'sweep-2d', argv: ['sweep', targeted, '--vary', 'staff=-30%:0%:5%', '--vary', 'aht=-10%:10%:5%', '--model', 'analytic', '--workers', '1', '--quiet'], charts: 1, heat: true },
  { name: 'sweep-1d', argv: ['sweep', tiny, '--vary', 'staff=-30%:0%:10%', '--replications', '3', '--workers', '1', '--quiet'], charts: 1 },
  { name: 'sweep-3d', argv: ['sweep', targeted, '--vary', 'staff=-20%:0%:10%', '--vary', 'aht=-10%:10%:10%', '--vary', 'selfService=0.5,0.6', '--model', 'analytic', '--workers', '1', '--quiet'], charts: 1, heat: true },
  { name: 'staff', argv: ['staff', forecast, '--sl-target', '0.8', '--shrinkage', '0.3'], charts: 2 },
  // blended: all channels (shares, times), then each channel's shares and times (e-mail: simulated only), the intraday three
  { name: 'blended-whatif', argv: ['whatif', blended, '--shift', 'voice:wechat=10%', '--concurrency', 'wechat=4', '--replications', '2', '--workers', '1'], charts: 2 + 3 * 2 + 3 },
  { name: 'blended-simulate', argv: ['simulate', blended, '--replications', '2', '--workers', '1'], charts: 1 + 3 + 3 },
  { name: 'blended-sweep', argv: ['sweep', blendedTargeted, '--vary', 'staff=-30%:0%:10%', '--vary', 'aht=-10%:10%:10%', '--model', 'analytic', '--workers', '1', '--quiet'], charts: 1, heat: true },
];

describe.skipIf(!HAVE_CHROMIUM)('HTML reports in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const paths = new Map<string, string>();
  beforeAll(async () => {
    build(); // the browser bundles come with the build (dist/cli/web)
    for (const r of REPORTS) paths.set(r.name, await report(r.name, r.argv));
    browser = await openBrowser();
  });
  afterAll(async () => { await browser?.close(); });

  it.each(REPORTS.map((r) => [r.name, r] as const))('%s: every chart drawn, no console error, nothing fetched', async (name, r) => {
    const file = paths.get(name)!;
    const { page, errors, requests } = await watchedPage(browser.context);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#app[data-rendered-ms]');
    const drawn = await charts(page);
    expect(drawn.length, 'charts').toBe(r.charts);
    for (const c of drawn) {
      expect(c.svgs, c.caption).toBeGreaterThan(0);
      expect(c.marks, c.caption).toBeGreaterThan(3);
    }
    if (r.heat) {
      expect(drawn[0]!.images, 'the heat map\'s raster').toBe(1);
      expect(drawn[0]!.contours, 'the target contour (answer rate)').toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    expect(requests.filter((u) => u !== pathToFileURL(file).href && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    // the definitions table lists every figure of the document
    const doc = documentOf(file);
    expect(await page.locator('section.definitions tbody tr').count()).toBe(doc.definitions.length);
    await screenshot(page, `report-${name}`);
    await page.close();
  });

  it('a report states its scenario, the file\'s SHA-256, the command, seed and replications', () => {
    const doc = documentOf(paths.get('whatif')!);
    expect(doc.provenance.scenario).toEqual({ name: 'tiny', file: tiny, sha256: sha(tiny) });
    expect(doc.provenance.command).toBe(`ccsim whatif ${tiny} --staff -10% --self-service 0.65 --replications 3 --workers 1 --hold answerRate=0.9122`.replace('0.9122', '0.95') + ` --report ${paths.get('whatif')}`);
    expect(doc.provenance.seed).toBe(5);
    expect(doc.provenance.replications).toBe(3);
    expect(doc.definitions.find((d) => d.key === 'answerRate')?.definition).toBe('answered / offered');
    const staff = documentOf(paths.get('staff')!);
    expect(staff.provenance.input).toEqual({ file: forecast, sha256: sha(forecast) });
  });

  it('the what-if report carries the CLI\'s numbers (--json of the same command)', async () => {
    const json = JSON.parse((await run(['whatif', tiny, '--staff', '-10%', '--self-service', '0.65', '--replications', '3', '--workers', '1', '--hold', 'answerRate=0.95', '--json'])).stdout);
    const doc = documentOf(paths.get('whatif')!);
    const section = doc.sections[0]!;
    if (section.kind !== 'comparison') throw new Error('first section is not the comparison');
    const ar = section.series[0]!.data.find((r) => r.key === 'answerRate')!;
    const ten = (x: number) => Number(x.toPrecision(10));
    expect(ar.kernels!.variant).toBe(ten(json.variant.analytic.answerRate));
    expect(ar.simulated!.variant.mean).toBe(ten(json.variant.simulated.figures.answerRate));
    expect(ar.simulated!.difference.ci95).toBe(ten(json.difference.ci95.answerRate));
    expect(section.hold?.staff).toBe(json.hold.staff);
  });

  it('the blended what-if report carries the CLI\'s per-channel numbers (--json of the same command); e-mail has no kernel values', async () => {
    const json = JSON.parse((await run(['whatif', blended, '--shift', 'voice:wechat=10%', '--concurrency', 'wechat=4', '--replications', '2', '--workers', '1', '--json'])).stdout);
    const section = documentOf(paths.get('blended-whatif')!).sections[0]!;
    if (section.kind !== 'comparison') throw new Error('first section is not the comparison');
    const ten = (x: number) => Number(x.toPrecision(10));
    const cli = (side: 'baseline' | 'variant', channel: string) => json[side].byChannel.find((c: { channel: string }) => c.channel === channel);
    const row = (channel: string, key: string) => section.series.find((x) => x.channel === channel)!.data.find((r) => r.key === key)!;
    expect(row('wechat', 'serviceLevel').kernels!.variant).toBe(ten(cli('variant', 'wechat').analytic.serviceLevel));
    expect(row('wechat', 'serviceLevel').simulated!.variant.mean).toBe(ten(cli('variant', 'wechat').simulated.figures.serviceLevel));
    expect(row('voice', 'offered').simulated!.baseline.ci95).toBe(ten(cli('baseline', 'voice').simulated.ci95.offered));
    expect(row('email', 'handledWithinDeadline').simulated!.variant.mean).toBe(ten(cli('variant', 'email').simulated.figures.handledWithinDeadline));
    expect(row('email', 'offered').kernels).toBeUndefined();
  });

  it('a 10,000-cell sweep report of the blended scenario (every channel\'s and group\'s columns): under 5 MB, every chart drawn', async () => {
    const file = await report('sweep-10k', ['sweep', blendedTargeted, ...SWEEP_10K_AXES, '--model', 'analytic', '--quiet']);
    const doc = documentOf(file);
    const section = doc.sections[0]!;
    if (section.kind !== 'sweep') throw new Error('not a sweep section');
    expect(section.axes.reduce((n, a) => n * a.values.length, 1)).toBe(10_000);
    expect(section.series.map((x) => x.channel)).toEqual(['all', 'voice', 'wechat', 'email']);
    expect(section.initial).toEqual({ series: 'voice', key: 'answerRate' }); // the target's figure, on its channel
    const bytes = statSync(file).size;
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#app[data-rendered-ms]');
    const ms = Number(await page.getAttribute('#app', 'data-rendered-ms'));
    const drawn = await charts(page);
    expect(drawn[0]!.images).toBe(1);
    expect(drawn[0]!.contours, 'the voice answer-rate target\'s contour').toBeGreaterThan(0);
    expect(drawn[0]!.caption).toContain('answer rate [voice]');
    expect(errors).toEqual([]);
    process.stdout.write(`10,000-cell sweep report (blended, ${section.series.reduce((n, x) => n + Object.keys(x.data.values).length, 0) + section.groups.reduce((n, x) => n + Object.keys(x.data.values).length, 0)} figures): ${(bytes / 1024 / 1024).toFixed(2)} MB, drawn ${ms.toFixed(0)} ms after navigation start\n`);
    await screenshot(page, 'report-sweep-10k');
    await page.close();
  });

  it('the blended reports: every entry of every menu (channel, centre class, figure) draws its charts with no console error', async () => {
    for (const name of ['blended-whatif', 'blended-simulate', 'blended-sweep']) {
      const { page, errors } = await watchedPage(browser.context);
      await page.goto(pathToFileURL(paths.get(name)!).href);
      await page.waitForSelector('#app[data-rendered-ms]');
      let drawnCharts = 0;
      // every combination of the first menu (intraday: centre class and day type; sweep: figure, rebuilt for each series)
      // with each entry of each other menu (channel; channel or group)
      const selects = page.locator('select');
      const optionsOf = (i: number) => selects.nth(i).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const n = await selects.count();
      expect(n, name).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < n; i++) {
        for (const v of await optionsOf(i)) {
          await selects.nth(i).selectOption(v);
          for (const w of await optionsOf(0)) {
            await selects.nth(0).selectOption(w);
            for (const c of await charts(page)) {
              expect(c.svgs, `${name}: ${v}, ${w}: ${c.caption}`).toBeGreaterThan(0);
              expect(c.marks, `${name}: ${v}, ${w}: ${c.caption}`).toBeGreaterThan(3);
              drawnCharts++;
            }
          }
        }
      }
      expect(drawnCharts, name).toBeGreaterThan(name === 'blended-sweep' ? 50 : 20);
      expect(errors, name).toEqual([]);
      if (name === 'blended-whatif') {
        // each channel's heading states its own definitions and what the kernels do for it
        const heads = await page.locator('section.comparison h3[data-channel]').allTextContents();
        expect(heads).toEqual(['All channels together', 'voice — voice; T = 20 s (answered)', 'wechat — chat, 4 sessions per agent, slowdown 0.2; T = 60 s (first response)', 'email — deferred, deadline 4 h; T = 3600 s (handling started)']);
        expect(await page.locator('section.comparison p.kernel-note').allTextContents()).toEqual([
          expect.stringMatching(/^kernels: exact — /), expect.stringMatching(/^kernels: approximate — /), expect.stringMatching(/^kernels: none — deferred work/),
        ]);
      }
      await screenshot(page, `report-${name}-menus`);
      await page.close();
    }
  });

  it('the sweep report\'s figure menu redraws the heat map for another figure, with its contour level editable', async () => {
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(pathToFileURL(paths.get('sweep-2d')!).href);
    await page.waitForSelector('#app[data-rendered-ms]');
    expect(await page.inputValue('section.sweep input[type=number]')).toBe('90'); // the target, in %
    await page.selectOption('section.sweep select', 'serviceLevel');
    await page.fill('section.sweep input[type=number]', '80');
    await page.waitForFunction(() => document.querySelector('figure.chart figcaption')?.textContent?.includes('service level'));
    const drawn = await charts(page);
    expect(drawn[0]!.contours).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
