#!/usr/bin/env node
/**
 * Re-takes the README's two screenshots (docs/screenshots/*.png) from the built CLI in Debian's
 * Chromium (playwright-core, as the browser tests): `npm run build && node docs/screenshots/capture.mjs`.
 *
 * - sweep-heat-map.png: `ccsim sweep scenarios/china-banking-2017.yaml --vary staff=-20%:0%:1%
 *   --vary aht=-10%:10%:1% --model analytic --report …`, its first heat map (the answer rate with
 *   the target's contour);
 * - serve-page.png: `ccsim serve scenarios/china-banking-2017.yaml` with the mission's what-if
 *   typed into the levers (staff −8%, self-service 75%, a tenth of the calls to WeChat), the
 *   top of the page once the kernels have answered.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'docs/screenshots');
const CLI = join(ROOT, 'dist/cli/main.js');
const BASELINE = 'scenarios/china-banking-2017.yaml';
const CHROMIUM = process.env.CCSIM_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const scratch = mkdtempSync(join(tmpdir(), 'ccsim-shots-'));
const profile = join(scratch, 'profile');
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 760, height: 1180 } });
let serve;
try {
  // the sweep report's first heat map
  const report = join(scratch, 'sweep.html');
  const sweep = spawnSync(process.execPath, [CLI, 'sweep', BASELINE, '--vary', 'staff=-20%:0%:1%', '--vary', 'aht=-10%:10%:1%', '--model', 'analytic', '--report', report], { cwd: ROOT, encoding: 'utf8' });
  if (sweep.status !== 0) throw new Error(`ccsim sweep failed: ${sweep.stderr}`);
  const page = await context.newPage();
  await page.goto(`file://${report}`);
  const figure = page.locator('figure.chart').first();
  await figure.waitFor();
  await figure.screenshot({ path: join(OUT, 'sweep-heat-map.png') });

  // the what-if page with the mission's levers
  serve = spawn(process.execPath, [CLI, 'serve', BASELINE, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    serve.stdout.on('data', (d) => { out += d; const m = /(http:\/\/[^ ]+\/)/.exec(out); if (m) ok(m[1]); });
    serve.once('exit', (code) => fail(new Error(`ccsim serve exited ${code}`)));
  });
  const live = await context.newPage();
  await live.goto(url);
  await live.waitForSelector('td[data-key="answerRate"]');
  for (const [lever, value] of [['staff', '-8%'], ['selfService', '0.75'], ['shift', 'voice:wechat=10%']]) {
    await live.fill(`#lever-${lever}`, value);
  }
  await live.waitForFunction(() => document.querySelector('#command')?.textContent?.includes('--shift voice:wechat=10%'));
  await live.waitForTimeout(500);
  await live.screenshot({ path: join(OUT, 'serve-page.png') });
  process.stdout.write(`wrote ${join(OUT, 'sweep-heat-map.png')} and ${join(OUT, 'serve-page.png')}\n`);
} finally {
  serve?.kill();
  await context.close();
  rmSync(scratch, { recursive: true, force: true });
}
