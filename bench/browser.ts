/**
 * Headless Chromium and `ccsim serve` for the browser benchmarks (bench/suites/browser.ts) and
 * the browser tests (test/browser/), which import these: Debian's /usr/bin/chromium (installed by
 * .ci/run, never downloaded; CCSIM_CHROMIUM names another), driven by playwright-core, with a
 * fresh profile and the flags that keep it off the network (no background requests, updates or sync).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CCSIM_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A browser with a fresh profile; close() removes the profile. */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ccsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/**
 * Starts the compiled `ccsim serve ARGS --port 0` of the project at `root` (dist/ built); resolves
 * with its URL once it listens.
 */
export function startServe(root: string, args: string[]): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [join(root, 'dist/cli/main.js'), 'serve', ...args, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/[^ ]+\/)/.exec(out);
      if (m) ok({ url: m[1]!, child, stderr: () => err });
    });
    child.once('exit', (code) => fail(new Error(`ccsim serve exited ${code}: ${err}`)));
  });
}

/**
 * In the page of `ccsim serve`: sets slider `range-KEY` to `value`, fires its input event and
 * resolves with the milliseconds, measured in the page, from that event until the live figures
 * are redrawn for this change (the next `data-seq` of #live).
 */
export function moveSlider(page: Page, key: string, value: number): Promise<number> {
  return page.evaluate(async ([k, v]) => {
    // runs in the page (this project compiles without the DOM's types): the few DOM members used
    type Element = { value: string; dataset: Record<string, string | undefined>; dispatchEvent(e: unknown): boolean };
    const w = globalThis as unknown as {
      document: { getElementById(id: string): Element };
      MutationObserver: new (callback: () => void) => { observe(target: Element, options: object): void; disconnect(): void };
      Event: new (type: string, init: object) => unknown;
    };
    const range = w.document.getElementById(`range-${k}`);
    const live = w.document.getElementById('live');
    const seq = live.dataset.seq;
    const t0 = performance.now();
    const done = new Promise<number>((resolve) => {
      const obs = new w.MutationObserver(() => { if (live.dataset.seq !== seq && live.dataset.seq === String(Number(seq) + 1)) { obs.disconnect(); resolve(performance.now() - t0); } });
      obs.observe(live, { attributes: true, childList: true, subtree: true });
    });
    range.value = String(v);
    range.dispatchEvent(new w.Event('input', { bubbles: true }));
    return done;
  }, [key, value] as const);
}
