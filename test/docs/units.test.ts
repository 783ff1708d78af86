/**
 * docs/figures.md "Units and rounding in CSV" against the code: every figure key and every
 * input echoed in CSV has a unit (cli/format/figures.ts, units.ts), the docs list each key with
 * that unit and each unit with the rounding its function applies; every figure the engine
 * computes and every sweep column has a unit; the inputs' units are docs/vocabulary.md's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../cli/format/figures.js';
import { INPUT_UNITS, unitOf } from '../../cli/format/units.js';
import { UNITS } from '../../cli/format/round.js';
import { ALL_FIGURE_KEYS, GROUP_FIGURE_KEYS } from '../../engine/stats/figures.js';
import { figureColumns } from '../../scenarios/studies/sweep/columns.js';

const figuresDoc = readFileSync(new URL('../../docs/figures.md', import.meta.url), 'utf8');
const vocabularyDoc = readFileSync(new URL('../../docs/vocabulary.md', import.meta.url), 'utf8');

/** The rows of the markdown table whose header line is `header`, as cell lists. */
function tableAfter(doc: string, header: string): string[][] {
  const lines = doc.split('\n');
  const at = lines.indexOf(header);
  expect(at, `a table headed ${header}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

/** What each rounding function does, in the docs' words. */
const ROUNDING_WORDS: Record<string, string> = {
  roundFraction: '6 decimals',
  roundSeconds: '3 decimals',
  roundCount: 'whole numbers from 1,000, else 2 decimals',
  roundLoad: '3 decimals',
  roundSignificant: '6 significant digits',
};

describe('docs/figures.md: units and rounding in CSV', () => {
  it('lists every key a CSV prints with the unit the code gives it, and no other', () => {
    const documented = new Map(tableAfter(figuresDoc, '| key | unit |').map(([key, unit]) => [unquote(key!), unit!]));
    const inCode = new Map<string, string>([
      ...Object.entries(FIGURES).map(([k, v]) => [k, v.unit] as [string, string]),
      ...Object.entries(INPUT_UNITS),
    ]);
    expect([...documented.keys()].sort()).toEqual([...inCode.keys()].sort());
    for (const [key, unit] of inCode) expect(`${key}: ${documented.get(key)}`).toBe(`${key}: ${unit}`);
  });

  it('lists every unit with the rounding of its function', () => {
    const documented = new Map(tableAfter(figuresDoc, '| unit | rounded in CSV to | why |').map(([unit, rounding]) => [unit!, rounding!]));
    expect([...documented.keys()].sort()).toEqual(Object.keys(UNITS).sort());
    for (const [unit, round] of Object.entries(UNITS)) {
      const words = ROUNDING_WORDS[round.name];
      expect(words, `${unit}: ${round.name} has words in this test`).toBeDefined();
      expect(`${unit}: ${documented.get(unit)}`).toBe(`${unit}: ${words}`);
    }
  });

  it('every figure the engine computes, every group figure and every sweep column has a unit', () => {
    for (const k of [...ALL_FIGURE_KEYS, ...GROUP_FIGURE_KEYS]) expect(unitOf(k), k).toBeDefined();
    const columns = figureColumns({ channels: ['voice', 'wechat'], groups: ['voice-team', 'digital'] });
    for (const c of columns) {
      expect(unitOf(c), c).toBeDefined();
      expect(unitOf(`${c}Ci95`), `${c}Ci95`).toBe(unitOf(c));
    }
    expect(unitOf('groupContactsPerBusyAgent[digital]')).toBe('contacts per busy agent');
  });

  it("the inputs' (and agents', erlangs') units are those docs/vocabulary.md gives their flags (seconds written s)", () => {
    const start = vocabularyDoc.indexOf('| flag | key | type | unit |');
    const rows = tableAfter(vocabularyDoc.slice(start), vocabularyDoc.slice(start).split('\n')[0]!);
    const vocab = new Map<string, string>();
    for (const [, key, type, unit] of rows) if (type === 'number') vocab.set(unquote(key!), unit!);
    const normalise = (u: string) => u.replace(/\bseconds?\b/g, 's');
    let checked = 0;
    for (const [key, unit] of [...Object.entries(INPUT_UNITS), ...Object.entries(FIGURES).map(([k, f]) => [k, f.unit])]) {
      const v = vocab.get(key!);
      if (v === undefined) continue; // not a numeric flag (meanPatience, staffToHold, most figures)
      expect(`${key}: ${unit}`).toBe(`${key}: ${normalise(v)}`);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(14); // 12 inputs, agents and erlangs
  });
});
