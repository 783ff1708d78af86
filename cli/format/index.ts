/** Output formatting shared by every command: tables, CSV (units in headers, rounded per unit), JSON (Infinity → null, full precision), number formats. */
export { toJson, jsonNumber, finiteOrNull } from './json.js';
export { toCsv, csvLine, csvCell } from './csv.js';
export type { CsvCell } from './csv.js';
export { renderTable, renderFigureTable } from './table.js';
export type { Column, Align } from './table.js';
export { percent, signedPercent, seconds, fixed, count, countEstimate } from './number.js';
export { TERMINAL_COLUMNS, wrapText, wrapLines } from './wrap.js';
export { FIGURES, figureLabel, formatFigure, formatByKind } from './figures.js';
export type { FigureKey, FigureKind, FigureInfo } from './figures.js';
export { INPUT_UNITS, unitOf, axisUnit, scenarioPathUnit, withUnit, roundFor, unitCsv } from './units.js';
export { UNITS, roundFraction, roundSeconds, roundCount, roundLoad, roundSignificant } from './round.js';
export type { Unit } from './round.js';
