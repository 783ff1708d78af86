/**
 * The blocks every scenario command prints per channel, per agent group and per interval,
 * beside its totals (docs/figures.md, docs/channels.md). Each channel's rows are the figures
 * that mean something for its kind, labelled with that channel's own definitions — its own
 * service-level threshold T ("answered ≤ 20 s" is that channel's T, never another's), "first
 * response" for chat, the deadline for deferred work — and its kernel status. Tables stay
 * within 120 columns: one table per channel, counts of millions written in M.
 */
import type { Figures, GroupFigures } from '../../engine/stats/figures.js';
import type { ReportChannel } from '../../scenarios/studies/report/document.js';
import { renderTable, type Column } from './table.js';
import { count, fixed, percent, seconds } from './number.js';

/** What the blocks need to know of a channel: a report's channel (one definition), its flags optional. */
export type ChannelInfo = Omit<ReportChannel, 'selfService' | 'repeats' | 'kernel'> & Partial<Pick<ReportChannel, 'selfService' | 'repeats' | 'kernel'>>;

/** How a row's value prints. */
export type RowKind = 'fraction' | 'seconds' | 'count' | 'real';

/** One row of a channel's block: its figure key, label and how it prints. */
export interface SliceRow {
  key: keyof Figures;
  label: string;
  kind: RowKind;
}

/** The contact of a kind, in words: calls, sessions, items. */
export function unitOf(kind: string): string {
  return kind === 'chat' ? 'sessions' : kind === 'deferred' ? 'items' : 'calls';
}

/** A duration in words for headings: 4 h, 30 min, 90 s. */
export function duration(secondsValue: number): string {
  if (secondsValue % 3600 === 0) return `${secondsValue / 3600} h`;
  if (secondsValue % 60 === 0) return `${secondsValue / 60} min`;
  return `${secondsValue} s`;
}

/**
 * A channel's heading: `wechat (chat, 3 sessions per agent, slowdown 0.2; T = 60 s)`, then the
 * kernels' status on lines of at most 120 columns: `  kernels: APPROXIMATE — Erlang A with …`.
 */
export function channelHeading(c: ChannelInfo): string {
  const parts = [c.kind];
  if (c.kind === 'chat') parts.push(`${c.concurrency ?? 1} session${(c.concurrency ?? 1) === 1 ? '' : 's'} per agent, slowdown ${c.slowdown ?? 0.2}`);
  if (c.kind === 'deferred' && c.deadlineSeconds !== undefined) parts.push(`deadline ${duration(c.deadlineSeconds)}`);
  const head = `${c.name} (${parts.join(', ')}; T = ${c.targetSeconds} s)`;
  if (!c.kernel) return head;
  const status = c.kernel.status === 'exact' ? 'exact — ' : c.kernel.status === 'approximate' ? 'APPROXIMATE — ' : '';
  return `${head}\n${wrapText(`kernels: ${status}${c.kernel.model}`, 118, '  ')}`;
}

