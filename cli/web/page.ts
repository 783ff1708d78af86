/**
 * `ccsim serve`'s page: pick a scenario, move the levers (the text of `ccsim whatif`'s flags,
 * a slider beside each), see the kernels' figures at once; *simulate* for 95% intervals with a
 * progress bar; the report's charts below; save the report; the equivalent command line.
 * Every number comes from the server, which calls what `ccsim whatif` calls.
 */
import type { ReportChannel, ReportDocument } from '../../scenarios/studies/report/document.js';
import { h } from './dom.js';
import { byKind, change, difference } from './format.js';
import { channelSpecs, channelTitle, kernelNote } from './labels.js';
import { renderReport } from './render.js';

interface Boot {
  scenarios: { id: string; file: string; title: string }[];
  levers: { key: string; flag: string; repeatable: boolean }[];
}

/** The scenario's channels (from the last kernels' answer): the channel levers' sliders name them. */
let channels: ReportChannel[] = [];
const ofKind = (...kinds: string[]) => channels.filter((c) => kinds.includes(c.kind)).map((c) => c.name);
/** The channel a repeatable lever's box names last (`wechat=3` → wechat), else `fallback`. */
const lastChannel = (t: string, fallback: string | undefined) => /([^,;=:\s]+)\s*=[^,;]*$/.exec(t)?.[1] ?? fallback;
/** The number after the last `=` of a box (`voice:wechat=10%` → 10). */
const lastNumber = (t: string, unit: string) => {
  const m = new RegExp(`=\\s*([+-]?\\d*\\.?\\d+)\\s*${unit}\\s*$`).exec(t);
  return m ? Number(m[1]) : undefined;
};

/** Sliders: range, step, how a slider value reads as the flag's text (given the box's text), and back. */
interface Slider {
  min: number; max: number; step: number; hint: string;
  text: (v: number, current: string) => string;
  value: (t: string) => number | undefined;
  /** the slider's position for an empty box, from the scenario's channels (undefined: keep) */
  initial?: () => number | undefined;
  /** whether the scenario has what the slider moves (else it is disabled; the box still takes text) */
  usable?: () => boolean;
}
const SLIDERS: Record<string, Slider> = {
  staff: { min: -30, max: 30, step: 0.5, text: pct, value: fromPct, hint: '-8% | factor 0.92 | head count 47104' },
  selfService: { min: 0.3, max: 0.95, step: 0.005, text: (v) => v.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''), value: (t) => (/^\d*\.?\d+$/.test(t) ? Number(t) : undefined), hint: '0.75 | +6pt | ivr/answered=0.70' },
  volume: { min: -30, max: 50, step: 0.5, text: pct, value: fromPct, hint: '+5% | factor 1.05' },
  aht: { min: -30, max: 30, step: 0.5, text: pct, value: fromPct, hint: '-10s | -5% | new mean 180s' },
  patience: { min: -50, max: 100, step: 1, text: pct, value: fromPct, hint: '+20% | +30s | 150s' },
  shift: {
    min: 0, max: 50, step: 1, hint: 'FROM:TO=SHARE of FROM\'s demand, e.g. voice:wechat=10%; several: comma-separated',
    text: (v, t) => {
      const m = /([^,;:=\s]+)\s*:\s*([^,;:=\s]+)\s*=[^,;]*$/.exec(t);
      const from = m?.[1] ?? ofKind('voice', 'video')[0] ?? channels[0]?.name;
      const to = m?.[2] ?? ofKind('chat').find((c) => c !== from) ?? channels.find((c) => c.name !== from)?.name;
      return v === 0 || from === undefined || to === undefined ? '' : `${from}:${to}=${v}%`;
    },
    value: (t) => lastNumber(t, '%'), usable: () => channels.length > 1,
  },
  concurrency: {
    min: 1, max: 10, step: 1, hint: 'CHANNEL=SESSIONS of a chat channel, e.g. wechat=3; several: comma-separated',
    text: (v, t) => { const c = lastChannel(t, ofKind('chat')[0]); return c === undefined ? '' : `${c}=${v}`; },
    value: (t) => lastNumber(t, ''), usable: () => ofKind('chat').length > 0,
    initial: () => channels.find((c) => c.kind === 'chat')?.concurrency,
  },
  deadline: {
    min: 0.5, max: 48, step: 0.5, hint: 'CHANNEL=DURATION of a deferred channel, e.g. email=4h (30m, 1d, 900s)',
    text: (v, t) => { const c = lastChannel(t, ofKind('deferred')[0]); return c === undefined ? '' : `${c}=${v}h`; },
    value: (t) => lastNumber(t, 'h'), usable: () => ofKind('deferred').length > 0,
    initial: () => { const d = channels.find((c) => c.kind === 'deferred')?.deadlineSeconds; return d === undefined ? undefined : d / 3600; },
  },
  retrial: {
    min: 0, max: 0.9, step: 0.05, hint: 'share of abandoned contacts that redial: 0.3 (every real-time channel with patience) or voice=0.3',
    text: (v) => (v === 0 ? '' : String(+v.toFixed(2))), value: (t) => (/^\d*\.?\d+$/.test(t.trim()) ? Number(t) : lastNumber(t, '')),
  },
};
const LABELS: Record<string, string> = {
  staff: 'staff', selfService: 'self-service share', volume: 'volume', aht: 'handle time (AHT)', patience: 'patience',
  shift: 'channel shift', concurrency: 'chat concurrency', deadline: 'deferred deadline', retrial: 'redials',
};
/** Figures of the live table (all channels together). */
const LIVE = ['answerRate', 'serviceLevel', 'asa', 'pAbandon', 'occupancy', 'staff', 'agents', 'answered'];

