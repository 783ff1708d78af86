/** Output formatting shared by every command: tables, CSV, JSON (Infinity → null), number formats. */
export { toJson, jsonNumber, finiteOrNull } from './json.js';
export { toCsv, csvLine, csvCell } from './csv.js';
export type { CsvCell } from './csv.js';
export { renderTable, renderFigureTable } from './table.js';
export type { Column, Align } from './table.js';
export { percent, signedPercent, seconds, fixed, count, countEstimate } from './number.js';
export { TERMINAL_COLUMNS, wrapText, wrapLines } from './wrap.js';
export { FIGURES, figureLabel, formatFigure, formatByKind } from './figures.js';
export type { FigureKey, FigureKind, FigureInfo } from './figures.js';
