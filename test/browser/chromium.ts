/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium (installed by .ci/run,
 * never downloaded), driven by playwright-core, with a fresh profile and the flags that keep
 * it off the network (no background requests, updates or sync). Tests skip with a visible
 * message when the browser is missing. Screenshots go to test-artifacts/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CCSIM_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  process.stderr.write(`\n*** browser tests SKIPPED: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium; as root: apt-get install -y chromium) ***\n\n`);
}

export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

/** A browser with a fresh profile; close() removes the profile. */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ccsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** A page that records console errors, page errors and every request it makes. */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  return { page, errors, requests };
}

/** Saves a full-page screenshot as test-artifacts/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Every chart of the page: its <figure class="chart"> elements, each with its drawn SVGs
 * (width and height > 0) and how many marks they hold (paths, rects, circles, images).
 */
export async function charts(page: Page): Promise<{ caption: string; svgs: number; marks: number; /** raster images (heat maps) */ images: number; contours: number }[]> {
  return page.$$eval('figure.chart', (figures) => figures.map((f) => {
    const svgs = [...f.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().width > 0 && s.getBoundingClientRect().height > 0);
    return {
      caption: f.querySelector('figcaption')?.textContent ?? '',
      svgs: svgs.length,
      marks: svgs.reduce((n, s) => n + s.querySelectorAll('path, rect, circle, line, image').length, 0),
      images: svgs.reduce((n, s) => n + s.querySelectorAll('g[aria-label="raster"] image').length, 0),
      contours: svgs.reduce((n, s) => n + s.querySelectorAll('g[aria-label="contour"] path').length, 0),
    };
  }));
}