function pct(v: number): string {
  return v === 0 ? '' : `${v > 0 ? '+' : ''}${v}%`;
}
function fromPct(t: string): number | undefined {
  const m = /^([+-]?\d*\.?\d+)%$/.exec(t.trim());
  return m ? Number(m[1]) : undefined;
}

const boot = JSON.parse(document.getElementById('ccsim-boot')?.textContent ?? '{}') as Boot;
const app = document.getElementById('app')!;

const state = { scenario: boot.scenarios[0]?.id ?? '', seq: 0, doc: undefined as ReportDocument | undefined, simulated: false, job: undefined as string | undefined };

const scenarioSelect = h('select', { id: 'scenario' }, ...boot.scenarios.map((s) => h('option', { value: s.id }, `${s.title} (${s.file})`)));
const problems = h('pre', { class: 'problems', id: 'problems', hidden: true });
const leverBox = h('div', { class: 'levers' });
const inputs = new Map<string, { text: HTMLInputElement; range: HTMLInputElement; error: HTMLElement; row: HTMLElement }>();
for (const { key } of boot.levers) {
  const sl = SLIDERS[key]!;
  const range = h('input', { type: 'range', min: sl.min, max: sl.max, step: sl.step, value: key === 'selfService' ? sl.min : 0, id: `range-${key}`, 'aria-label': `${LABELS[key]} slider` });
  const text = h('input', { type: 'text', id: `lever-${key}`, placeholder: 'as is', title: sl.hint, 'aria-label': LABELS[key] ?? key });
  const error = h('div', { class: 'error', id: `error-${key}`, role: 'alert' });
  const row = h('div', { class: 'lever' }, h('label', { for: `lever-${key}` }, LABELS[key] ?? key), range, text, error);
  range.addEventListener('input', () => { text.value = sl.text(Number(range.value), text.value); update(); });
  text.addEventListener('input', () => { const v = sl.value(text.value); if (v !== undefined) range.value = String(v); update(); });
  inputs.set(key, { text, range, error, row });
  leverBox.append(row);
}
const live = h('div', { id: 'live' });
const replications = h('input', { type: 'number', id: 'replications', min: 2, max: 1000, step: 1, placeholder: 'file', style: 'width:5rem', 'aria-label': 'replications' });
const simulateButton = h('button', { id: 'simulate', type: 'button' }, 'Simulate');
const bar = h('div', {});
const progress = h('span', { class: 'progress', id: 'progress' }, h('span', { class: 'bar' }, bar), ' ', h('span', { id: 'progress-text' }, ''));
const saveButton = h('button', { id: 'save', type: 'button', class: 'secondary' }, 'Save report');
const command = h('code', { id: 'command', class: 'command' }, '');
const status = h('p', { id: 'status', class: 'unit' }, '');
const report = h('div', { id: 'report' });

app.append(
  h('h1', {}, 'ccsim — what-if'),
  h('div', { class: 'controls' }, h('label', { class: 'control' }, 'scenario ', scenarioSelect)),
  problems,
  h('h2', {}, 'Levers'),
  h('p', { class: 'unit' }, 'Each box takes what the matching ccsim whatif flag takes (hover for examples); the sliders write into the boxes. Empty: as in the scenario.'),
  leverBox,
  h('h2', {}, 'Kernels now'),
  live,
  h('div', { class: 'toolbar' }, h('label', { class: 'control' }, 'replications ', replications), simulateButton, progress, saveButton),
  h('p', {}, 'The same with the CLI: ', command),
  status,
  report,
);

