export { Welford } from './welford.js';
export { studentTQuantile, studentTCdf, incompleteBeta, t975 } from './studentT.js';
export { summarize, type Summary } from './summarize.js';
export { summarizeFigures, type FiguresSummary } from './summarizeFigures.js';
export { mserTruncation, type MserResult } from './mser.js';
export * from './figures.js';
export { HISTOGRAM_BINS, BINS_PER_OCTAVE, histogramBin, histogramQuantile } from './histogram.js';
