/** Reports: the data of the HTML reports and of `ccsim serve`'s page, built from the studies' results. */
export type * from './document.js';
export { intradaySection, serviceLevelGoal } from './intraday.js';
export type { IntradaySide } from './intraday.js';
export { whatifReport, comparisonRows, channelComparisonRows, reportFigures, PERIOD_KEYS, INTRADAY_KEYS } from './whatif.js';
export { reportChannels, planKernels } from './channels.js';
export type { WhatifReportInput } from './whatif.js';
export { simulateReport, CLASS_KEYS } from './simulate.js';
export type { SimulateReportInput } from './simulate.js';
export { sweepReport, sweepTargets, SweepCollector } from './sweep.js';
export { staffReport, STAFF_KEYS } from './staff.js';
