/**
 * The HTML reports in headless Chromium: each opens from a file with no request beyond
 * itself, draws every chart (an SVG with marks; heat maps a raster image and the target's
 * contour) without a console error, and states where it came from (scenario, the file's
 * SHA-256, the command, seed, replications) and each figure's definition. A 10,000-cell sweep
 * report is under 5 MB and draws in under 2 s. Screenshots: test-artifacts/report-*.png.
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

const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;
const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
const forecast = new URL('../../scenarios/bank-day-96.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ccsim-reports-'));
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
    expect(ar.kernels.variant).toBe(ten(json.variant.analytic.answerRate));
    expect(ar.simulated!.variant.mean).toBe(ten(json.variant.simulated.figures.answerRate));
    expect(ar.simulated!.difference.ci95).toBe(ten(json.difference.ci95.answerRate));
    expect(section.hold?.staff).toBe(json.hold.staff);
  });

  it('a 10,000-cell sweep report: under 5 MB, drawn in under 2 s', async () => {
    const file = await report('sweep-10k', ['sweep', targeted, '--vary', 'staff=-49.5%:0%:0.5%', '--vary', 'aht=-24.75%:25%:0.5%', '--model', 'analytic', '--quiet']);
    const doc = documentOf(file);
    const cells = doc.sections[0]!.kind === 'sweep' ? doc.sections[0]!.axes.reduce((n, a) => n * a.values.length, 1) : 0;
    expect(cells).toBe(10_000);
    const bytes = statSync(file).size;
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#app[data-rendered-ms]');
    const ms = Number(await page.getAttribute('#app', 'data-rendered-ms'));
    const drawn = await charts(page);
    expect(drawn[0]!.images).toBe(1);
    expect(drawn[0]!.contours).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    process.stdout.write(`10,000-cell sweep report: ${(bytes / 1024 / 1024).toFixed(2)} MB, drawn ${ms.toFixed(0)} ms after navigation start\n`);
    expect(ms).toBeLessThan(2000);
    await screenshot(page, 'report-sweep-10k');
    await page.close();
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