function leverTexts(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, i] of inputs) if (i.text.value.trim() !== '') out[k] = i.text.value.trim();
  return out;
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Shows each lever's message beside it (or clears it). */
function showErrors(errors: Record<string, string>): void {
  for (const [k, i] of inputs) {
    i.error.textContent = errors[k] ?? '';
    i.row.classList.toggle('invalid', errors[k] !== undefined);
  }
  status.textContent = errors.all ?? errors.replications ?? '';
}

/** A value the kernels gave (JSON writes NaN as null). */
const given = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A live table's rows: figure, baseline, variant, Δ; each value cell tagged with its channel, key and side. */
function liveTable(channel: string, rows: { key: string; label: string; kind: string; baseline: number | null; variant: number | null }[]): HTMLElement {
  return h('table', { class: 'kernels-figures', 'data-channel': channel },
    h('thead', {}, h('tr', {}, h('th', {}, 'figure (kernels)'), h('th', { class: 'num' }, 'baseline'), h('th', { class: 'num' }, 'variant'), h('th', { class: 'num' }, 'Δ'))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('td', {}, r.label),
      h('td', { class: 'num', 'data-channel': channel, 'data-key': r.key, 'data-side': 'baseline', 'data-value': String(r.baseline ?? NaN) }, byKind(r.kind, r.baseline)),
      h('td', { class: 'num', 'data-channel': channel, 'data-key': r.key, 'data-side': 'variant', 'data-value': String(r.variant ?? NaN) }, byKind(r.kind, r.variant)),
      h('td', { class: 'num' }, change(r.kind, difference(r.variant, r.baseline)))))));
}

/** The live tables: the kernels' figures, baseline and variant — all channels, then each channel with its own rows. */
function showLive(doc: ReportDocument): void {
  const defs = new Map(doc.definitions.map((d) => [d.key, d]));
  const section = doc.sections.find((s) => s.kind === 'comparison');
  if (!section || section.kind !== 'comparison') return;
  channels = doc.channels ?? [];
  const [all, ...perChannel] = section.series;
  // a figure of all channels the kernels give no value for (a channel without kernels is in the blend) is left out
  const allRows = all!.data.filter((r) => LIVE.includes(r.key) && r.kernels && (given(r.kernels.baseline) || given(r.kernels.variant))).map((r) => ({
    key: r.key, label: defs.get(r.key)?.label ?? r.key, kind: defs.get(r.key)?.kind ?? 'real', baseline: r.kernels!.baseline, variant: r.kernels!.variant,
  }));
  const missing = all!.data.some((r) => LIVE.includes(r.key) && !(r.kernels && (given(r.kernels.baseline) || given(r.kernels.variant))));
  const cards = perChannel.map((series) => {
    const c = channels.find((x) => x.name === series.channel);
    const byKey = new Map(series.data.map((r) => [r.key, r]));
    const rows = (c ? channelSpecs(c) : []).flatMap((spec) => {
      const k = byKey.get(spec.key)?.kernels;
      return k && (given(k.baseline) || given(k.variant)) ? [{ ...spec, baseline: k.baseline, variant: k.variant }] : [];
    });
    return h('div', { class: 'live-channel' }, h('h3', {}, c ? channelTitle(c) : series.channel), c ? h('p', { class: 'unit' }, kernelNote(c)) : null,
      rows.length > 0 ? liveTable(series.channel, rows) : h('p', { class: 'unit' }, 'The kernels give no figure for this channel: simulate for its figures.'));
  });
  live.replaceChildren(
    liveTable('all', allRows),
    ...(missing ? [h('p', { class: 'unit' }, 'All channels together: the kernels give the other figures only when every channel has kernels (see each channel below).')] : []),
    ...(cards.length > 0 ? [h('h3', {}, 'Per channel'), h('div', { class: 'live-channels' }, ...cards)] : []));
  live.dataset.seq = String(state.seq);
  // sliders start at the scenario's values: the self-service share, a chat channel's concurrency, a deadline
  const share = all!.data.find((r) => r.key === 'selfServiceShare')?.kernels?.baseline;
  const ss = inputs.get('selfService');
  if (ss && ss.text.value.trim() === '' && share !== undefined) ss.range.value = String(share);
  for (const [key, i] of inputs) {
    const sl = SLIDERS[key]!;
    i.range.disabled = sl.usable ? !sl.usable() : false;
    const v = sl.initial?.();
    if (i.text.value.trim() === '' && v !== undefined) i.range.value = String(v);
  }
}

