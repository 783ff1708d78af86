/**
 * The handler modules of the engine's own tasks, as URLs for `openPool({ modules })` (sources
 * under vitest, compiled files otherwise; the pool maps either to dist/).
 */
import { siblingUrl } from './paths.js';

export const TASK_MODULES = {
  /** `des-run`, `des-totals` (tasks/simulation.ts) */
  simulation: siblingUrl(import.meta.url, './tasks/simulation'),
  /** `full-year-days` (tasks/fullYear.ts) */
  fullYear: siblingUrl(import.meta.url, './tasks/fullYear'),
  /** `staff-chunk` (tasks/staffing.ts) */
  staffing: siblingUrl(import.meta.url, './tasks/staffing'),
} as const;
