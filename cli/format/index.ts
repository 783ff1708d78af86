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
export { UNITS, INPUT_UNITS, unitOf, axisUnit, scenarioPathUnit, withUnit, roundFor, unitCsv } from './units.js';
export type { Unit } from './units.js';
export { roundFraction, roundSeconds, roundCount, roundLoad, roundSignificant } from './round.js';
