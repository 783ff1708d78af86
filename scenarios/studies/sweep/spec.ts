/**
 * What decides a sweep's numbers: its definition (scenario, `--set` overrides, axes), the
 * model, the replications per cell, the master seed and the warm-up. Two runs with equal specs
 * write the same bytes, whatever runs the cells (identity.ts hashes it).
 */
import type { SweepDefinition } from './cell.js';

export type SweepModel = 'simulation' | 'analytic';

export interface SweepSpec {
  def: SweepDefinition;
  model: SweepModel;
  /** replications per cell (simulation; 0 for the analytic model) */
  replications: number;
  seed: string | number;
  warmupSeconds: number;
}
