/**
 * The HTTP side of `ccsim serve` (hono): the page, and a small JSON API the page calls.
 *
 *   GET  /                      the page (script and styles inline, bundled at build time)
 *   GET  /api/scenarios         the scenarios to pick from: FILE (when given) and the shipped ones
 *   POST /api/kernels           { scenario, levers, charts? } → the kernels' report document, or errors
 *                               (charts: false leaves the intraday section out: the figures at once)
 *   POST /api/simulate          { scenario, levers, replications? } → { job }
 *   GET  /api/jobs/:id          { state: 'running', done, total } | { state: 'done', doc } | { state: 'failed', error }
 *   POST /api/report            { doc } → the report as one HTML file (what `--report` writes)
 *
 * Levers are the text of `ccsim whatif`'s flags. Requests whose Host header is not the address
 * served are refused (a page elsewhere cannot reach this server through a DNS name).
 */
import { Hono } from 'hono';
import { cpus } from 'node:os';
import type { ReportDocument } from '../../scenarios/index.js';
import { reportHtml, webAsset } from '../report/html.js';
import { kernelsDocument, loadForPage, PAGE_LEVERS, simulatedDocument, variantsOf, type LeverTexts, type LoadedScenario } from './whatif.js';

/** A scenario the page can pick. */
export interface PageScenario {
  id: string;
  file: string;
  title: string;
}

export interface AppOptions {
  scenarios: PageScenario[];
  /** worker threads for simulations */
  workers?: number;
  /** Host header values accepted (e.g. '127.0.0.1:8080', 'localhost:8080'); 'any' for a host given with --host */
  hosts: string[] | 'any';
}

type Job = { state: 'running'; done: number; total: number } | { state: 'done'; doc: ReportDocument } | { state: 'failed'; error: string };

/** The page's HTML. */
function pageHtml(scenarios: PageScenario[]): string {
  const boot = JSON.stringify({ scenarios, levers: PAGE_LEVERS }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ccsim — what-if</title>
<style>${webAsset('style.css')}</style>
</head>
<body>
<main id="app"></main>
<script type="application/json" id="ccsim-boot">${boot}</script>
<script>${webAsset('page.js').replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

/** Reads the levers of a request body: known keys with string values only. */
function leverTexts(body: unknown): LeverTexts {
  const src = (body as { levers?: Record<string, unknown> } | null)?.levers ?? {};
  const out: LeverTexts = {};
  for (const { key } of PAGE_LEVERS) if (typeof src[key] === 'string') out[key] = src[key] as string;
  return out;
}

/** The app; `jobs` are kept in memory (the last 20). */
export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  const jobs = new Map<string, Job>();
  let nextJob = 1;
  const byId = new Map(o.scenarios.map((s) => [s.id, s]));
  const scenarioOf = async (body: unknown): Promise<LoadedScenario | undefined> => {
    const id = (body as { scenario?: unknown } | null)?.scenario;
    const s = typeof id === 'string' ? byId.get(id) : undefined;
    return s ? loadForPage(s.file) : undefined;
  };
  /** A what-if request body (kernels or simulate): its scenario loaded and its levers applied, or the reply that refuses it. */
  const leverRequest = async (body: unknown) => {
    const loaded = await scenarioOf(body);
    if (!loaded) return { ok: false as const, reply: { ok: false, errors: { scenario: 'no such scenario' } }, status: 400 as const };
    if (loaded.state === 'invalid') return { ok: false as const, reply: { ok: false, problems: loaded.problems }, status: 200 as const };
    const texts = leverTexts(body);
    const v = variantsOf(loaded.scenario, texts);
    if (!v.ok) return { ok: false as const, reply: { ok: false, errors: v.errors }, status: 200 as const };
    return { ok: true as const, body, loaded, texts, v };
  };

  app.use('*', async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (o.hosts !== 'any' && !o.hosts.includes(host)) return c.text(`ccsim serve: requests for host ${host || '(none)'} are not served here`, 403);
    await next();
  });
  app.get('/', (c) => c.html(pageHtml(o.scenarios)));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/api/scenarios', async (c) => c.json(await Promise.all(o.scenarios.map(async (s) => {
    const l = await loadForPage(s.file);
    return { ...s, ...(l.state === 'invalid' ? { problems: l.problems } : {}) };
  }))));
  app.post('/api/kernels', async (c) => {
    const q = await leverRequest(await c.req.json().catch(() => null));
    if (!q.ok) return c.json(q.reply, q.status);
    const { body, loaded, texts, v } = q;
    const charts = (body as { charts?: unknown }).charts !== false;
    return c.json({ ok: true, doc: kernelsDocument(loaded, texts, v.levers, v.variants, { intraday: charts }) });
  });
  app.post('/api/simulate', async (c) => {
    const q = await leverRequest(await c.req.json().catch(() => null));
    if (!q.ok) return c.json(q.reply, q.status);
    const { body, loaded, texts, v } = q;
    const r = (body as { replications?: unknown }).replications;
    const replications = typeof r === 'number' && Number.isInteger(r) && r >= 2 && r <= 1000 ? r : undefined;
    if (r !== undefined && replications === undefined) return c.json({ ok: false, errors: { replications: `replications ${JSON.stringify(r)}: a whole number from 2 to 1000` } });
    const id = String(nextJob++);
    const job: Job = { state: 'running', done: 0, total: 1 };
    jobs.set(id, job);
    if (jobs.size > 20) jobs.delete(jobs.keys().next().value!);
    simulatedDocument(loaded, texts, v.levers, v.variants, {
      workers: o.workers ?? cpus().length, ...(replications ? { replications } : {}),
      onRun: (done, total) => { if (jobs.get(id)?.state === 'running') jobs.set(id, { state: 'running', done, total }); },
    }).then((doc) => jobs.set(id, { state: 'done', doc }), (err: Error) => jobs.set(id, { state: 'failed', error: err.message }));
    return c.json({ ok: true, job: id });
  });
  app.get('/api/jobs/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    return job ? c.json(job) : c.json({ state: 'failed', error: 'no such job' }, 404);
  });
  app.post('/api/report', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { doc?: ReportDocument } | null;
    if (!body?.doc || typeof body.doc !== 'object' || !Array.isArray(body.doc.sections)) return c.text('expected { doc }', 400);
    c.header('content-disposition', 'attachment; filename="whatif.html"');
    return c.html(reportHtml(body.doc));
  });
  return app;
}
