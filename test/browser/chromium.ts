/**
 * Headless Chromium for the browser tests (the browser itself: bench/browser.ts, shared with the
 * browser benchmarks). Tests skip with a visible message when the browser is missing.
 * Screenshots go to test-artifacts/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, HAVE_CHROMIUM } from '../../bench/browser.js';

export { HAVE_CHROMIUM, openBrowser } from '../../bench/browser.js';

if (!HAVE_CHROMIUM) {
  process.stderr.write(`\n*** browser tests SKIPPED: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium; as root: apt-get install -y chromium) ***\n\n`);
}

export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

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
