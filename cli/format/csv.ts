/**
 * CSV writing (RFC 4180): comma-separated, a header row, `\n` line ends, a cell quoted
 * when it contains a comma, a quote, or a line break (quotes doubled). Numbers are written as
 * given (shortest round-trip form): `--csv` outputs round them per unit first (units.ts), the
 * sweep results file keeps full precision. An infinite or NaN number is an empty cell, which
 * spreadsheets read as blank.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** One CSV cell. @example csvCell('a,b') // '"a,b"'; csvCell(Infinity) // '' */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (with its `\n`). */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

/**
 * A whole CSV document: the header line then one line per row; each row is read by the
 * header's keys, so rows may be plain objects with more fields than are written.
 * @example toCsv(['id', 'asa'], [{ id: 1, asa: 3.5 }]) // 'id,asa\n1,3.5\n'
 */
export function toCsv(header: readonly string[], rows: readonly Readonly<Record<string, CsvCell>>[]): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(header.map((key) => row[key]));
  return out;
}