/** Text wrapped at spaces to lines of at most `width` columns, each starting with `indent`. */
function wrapText(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** The rows of a channel's block, by its kind (labels short: the tables stay within 120 columns; docs/figures.md defines each key). */
export function channelRows(c: ChannelInfo): SliceRow[] {
  const u = unitOf(c.kind);
  const T = c.targetSeconds;
  const rows: SliceRow[] = [];
  const ss: SliceRow[] = c.selfService ? [{ key: 'selfServiceCompleted', label: c.kind === 'voice' || c.kind === 'video' ? 'IVR completions' : 'self-service completions', kind: 'count' }] : [];
  const repeats: SliceRow[] = c.repeats ? [
    { key: 'customers', label: 'customers (offered − redials)', kind: 'count' },
    { key: 'retrials', label: 'redials', kind: 'count' },
    { key: 'returns', label: 'returns after self-service', kind: 'count' },
  ] : [];
  if (c.kind === 'deferred') {
    rows.push(
      { key: 'handledWithinDeadline', label: c.deadlineSeconds !== undefined ? `within the ${duration(c.deadlineSeconds)} deadline` : 'within the deadline', kind: 'fraction' },
      { key: 'meanTimeToHandle', label: 'time to handle, mean', kind: 'seconds' },
      { key: 'p90TimeToHandle', label: 'time to handle, p90', kind: 'seconds' },
      { key: 'serviceLevel', label: `started ≤ ${T} s / arrived`, kind: 'fraction' },
      { key: 'backlog', label: 'backlog at interval ends', kind: 'real' },
      { key: 'offered', label: `arrived ${u}`, kind: 'count' },
      { key: 'answered', label: `${u} handled (started)`, kind: 'count' },
      ...ss,
    );
    return rows;
  }
  const chat = c.kind === 'chat';
  rows.push({ key: 'answerRate', label: c.repeats ? 'answer rate per attempt' : 'answer rate', kind: 'fraction' });
  if (c.repeats) rows.push({ key: 'answerRatePerCustomer', label: 'answer rate per customer', kind: 'fraction' });
  rows.push(
    { key: 'serviceLevel', label: chat ? `SL: first response ≤ ${T} s` : `SL: answered ≤ ${T} s`, kind: 'fraction' },
    { key: 'asa', label: chat ? 'ASA (first response)' : 'ASA (of answered)', kind: 'seconds' },
    { key: 'pAbandon', label: 'abandonment rate', kind: 'fraction' },
    { key: 'occupancy', label: chat ? 'occupancy (session slots)' : 'occupancy', kind: 'fraction' },
    { key: 'offered', label: `offered ${u}`, kind: 'count' },
    ...repeats,
    { key: 'answered', label: `answered ${u}`, kind: 'count' },
    ...ss,
  );
  return rows;
}

/** The rows of a group block. */
export const GROUP_ROWS: { key: keyof GroupFigures; label: string; kind: RowKind }[] = [
  { key: 'occupancy', label: 'occupancy (busy / on duty)', kind: 'fraction' },
  { key: 'agents', label: 'agents on duty (mean)', kind: 'count' },
  { key: 'contactsPerBusyAgent', label: 'contacts per busy agent', kind: 'real' },
];

/** A number for a table: counts of a million or more in M (`1,176.28 M`), the rest by kind. */
export function cell(kind: RowKind, v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '–';
  switch (kind) {
    case 'fraction': return percent(v, v > 0.999 && v < 1 ? 3 : 2);
    case 'seconds': return seconds(v, Math.abs(v) >= 1000 ? 0 : 2);
    case 'real': return fixed(v, 2);
    case 'count': return Math.abs(v) >= 1e6 && Number.isFinite(v) ? `${fixed(v / 1e6, 2)} M` : count(v);
  }
}

/** ` ± half-width` in the row's unit ('' when there is none): points for fractions. */
export function half(kind: RowKind, h: number | undefined): string {
  if (h === undefined || !Number.isFinite(h)) return '';
  if (kind === 'fraction') return ` ± ${(h * 100).toFixed(2)} pt`;
  if (kind === 'count' && Math.abs(h) >= 1e4) return ` ± ${fixed(h / 1e6, 2)} M`;
  return ` ± ${cell(kind, h)}`;
}

/** A signed change: points for fractions, − as U+2212; a change that rounds to zero is +0, never −0. */
export function change(kind: RowKind, d: number | undefined): string {
  if (d === undefined || !Number.isFinite(d)) return '–';
  const a = Math.abs(d);
  const text = kind === 'fraction' ? `${(a * 100).toFixed(2)} pt` : cell(kind, a);
  return `${d >= 0 || !/[1-9]/.test(text) ? '+' : '−'}${text}`;
}

const right = (header: string): Column => ({ header, align: 'right' });

/** One side's block of a channel: figure | kernels | simulated (± 95%) | JSON key. */
export function oneSideTable(rows: readonly SliceRow[], kernels: Figures | undefined, sim: { figures: Figures; ci95: Figures } | undefined): string {
  const cols: Column[] = [{ header: 'figure' }, right('kernels'), ...(sim ? [right('simulated')] : []), { header: 'JSON key' }];
  return renderTable(cols, rows.map((r) => [
    r.label, cell(r.kind, kernels?.[r.key]), ...(sim ? [cell(r.kind, sim.figures[r.key]) + half(r.kind, sim.ci95[r.key])] : []), r.key,
  ])).trimEnd();
}

/**
 * Both sides of a what-if for one channel: figure | kernels baseline → variant | simulated
 * baseline | variant | Δ (paired); without the kernels column when the kernels have no value
 * for the channel (`kernels: false`).
 */
export function twoSideTable(
  rows: readonly SliceRow[],
  kernels: { baseline: Figures; variant: Figures } | false,
  sim: { baseline: { figures: Figures; ci95: Figures }; variant: { figures: Figures; ci95: Figures }; difference: { figures: Figures; ci95: Figures } } | undefined,
): string {
  const cols: Column[] = [
    { header: 'figure' }, ...(kernels ? [right('kernels: base → variant')] : []),
    ...(sim ? [right('baseline (sim.)'), right('variant (sim.)'), right('Δ (paired)')] : []),
  ];
  return renderTable(cols, rows.map((r) => [
    r.label, ...(kernels ? [`${cell(r.kind, kernels.baseline[r.key])} → ${cell(r.kind, kernels.variant[r.key])}`] : []),
    ...(sim ? [
      cell(r.kind, sim.baseline.figures[r.key]) + half(r.kind, sim.baseline.ci95[r.key]),
      cell(r.kind, sim.variant.figures[r.key]) + half(r.kind, sim.variant.ci95[r.key]),
      change(r.kind, sim.difference.figures[r.key]) + half(r.kind, sim.difference.ci95[r.key]),
    ] : []),
  ])).trimEnd();
}

/** The group table of one side: group | figure | kernels | simulated. */
export function groupTable(
  groups: readonly string[], kernels: readonly GroupFigures[], sim: readonly { figures: GroupFigures; ci95: GroupFigures }[] | undefined,
  variant?: { kernels: readonly GroupFigures[]; sim: readonly { figures: GroupFigures; ci95: GroupFigures }[] | undefined },
): string {
  const cols: Column[] = variant
    ? [{ header: 'group' }, { header: 'figure' }, right('kernels: base → variant'), ...(sim ? [right('baseline (sim.)'), right('variant (sim.)')] : [])]
    : [{ header: 'group' }, { header: 'figure' }, right('kernels'), ...(sim ? [right('simulated')] : [])];
  const rows: string[][] = [];
  groups.forEach((g, i) => {
    for (const r of GROUP_ROWS) {
      const k = cell(r.kind, kernels[i]?.[r.key]);
      const s = sim ? [cell(r.kind, sim[i]?.figures[r.key]) + half(r.kind, sim[i]?.ci95[r.key])] : [];
      if (variant) {
        const vs = variant.sim ? [cell(r.kind, variant.sim[i]?.figures[r.key]) + half(r.kind, variant.sim[i]?.ci95[r.key])] : [];
        rows.push([r.key === 'occupancy' ? g : '', r.label, `${k} → ${cell(r.kind, variant.kernels[i]?.[r.key])}`, ...s, ...vs]);
      } else rows.push([r.key === 'occupancy' ? g : '', r.label, k, ...s]);
    }
  });
  return renderTable(cols, rows).trimEnd();
}

/** "voice calls, wechat sessions and messages items": what a total of these channels adds up. */
export function blendWords(channels: readonly ChannelInfo[]): string {
  const parts = channels.map((c) => `${c.name} ${unitOf(c.kind)}`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The per-interval table of one channel (one side): start | offered | answer rate | SL | ASA |
 * occupancy | backlog (deferred: handled within deadline, mean time to handle instead of SL and ASA).
 */
export function intervalTable(c: ChannelInfo, intervalSeconds: number, rows: readonly { figures: Figures; ci95: Figures }[]): string {
  const hhmm = (i: number) => {
    const m = (i * intervalSeconds) / 60;
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  };
  const deferred = c.kind === 'deferred';
  const cols: Column[] = [
    { header: 'start' }, right(`offered ${unitOf(c.kind)}`),
    ...(deferred ? [right('within deadline'), right('time to handle')] : [right('answer rate'), right(`SL ${c.targetSeconds} s`), right('ASA')]),
    right('occupancy'), right('backlog at end'),
  ];
  return renderTable(cols, rows.map((r, i) => [
    hhmm(i), cell('count', r.figures.offered),
    ...(deferred
      ? [cell('fraction', r.figures.handledWithinDeadline), cell('seconds', r.figures.meanTimeToHandle)]
      : [cell('fraction', r.figures.answerRate), cell('fraction', r.figures.serviceLevel), cell('seconds', r.figures.asa)]),
    cell('fraction', r.figures.occupancy), cell('real', r.figures.backlog),
  ])).trimEnd();
}
