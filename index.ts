/**
 * ccsim's whole library API, re-exported (this file only re-exports): the analytic kernels
 * (`ccsim/erlang`), the discrete-event simulator (`ccsim/des`), random streams and
 * distributions, statistics and figures, calibration numerics, the worker pool (as the
 * `parallel` namespace: its `RunOptions` differs from the simulator's), and scenarios
 * (`ccsim/scenarios`: the file format, plans, studies).
 * @example import { erlangC, loadScenarioFile, buildPlan } from 'ccsim';
 */
export * from './engine/erlang/index.js';
export * from './engine/des/index.js';
export * from './engine/rng/index.js';
export * from './engine/stats/index.js';
export * from './engine/calibrate/index.js';
export * as parallel from './engine/parallel/index.js';
export * from './scenarios/index.js';
