/**
 * Aligned plain-text tables for the terminal: a header row, a rule, then rows; each column
 * left- or right-aligned (numbers right). Widths count code points, so `∞`, `–` and `·` align.
 */

export type Align = 'left' | 'right';

/** A column: its heading, and how its cells align (default: left). */
export interface Column {
  readonly header: string;
  readonly align?: Align;
}

const width = (s: string): number => [...s].length;
const pad = (s: string, w: number, align: Align): string => {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
};

/**
 * Renders rows of already-formatted cells under the given columns, two spaces between
 * columns, no trailing spaces, ending with a newline. Missing cells print empty.
 * @example renderTable([{ header: 'n' }, { header: 'x', align: 'right' }], [['a', '1.5']])
 * // 'n  x  \n-  ---\na  1.5\n' (trailing spaces trimmed)
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => pad(cells[i] ?? '', widths[i] ?? 0, c.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) out.push(line(row));
  return `${out.join('\n')}\n`;
}

/**
 * A titled list of figures: one row per figure with its plain-words label, its formatted
 * value(s) and its JSON key, so a reader can map the table to `--json` output.
 * @param valueHeaders headings of the value columns (e.g. ['value'] or ['at 15 agents', 'at 14 agents'])
 */
export function renderFigureTable(
  valueHeaders: readonly string[],
  rows: readonly { label: string; values: readonly string[]; key: string }[],
): string {
  const columns: Column[] = [
    { header: 'figure' },
    ...valueHeaders.map((header) => ({ header, align: 'right' as const })),
    { header: 'JSON key' },
  ];
  return renderTable(
    columns,
    rows.map((r) => [r.label, ...r.values, r.key]),
  );
}
