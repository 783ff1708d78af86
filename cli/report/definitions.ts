/**
 * Each figure's definition as a report prints it: the label and kind of cli/format/figures.ts
 * and the definition of docs/figures.md, then docs/channels.md for the figures of the channel
 * kinds and groups (read from the shipped files, so the report and the documentation say the
 * same words). A key without a row in either is an error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FigureDefinition } from '../../scenarios/index.js';
import { FIGURES, figureLabel, type FigureKey } from '../format/figures.js';
import { packageRoot } from '../io/package.js';

/** Labels and kinds of keys that are not in FIGURES. */
const EXTRA: Record<string, { label: string; kind: string }> = {
  staff: { label: 'staff (head count)', kind: 'count' },
  retrials: { label: 'redials', kind: 'real' },
  returns: { label: 'returns after self-service', kind: 'real' },
  customers: { label: 'customers (offered − redials)', kind: 'real' },
  answerRatePerCustomer: { label: 'answer rate per customer', kind: 'fraction' },
  served: { label: 'served (self-service + answered)', kind: 'real' },
  backlog: { label: 'backlog at interval ends', kind: 'real' },
  handledWithinDeadline: { label: 'handled within the deadline', kind: 'fraction' },
  meanTimeToHandle: { label: 'time to handle, mean', kind: 'seconds' },
  p90TimeToHandle: { label: 'time to handle, p90', kind: 'seconds' },
  contactsPerBusyAgent: { label: 'contacts per busy agent', kind: 'real' },
};

let table: Map<string, string> | undefined;

/**
 * The definitions tables of docs/figures.md and docs/channels.md: key → definition, from every
 * row `| figure | \`key\`, \`key2\` | definition |` of their tables (the first row of a key wins).
 */
export function documentedDefinitions(text = ['figures.md', 'channels.md'].map((f) => readFileSync(join(packageRoot(), 'docs', f), 'utf8')).join('\n')): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || cells[0] !== '') continue;
    const keys = [...(cells[2] ?? '').matchAll(/`([A-Za-z0-9]+)`/g)].map((m) => m[1]!);
    for (const key of keys) if (!out.has(key)) out.set(key, cells[3]!.replace(/`/g, ''));
  }
  return out;
}

/**
 * The definitions of `keys`, in order.
 * @param targetSeconds the service-level threshold T, filled into labels; 'own' when the channels' differ (each contact against its own channel's T)
 * @throws {Error} a key docs/figures.md does not define (a report must define every figure it shows)
 */
export function definitionsOf(keys: readonly string[], targetSeconds?: number | 'own'): FigureDefinition[] {
  table ??= documentedDefinitions();
  return keys.map((key) => {
    const definition = table!.get(key);
    if (definition === undefined) throw new Error(`docs/figures.md (nor docs/channels.md) defines no figure ${key}`);
    const label = (k: FigureKey) => (targetSeconds === 'own' ? figureLabel(k).replace('≤ T s', '≤ own T') : figureLabel(k, targetSeconds));
    const info = key in FIGURES ? { label: label(key as FigureKey), kind: FIGURES[key as FigureKey].kind as string } : EXTRA[key];
    if (info === undefined) throw new Error(`no label for figure ${key} (cli/format/figures.ts)`);
    return { key, label: info.label, kind: info.kind, definition };
  });
}
