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

/** A browser with a fresh profile; close() removes the profile (also when the launch or the close fails). */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ccsim-chromium-'));
  const forget = () => rmSync(profile, { recursive: true, force: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  } catch (err) {
    forget();
    throw err;
  }
  return { context, close: async () => { try { await context.close(); } finally { forget(); } } };
}

/**
 * Starts the compiled `ccsim serve ARGS --port 0` of the project at `root` (dist/ built); resolves
 * with its URL once it listens. Rejects (the process killed) when it exits, fails to start, or
 * prints no URL within `timeoutMs` milliseconds.
 */
export function startServe(root: string, args: string[], timeoutMs = 60_000): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [join(root, 'dist/cli/main.js'), 'serve', ...args, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((ok, fail) => {
    const give = (why: string) => { clearTimeout(timer); child.kill('SIGTERM'); fail(new Error(`ccsim serve ${why}: ${err}`)); };
    const timer = setTimeout(() => give(`printed no URL within ${timeoutMs} ms`), timeoutMs);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/[^ ]+\/)/.exec(out);
      if (m) { clearTimeout(timer); ok({ url: m[1]!, child, stderr: () => err }); }
    });
    child.once('error', (e) => give(`did not start (${e.message})`));
    child.once('exit', (code) => give(`exited ${code}`));
  });
}

/** The 10,000-cell sweep whose report the browser tests check and the browser benchmark times (`ccsim sweep FILE …`). */
export const SWEEP_10K_AXES = ['--vary', 'staff=-49.5%:0%:0.5%', '--vary', 'aht=-24.75%:25%:0.5%'];

/** A scenario's YAML with an exact answer-rate target of 90% on voice added (a sweep report then draws its contour). */
export function withVoiceTarget(yaml: string, source: string): string {
  return `${yaml}\ntargets:\n  - { figure: answerRate, channel: voice, value: 0.9, kind: exact, source: "${source}" }\n`;
}

/**
 * In the page of `ccsim serve`: sets slider `range-KEY` to `value`, fires its input event and
 * resolves with the milliseconds, measured in the page, from that event until the live figures
 * are redrawn for this change (the next `data-seq` of #live); rejects after `timeoutMs`.
 */
export function moveSlider(page: Page, key: string, value: number, timeoutMs = 10_000): Promise<number> {
  return page.evaluate(async ([k, v, limit]) => {
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
    const done = new Promise<number>((resolve, reject) => {
      const obs = new w.MutationObserver(() => { if (live.dataset.seq !== seq && live.dataset.seq === String(Number(seq) + 1)) { obs.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); } });
      const timer = setTimeout(() => { obs.disconnect(); reject(new Error(`slider ${k} = ${v}: the figures were not redrawn within ${limit} ms`)); }, limit);
      obs.observe(live, { attributes: true, childList: true, subtree: true });
    });
    range.value = String(v);
    range.dispatchEvent(new w.Event('input', { bubbles: true }));
    return done;
  }, [key, value, timeoutMs] as const);
}