/** Draws a whole report (charts included) below the figures; it is what *Save report* saves. */
function showReport(doc: ReportDocument): void {
  state.doc = doc;
  command.textContent = doc.provenance.command;
  renderReport(report, doc, { header: false });
}

let charts: ReturnType<typeof setTimeout> | undefined;
/**
 * The charts of the current levers, once they rest: the whole report asked for 150 ms after the
 * last change (a blended scenario's intraday series and a dozen charts would hold every slider
 * step back), drawn unless the levers moved again meanwhile.
 */
function chartsWhenResting(seq: number): void {
  clearTimeout(charts);
  charts = setTimeout(async () => {
    const res = await post('/api/kernels', { scenario: state.scenario, levers: leverTexts(), charts: true });
    const body = (await res.json()) as { ok: boolean; doc?: ReportDocument };
    if (seq !== state.seq || !body.ok) return;
    requestAnimationFrame(() => { if (seq === state.seq) showReport(body.doc!); });
  }, 150);
}

/** Asks the kernels for the current levers (the figures, then the charts when the levers rest); stale answers (an older request) are dropped. */
async function update(): Promise<void> {
  const seq = ++state.seq;
  state.simulated = false;
  state.doc = undefined;
  const res = await post('/api/kernels', { scenario: state.scenario, levers: leverTexts(), charts: false });
  const body = (await res.json()) as { ok: boolean; doc?: ReportDocument; errors?: Record<string, string>; problems?: string[] };
  if (seq !== state.seq) return;
  problems.hidden = !body.problems;
  problems.textContent = body.problems?.join('\n') ?? '';
  leverBox.hidden = !!body.problems;
  simulateButton.disabled = !body.ok;
  saveButton.disabled = !body.ok;
  if (!body.ok) {
    showErrors(body.errors ?? {});
    if (body.problems) { live.replaceChildren(); report.replaceChildren(); command.textContent = ''; }
    return;
  }
  showErrors({});
  status.textContent = 'Kernels (period by period: Erlang A, or M/M/N+G for non-exponential patience). Simulate for the simulator\'s figures with 95% intervals.';
  command.textContent = body.doc!.provenance.command;
  showLive(body.doc!);
  chartsWhenResting(seq);
}

async function simulate(): Promise<void> {
  const r = replications.value.trim();
  const res = await post('/api/simulate', { scenario: state.scenario, levers: leverTexts(), ...(r !== '' ? { replications: Number(r) } : {}) });
  const body = (await res.json()) as { ok: boolean; job?: string; errors?: Record<string, string>; problems?: string[] };
  if (!body.ok) { showErrors(body.errors ?? {}); return; }
  const seq = state.seq;
  simulateButton.disabled = true;
  const text = document.getElementById('progress-text')!;
  for (;;) {
    await new Promise((w) => setTimeout(w, 200));
    const job = (await (await fetch(`/api/jobs/${body.job}`)).json()) as { state: string; done?: number; total?: number; doc?: ReportDocument; error?: string };
    if (job.state === 'running') {
      const f = job.total ? (job.done ?? 0) / job.total : 0;
      bar.style.width = `${(f * 100).toFixed(0)}%`;
      text.textContent = `simulating: ${job.done ?? 0} of ${job.total ?? '?'} runs`;
      continue;
    }
    simulateButton.disabled = false;
    if (job.state === 'failed') { text.textContent = `failed: ${job.error}`; return; }
    bar.style.width = '100%';
    if (seq !== state.seq) { text.textContent = 'done, but the levers have changed since: simulate again'; return; }
    text.textContent = 'simulated';
    state.simulated = true;
    status.textContent = 'Simulated: means with 95% intervals (both sides draw the same random numbers), beside the kernels.';
    clearTimeout(charts);
    showReport(job.doc!);
    app.dataset.simulated = 'true';
    return;
  }
}

async function save(): Promise<void> {
  // the report of what the levers say now: the one drawn, or (the charts not drawn yet) the kernels' whole report
  const doc = state.doc ?? ((await (await post('/api/kernels', { scenario: state.scenario, levers: leverTexts(), charts: true })).json()) as { doc?: ReportDocument }).doc;
  if (!doc) return;
  const res = await post('/api/report', { doc });
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: 'whatif.html' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

scenarioSelect.addEventListener('change', () => { state.scenario = scenarioSelect.value; update(); });
simulateButton.addEventListener('click', () => { void simulate(); });
saveButton.addEventListener('click', () => { void save(); });
void update();
