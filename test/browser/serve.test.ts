/**
 * `ccsim serve` in headless Chromium: a slider moves the kernels' figure to exactly the value
 * `ccsim whatif --no-simulate --json` gives for the same lever (one code path; how fast each
 * change is answered is a benchmark: bench/suites/browser.ts); a bad lever gets its message beside the control; a simulation runs
 * from the page with a progress bar and ends with 95% intervals and the CLI's numbers; the
 * saved report opens and draws; a scenario with errors shows `ccsim validate`'s problems.
 * Blended scenarios: the channel-shift slider moves the per-channel kernel figures (wechat's) to
 * the CLI's values; a channel lever the scenario cannot take gets the CLI's message
 * beside its box; a simulation gives each channel's figures with 95% intervals, the CLI's.
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
import { moveSlider } from '../../bench/browser.js';
import type { Page } from 'playwright-core';

const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;
const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
const blended = new URL('../../scenarios/examples/blended-centre.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ccsim-serve-'));

/** The median of some timings, printed with them (the latency is measured by `npm run bench -- --suite browser`, not asserted here). */
function median(label: string, times: number[]): number {
  const m = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  process.stdout.write(`serve: ${label}: ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${m.toFixed(0)} ms)\n`);
  return m;
}

/** A live kernel figure of the page: data-value of the cell of a channel ('all' for all channels), key and side. */
async function liveValue(page: Page, channel: string, key: string, side: 'baseline' | 'variant'): Promise<number> {
  return Number(await page.getAttribute(`td[data-channel="${channel}"][data-key="${key}"][data-side="${side}"]`, 'data-value'));
}

