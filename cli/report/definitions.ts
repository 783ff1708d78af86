/**
 * Each figure's definition as a report prints it: the label and kind of cli/format/figures.ts
 * and the definition of docs/figures.md (read from the shipped file, so the report and the
 * documentation say the same words). A key without a row in docs/figures.md is an error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FigureDefinition } from '../../scenarios/index.js';
import { FIGURES, figureLabel, type FigureKey } from '../format/figures.js';
import { packageRoot } from '../io/package.js';

/** Labels and kinds of keys that are not in FIGURES. */
const EXTRA: Record<string, { label: string; kind: string }> = {
  staff: { label: 'staff (head count)', kind: 'count' },
};

let table: Map<string, string> | undefined;

/**
 * The definitions table of docs/figures.md: key → definition, from every row
 * `| figure | \`key\`, \`key2\` | definition |` of its tables.
 */
export function documentedDefinitions(text = readFileSync(join(packageRoot(), 'docs', 'figures.md'), 'utf8')): Map<string, string> {
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
 * @param targetSeconds the service-level threshold T, filled into labels
 * @throws {Error} a key docs/figures.md does not define (a report must define every figure it shows)
 */
export function definitionsOf(keys: readonly string[], targetSeconds?: number): FigureDefinition[] {
  table ??= documentedDefinitions();
  return keys.map((key) => {
    const definition = table!.get(key);
    if (definition === undefined) throw new Error(`docs/figures.md defines no figure ${key}`);
    const info = key in FIGURES ? { label: figureLabel(key as FigureKey, targetSeconds), kind: FIGURES[key as FigureKey].kind as string } : EXTRA[key];
    if (info === undefined) throw new Error(`no label for figure ${key} (cli/format/figures.ts)`);
    return { key, label: info.label, kind: info.kind, definition };
  });
}
