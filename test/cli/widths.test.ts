/**
 * Terminal width: every command's default tables fit 120 columns (code points), measured on
 * real runs — a table's width is its rule line's (`----  ---`: renderTable pads every column
 * to its widest cell) — and so does its prose, wrapped at word boundaries. `validate` prints
 * one summary line by contract (not wrapped; no table). `whatif --wide` is the side-by-side
 * form that does not fit.
 */
import { describe, expect, it } from 'vitest';
import { run } from './run.js';
import { TERMINAL_COLUMNS, wrapText } from '../../cli/format/index.js';

const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;
const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;
const forecast = new URL('../../scenarios/bank-day-96.csv', import.meta.url).pathname;

/** The widest line of a text, in code points. */
const widest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));

const COMMANDS: string[][] = [
  ['erlang', '--agents', '14', '--calls', '100', '--interval-seconds', '1800', '--aht', '180', '--target-seconds', '20'],
  ['erlang', '--agents', '14', '--erlangs', '10', '--aht', '180', '--patience', '300'],
  ['erlang', '--solve', 'agents', '--erlangs', '10', '--aht', '180', '--sl-target', '0.8', '--shrinkage', '0.3'],
  ['staff', forecast, '--sl-target', '0.8', '--target-seconds', '20'],
  ['simulate', '--agents', '100', '--erlangs', '95', '--aht', '300', '--patience', '120', '--calls-per-replication', '20000', '--replications', '2', '--workers', '1'],
  ['simulate', tiny, '--replications', '2', '--workers', '1'],
  ['simulate', tiny, '--full-year', '--workers', '1', '--quiet'],
  ['calibrate', baseline, '--no-simulate', '--no-ranges'], // the ranges table: test/scenarios/mmng.test.ts
  ['whatif', tiny, '--staff', '-10%', '--replications', '2', '--workers', '1', '--hold', 'answerRate=0.95'],
  ['whatif', baseline, '--staff', '-8%', '--self-service', '+6pt', '--no-simulate'],
  ['examples'],
];

describe(`default output fits ${TERMINAL_COLUMNS} columns`, () => {
  it.each(COMMANDS.map((c) => [c.slice(0, 3).map((a) => a.replace(/.*\//, '')).join(' '), c] as const))('%s', async (_, argv) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(0);
    const rules = r.stdout.split('\n').filter((l) => /^-+( {2}-+)*$/.test(l));
    expect(rules.length, 'tables').toBeGreaterThan(0);
    for (const rule of rules) expect([...rule].length, 'a table\'s width').toBeLessThanOrEqual(TERMINAL_COLUMNS);
    const w = widest(r.stdout);
    expect(w, r.stdout.split('\n').find((l) => [...l].length === w)).toBeLessThanOrEqual(TERMINAL_COLUMNS);
  });

  it('whatif --wide puts kernels and simulation side by side (wider), with the same numbers as the blocks', async () => {
    const argv = ['whatif', tiny, '--staff', '-10%', '--replications', '2', '--workers', '1'];
    const narrow = await run(argv);
    const wide = await run([...argv, '--wide']);
    expect(widest(wide.stdout)).toBeGreaterThan(TERMINAL_COLUMNS);
    const row = (text: string) => text.split('\n').filter((l) => l.startsWith('answer rate'));
    expect(row(narrow.stdout)).toHaveLength(2); // kernels block, simulation block
    const [k, s] = row(narrow.stdout).map((l) => l.split(/\s{2,}/).slice(1));
    const w = row(wide.stdout)[0]!.split(/\s{2,}/).slice(1);
    expect(w.slice(0, 3)).toEqual(k!.slice(0, 3));
    expect(w.slice(3, 6)).toEqual(s);
  });

  it('wrapText breaks at spaces, keeps the indent, never splits a word', () => {
    expect(wrapText('aa bb cc', 5)).toBe('aa bb\ncc');
    expect(wrapText('    aa bb cc', 8, '    ')).toBe('    aa\n    bb\n    cc');
    expect(wrapText('averylongword x', 4)).toBe('averylongword\nx');
    expect(wrapText('short', 120)).toBe('short');
  });
});