describe.skipIf(!HAVE_CHROMIUM)('ccsim serve in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let server: Awaited<ReturnType<typeof startServe>>;
  /** the 2017 baseline (blended: voice, wechat, webchat, messages) */
  let big: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    // one after the other, each kept as soon as it runs: if the second fails to start, afterAll still stops the first
    server = await startServe([tiny, '--workers', '1']);
    big = await startServe([baseline, '--workers', '1']);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    big?.child.kill('SIGTERM');
  });

  it('the 2017 baseline: a slider moves the kernels\' figure to the CLI\'s value', async () => {
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(big.url);
    // agents on duty: a figure of all channels together the kernels give for this blended baseline
    await page.waitForSelector('td[data-key="agents"][data-side="variant"]');
    const times: number[] = [];
    // the first two changes warm the server's compiled code up (as a planner's first moves do); then five measured
    for (const [i, v] of [-1, -2, -10, -20, 5, -15, -5].entries()) {
      const ms = await moveSlider(page, 'staff', v);
      if (i >= 2) times.push(ms);
      expect(await page.inputValue('#lever-staff')).toBe(`${v > 0 ? '+' : ''}${v}%`);
      const shown = await liveValue(page, 'all', 'agents', 'variant');
      const cli = JSON.parse((await run(['whatif', baseline, '--staff', `${v}%`, '--no-simulate', '--json'])).stdout);
      expect(shown, `staff ${v}%`).toBe(cli.variant.analytic.agents);
    }
    median('staff slider → kernels\' figure (baseline)', times);
    expect(errors).toEqual([]);
    await screenshot(page, 'serve-kernels');
    await page.close();
  });

  it('the 2017 baseline: the channel-shift slider moves wechat\'s kernel figures to the CLI\'s values (voice → wechat)', async () => {
    const { page, errors } = await watchedPage(browser.context);
    await page.goto(big.url);
    await page.waitForSelector('td[data-channel="wechat"][data-key="offered"][data-side="variant"]');
    const before = await liveValue(page, 'wechat', 'offered', 'variant');
    const times: number[] = [];
    for (const [i, v] of [2, 4, 10, 20, 5, 15, 30].entries()) {
      const ms = await moveSlider(page, 'shift', v);
      if (i >= 2) times.push(ms);
      // the slider names the first voice channel and the first chat channel
      expect(await page.inputValue('#lever-shift')).toBe(`voice:wechat=${v}%`);
      const cli = JSON.parse((await run(['whatif', baseline, '--shift', `voice:wechat=${v}%`, '--no-simulate', '--json'])).stdout);
      const wechat = cli.variant.byChannel.find((c: { channel: string }) => c.channel === 'wechat').analytic;
      expect(await liveValue(page, 'wechat', 'offered', 'variant'), `shift ${v}%`).toBe(wechat.offered);
      expect(await liveValue(page, 'wechat', 'serviceLevel', 'variant'), `shift ${v}%`).toBe(wechat.serviceLevel);
      expect(await liveValue(page, 'voice', 'answerRate', 'variant'), `shift ${v}%`).toBe(cli.variant.byChannel[0].analytic.answerRate);
    }
    expect(await liveValue(page, 'wechat', 'offered', 'variant')).toBeGreaterThan(before);
    // messages (deferred) has no kernels: its card says so, no figure cells
    expect(await page.locator('td[data-channel="messages"]').count()).toBe(0);
    expect(await page.textContent('#command')).toContain('--shift voice:wechat=30%');
    median('shift slider → wechat\'s kernel figures (baseline)', times);
    expect(errors).toEqual([]);
    await screenshot(page, 'serve-shift');
    await page.close();
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
    // channel levers the scenario cannot take: the CLI's message beside each box
    await page.fill('#lever-aht', '');
    for (const [key, flag, text] of [['concurrency', 'concurrency', 'voice=3'], ['shift', 'shift', 'voice:wechat=10%'], ['deadline', 'deadline', 'voice=4h']] as const) {
      await page.fill(`#lever-${key}`, text);
      await page.waitForFunction((k) => (document.getElementById(`error-${k}`)?.textContent ?? '') !== '', key);
      const c = await run(['whatif', tiny, `--${flag}`, text, '--no-simulate']);
      expect(c.code).toBe(1);
      expect(`ccsim: ${await page.textContent(`#error-${key}`)}\n`, key).toBe(c.stderr);
      await page.fill(`#lever-${key}`, '');
      await page.waitForFunction((k) => (document.getElementById(`error-${k}`)?.textContent ?? '') === '', key);
    }
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

  it('a blended scenario: simulate gives each channel\'s figures with 95% intervals, the CLI\'s numbers', async () => {
    const s = await startServe([blended, '--workers', '1']);
    try {
      const { page, errors } = await watchedPage(browser.context);
      await page.goto(s.url);
      await page.waitForSelector('td[data-channel="wechat"][data-key="offered"]');
      await page.fill('#lever-shift', 'voice:wechat=10%');
      await page.fill('#lever-concurrency', 'wechat=4');
      await page.fill('#replications', '2');
      await page.waitForFunction(() => (document.getElementById('command')?.textContent ?? '').includes('--concurrency wechat=4'));
      await page.click('#simulate');
      await page.waitForFunction(() => document.getElementById('app')!.dataset.simulated === 'true', null, { timeout: 120_000 });
      expect(await page.textContent('#command')).toBe(`ccsim whatif ${blended} --shift voice:wechat=10% --concurrency wechat=4 --replications 2 --seed 42 --report whatif.html`);
      await page.waitForSelector('section.comparison h3[data-channel="email"]');
      // each channel's block: a heading, its kernels' status and a table with intervals
      for (const channel of ['voice', 'wechat', 'email']) {
        const cells = await page.locator(`section.comparison h3[data-channel="${channel}"] ~ .table-wrap`).first().locator('tbody tr').first().locator('td').allTextContents();
        expect(cells.some((c) => c.includes('±')), channel).toBe(true);
      }
      const doc = await page.evaluate(async () => (await (await fetch('/api/jobs/1')).json()).doc);
      const cli = JSON.parse((await run(['whatif', blended, '--shift', 'voice:wechat=10%', '--concurrency', 'wechat=4', '--replications', '2', '--json'])).stdout);
      const row = (channel: string, key: string) => doc.sections[0].series.find((x: { channel: string }) => x.channel === channel).data.find((r: { key: string }) => r.key === key);
      const sim = (channel: string) => cli.variant.byChannel.find((c: { channel: string }) => c.channel === channel).simulated;
      expect(row('wechat', 'serviceLevel').simulated.variant.mean).toBe(sim('wechat').figures.serviceLevel);
      expect(row('wechat', 'serviceLevel').simulated.variant.ci95).toBe(sim('wechat').ci95.serviceLevel);
      expect(row('email', 'handledWithinDeadline').simulated.variant.mean).toBe(sim('email').figures.handledWithinDeadline);
      expect(row('email', 'offered').kernels).toBeUndefined();
      for (const c of await charts(page)) expect(c.svgs, c.caption).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await screenshot(page, 'serve-blended-simulated');
      await page.close();
    } finally {
      s.child.kill('SIGTERM');
    }
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
