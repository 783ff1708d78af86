/**
 * How the pages name figures and channels: a figure's label and kind from the report's
 * definitions (all channels together), a channel's rows with its own definitions and threshold
 * (cli/format/slices.ts `channelRows`, the terminal's words: "SL: first response ≤ 60 s",
 * "within the 4 h deadline"), a channel's title and what the kernels do for it.
 */
import type { FigureDefinition, ReportChannel } from '../../scenarios/studies/report/document.js';
import { channelRows, duration, unitOf } from '../format/slices.js';
import { select } from './dom.js';

export type Defs = Map<string, FigureDefinition>;

/** A figure row as a page shows it: key, label, how it prints. */
export interface Spec {
  key: string;
  label: string;
  kind: string;
}

export const kindOf = (defs: Defs, key: string): string => defs.get(key)?.kind ?? 'real';
export const labelOf = (defs: Defs, key: string): string => defs.get(key)?.label ?? key;

/** The rows of all channels together: each key with the definitions' label. */
export function specsOf(defs: Defs, keys: readonly string[]): Spec[] {
  return keys.map((key) => ({ key, label: labelOf(defs, key), kind: kindOf(defs, key) }));
}

/** The rows of a channel, by its kind, with its own labels (the terminal's per-channel blocks). */
export function channelSpecs(c: ReportChannel): Spec[] {
  return channelRows(c).map((r) => ({ key: r.key, label: r.label, kind: r.kind }));
}

/** A channel's figure label (its own words where its kind has the figure), else the definitions' label. */
export function channelLabel(defs: Defs, c: ReportChannel | undefined, key: string): string {
  return (c && channelRows(c).find((r) => r.key === key)?.label) ?? labelOf(defs, key);
}

/** `wechat — chat, 3 sessions per agent, slowdown 0.2; T = 60 s (first response)`. */
export function channelTitle(c: ReportChannel): string {
  const parts = [c.kind];
  if (c.kind === 'chat') parts.push(`${c.concurrency ?? 1} session${(c.concurrency ?? 1) === 1 ? '' : 's'} per agent, slowdown ${c.slowdown ?? 0.2}`);
  if (c.kind === 'deferred' && c.deadlineSeconds !== undefined) parts.push(`deadline ${duration(c.deadlineSeconds)}`);
  const T = c.kind === 'chat' ? 'first response' : c.kind === 'deferred' ? 'handling started' : 'answered';
  return `${c.name} — ${parts.join(', ')}; T = ${c.targetSeconds} s (${T})`;
}

/** What the kernels do for a channel, in words: `kernels: exact — …`, `kernels: approximate — …`, `kernels: none — …`. */
export function kernelNote(c: ReportChannel): string {
  return `kernels: ${c.kernel.status} — ${c.kernel.model.replace(/^none:\s*/, '')}`;
}

/** The contacts of a channel in words (calls, sessions, items), or contacts for all channels. */
export function unitWords(c: ReportChannel | undefined): string {
  return c ? unitOf(c.kind) : 'contacts';
}

/** A selector of series ('all' first, then channels), or nothing when there is one. */
export function seriesPicker(names: { value: string; text: string }[], value: string, onPick: (v: string) => void, label = 'channel'): HTMLElement | null {
  if (names.length < 2) return null;
  return select(label, names, value, onPick);
}
