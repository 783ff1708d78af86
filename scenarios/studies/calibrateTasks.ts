/**
 * Worker handler of `ccsim calibrate`'s range scan (a handler module for engine/parallel's pool):
 * `calibrate-range` refits one combination of `calibration.ranges` (calibrateRanges.ts
 * `rangePoint`, the same pure function the main thread runs, so the scan does not depend on
 * where each combination was refitted).
 */
import { rangePoint, type RangePoint, type RangePointInput } from './calibrateRanges.js';

export const handlers = {
  'calibrate-range': (input: RangePointInput): RangePoint => rangePoint(input),
};
