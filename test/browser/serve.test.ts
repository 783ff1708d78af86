/**
 * `ccsim serve` in headless Chromium: a slider moves the kernels' figure to exactly the value
 * `ccsim whatif --no-simulate --json` gives for the same lever (one code path), each change
 * answered within 100 ms (measured in the page, from the input event to the updated figure;
 * median of the changes); a bad lever gets its message beside the control; a simulation runs
 * from the page with a progress bar and ends with 95% intervals and the CLI's numbers; the
 * saved report opens and draws; a scenario with errors shows `ccsim validate`'s problems.
 * Screenshots: test-artifacts/serve-*.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, spawnCli } from '../cli/run.js';
import { startServe } from './serveProcess.js';
import { charts, HAVE_CHROMIUM, openBrowser, screenshot, watchedPage } from './chromium.js';

const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;
const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ccsim-serve-'));

describe.skipIf(!HAVE_CHROMIUM)('ccsim serve in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let server: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    server = await startServe([tiny, '--workers', '1']);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  it('the 2017 baseline: a slider moves the kernels\' figure to the CLI\'s value, each change within 100 ms (median)', async () => {
    const big = await startServe([baseline, '--workers', '1']);
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(big.url);
    // agents on duty: a figure of all channels together the kernels give for this blended baseline
    await page.waitForSelector('td[data-key="agents"][data-side="variant"]');
    const times: number[] = [];
    // the first two changes warm the server's compiled code up (as a planner's first moves do); then five measured
    for (const [i, v] of [-1, -2, -10, -20, 5, -15, -5].entries()) {
      // in the page: set the slider, fire its input event, wait for the figure's table to be redrawn
      const ms = await page.evaluate(async (value) => {
        const range = document.getElementById('range-staff') as HTMLInputElement;
        const live = document.getElementById('live')!;
        const seq = live.dataset.seq;
        const t0 = performance.now();
        const done = new Promise<number>((resolve) => {
          const obs = new MutationObserver(() => { if (live.dataset.seq !== seq && live.dataset.seq === String(Number(seq) + 1)) { obs.disconnect(); resolve(performance.now() - t0); } });
          obs.observe(live, { attributes: true, childList: true, subtree: true });
        });
        range.value = String(value);
        range.dispatchEvent(new Event('input', { bubbles: true }));
        return done;
      }, v);
      if (i >= 2) times.push(ms);
      expect(await page.inputValue('#lever-staff')).toBe(`${v > 0 ? '+' : ''}${v}%`);
      const shown = Number(await page.getAttribute('td[data-key="agents"][data-side="variant"]', 'data-value'));
      const cli = JSON.parse((await run(['whatif', baseline, '--staff', `${v}%`, '--no-simulate', '--json'])).stdout);
      expect(shown, `staff ${v}%`).toBe(cli.variant.analytic.agents);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    process.stdout.write(`serve: slider → kernels' figure: ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)} ms)\n`);
    expect(median).toBeLessThan(100);
    expect(errors).toEqual([]);
    await screenshot(page, 'serve-kernels');
    await page.close();
    big.child.kill('SIGTERM');
  });

  it('a bad lever value: the CLI\'s message beside the control, the page stays', async () => {
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(server.url);
    await page.waitForSelector('td[data-key="answerRate"]');
    await page.fill('#lever-aht', 'abc');
    await page.waitForFunction(() => (document.getElementById('error-aht')?.textContent ?? '') !== '');
    const cli = await run(['whatif', tiny, '--aht', 'abc', '--no-simulate']);
    expect(cli.code).toBe(1);
    expect(`ccsim: ${await page.textContent('#error-aht')}\n`).toBe(cli.stderr);
    expect(await page.getAttribute('.lever:has(#lever-aht)', 'class')).toContain('invalid');
    expect(await page.locator('td[data-key="answerRate"]').count()).toBeGreaterThan(0); // the last good figures stay
    await screenshot(page, 'serve-bad-lever');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('simulate: progress, then the simulator\'s figures with 95% intervals (the CLI\'s numbers), charts with bands; the saved report opens', async () => {
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(server.url);
    await page.waitForSelector('td[data-key="answerRate"]');
    await page.fill('#lever-staff', '-10%');
    await page.fill('#replications', '3');
    await page.waitForFunction(() => (document.getElementById('command')?.textContent ?? '').includes('--staff -10%'));
    await page.click('#simulate');
    await page.waitForFunction(() => document.getElementById('app')!.dataset.simulated === 'true', null, { timeout: 120_000 });
    await page.waitForSelector('section.comparison td.num');
    const cells = await page.locator('section.comparison tbody tr').first().locator('td').allTextContents();
    expect(cells.some((c) => c.includes('±'))).toBe(true);
    const drawn = await charts(page);
    expect(drawn.length).toBe(5);
    for (const c of drawn) expect(c.svgs, c.caption).toBeGreaterThan(0);
    // the same numbers as the command line the page shows (with --json instead of --report)
    const command = (await page.textContent('#command'))!;
    expect(command).toBe(`ccsim whatif ${tiny} --staff -10% --replications 3 --seed 5 --report whatif.html`);
    const doc = await page.evaluate(async () => (await (await fetch('/api/jobs/1')).json()).doc);
    const cli = JSON.parse((await run(['whatif', tiny, '--staff', '-10%', '--replications', '3', '--seed', '5', '--json'])).stdout);
    const ar = doc.sections[0].series[0].data.find((r: { key: string }) => r.key === 'answerRate');
    expect(ar.simulated.variant.mean).toBe(cli.variant.simulated.figures.answerRate);
    expect(ar.simulated.difference.ci95).toBe(cli.difference.ci95.answerRate);
    await screenshot(page, 'serve-simulated');
    // save the report: a download that opens offline and draws the same charts
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
    const saved = join(dir, 'saved.html');
    await download.saveAs(saved);
    const r = await watchedPage(browser.context);
    await r.page.goto(pathToFileURL(saved).href);
    await r.page.waitForSelector('#app[data-rendered-ms]');
    expect((await charts(r.page)).length).toBe(5);
    expect(r.errors).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
    await r.page.close();
  });

  it('a scenario with errors: the page lists the problems ccsim validate prints', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(tiny, 'utf8').replace('mean: 90', 'mean: -3').replace('staffShare: 1', 'staffShare: 2'));
    const s = await startServe([bad, '--workers', '1']);
    try {
      const { page, errors } = await watchedPage(browser.context);
      await page.goto(s.url);
      await page.waitForSelector('#problems:not([hidden])');
      const shown = (await page.textContent('#problems'))!;
      const validate = spawnCli(['validate', bad]);
      expect(validate.code).toBe(1);
      expect(`ccsim: ${shown}\n`).toBe(validate.stderr);
      expect(shown.split('\n').length).toBeGreaterThanOrEqual(2);
      expect(await page.isDisabled('#simulate')).toBe(true);
      expect(errors).toEqual([]);
      await screenshot(page, 'serve-invalid');
      await page.close();
    } finally {
      s.child.kill('SIGTERM');
    }
  });
});
