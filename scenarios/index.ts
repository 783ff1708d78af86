/**
 * Scenarios: the file format (`format/`: schema, loader with sandboxed formulas, checks,
 * paths, rewriting), the plan built from a scenario (`plan/`: engine models, levers, the
 * analytic and simulated evaluation of a plan, targets), and the studies run on plans
 * (`studies/`: calibration, what-if, sweeps, the full year, staffing a day, the stationary
 * quick run). Imports run format ← plan ← studies, and only down into `engine/`.
 */
export { loadScenarioFile, loadScenarioText, readScenarioFile, validateScenarioData, parseScenarioText, applySets, suggestKey, MAX_SCENARIO_BYTES } from './format/load.js';
export type { LoadResult, LoadOptions, SetOverride } from './format/load.js';
export { formatProblems, ScenarioError } from './format/problems.js';
export type { Problem } from './format/problems.js';
export { scenarioSchema, TARGET_FIGURES } from './format/schema.js';
export type { Scenario, ScenarioChannel, ScenarioGroup, ScenarioTarget, TargetFigure } from './format/schema.js';
export { buildPlan, periodDays, totalStaff, periodVolume, describeScales, wholeDays, VOLUME_NODES, agentDirectedShare, agentSecondsPerContact } from './plan/build.js';
export type { Plan, Run } from './plan/build.js';
export { analyticTally, analyticPlan, analyticRunTallies, clearKernelMemos, kernelsOf, analyticModelName, analyticCaveats, analyticAbandonGivenWait, definedFigures, UNDEFINED_IN_OVERLOAD, scaleUp, scaleTally } from './plan/analytic.js';
export type { ChannelKernel, AnalyticPlan, AnalyticOptions, KernelCount } from './plan/analytic.js';
export { checkWork, planWork, sequentialWork, estimatedSeconds, DEFAULT_WORK_LIMITS, WorkLimitError } from './plan/work.js';
export type { WorkEstimate, WorkLimits } from './plan/work.js';
export { planSlices, sliceFigures, scaleGroupTally } from './plan/slices.js';
export type { PlanSlices, SliceFigures } from './plan/slices.js';
export { runParts, mergeParts, componentsOf, warmupVolumesOf } from './plan/runParts.js';
export type { RunPart, PartOptions } from './plan/runParts.js';
export { parsePath, formatPath, resolvePath, getAt, setAt } from './format/paths.js';
export { getParameter, setParameter, parameterWrites } from './format/parameters.js';
export { loadFormulaEngine } from './format/formula.js';
export { simulatePlan, simulateRun, combinePlanReplications } from './plan/simulatePlan.js';
export type { SimulationOptions, PlanSimulation, SliceSummary } from './plan/simulatePlan.js';
export { simulatePlanParallel, prefetchSimulations } from './plan/simulatePlanParallel.js';
export type { ParallelSimulationOptions } from './plan/simulatePlanParallel.js';
export { calibrateScenario, selfServiceNotes } from './studies/calibrate.js';
export type { CalibrateOptions, CalibrationResult, ParameterFit, TargetFit, SoftCheck } from './studies/calibrate.js';
export { rangePoint, rangeScan } from './studies/calibrateRanges.js';
export { rangePointsParallel } from './studies/calibrateParallel.js';
export type { RangePoint, RangePointInput, RangeScan } from './studies/calibrateRanges.js';
export { targetValue, targetSummary, againstReported, targetName, targetFigures, targetReplications } from './plan/targets.js';
export { rewriteScenario } from './format/write.js';
export type { ValueChange } from './format/write.js';
export { parseLever, applyLevers, describeLever, pinSolvedShares, flagOf, leverOfAxisName, LEVER_NAMES, TARGETED_LEVERS, SHARE_DEFINITIONS } from './plan/levers.js';
export { applyShifts, parseDuration, SHIFT_BASES, DEFAULT_SHIFT_BASIS, DEFAULT_SHIFT_CONVERSION, DEFAULT_RETRIAL_DELAY } from './plan/channelLevers.js';
export type { Shift, ShiftBasis } from './plan/channelLevers.js';
export type { Lever, LeverName, LeverMode, ShareDefinition } from './plan/levers.js';
export {
  runWhatif, runWhatifParallel, whatifVariants, parseHold, holdLabel, staffToHold, staffToHoldBySimulation, kernelsExactFor, meets, heldFigures, demandOf,
  isSecondsFigure, pairedDifference, HOLD_FIGURES,
} from './studies/whatif.js';
export type { Hold, HoldResult, WhatifResult, WhatifOptions, SideResult, WhatifVariants, ParallelWhatifOptions, ChannelDemand } from './studies/whatif.js';
export { runQuick, runQuickParallel, analyticOf, QUICK_KEYS } from './studies/quick.js';
export type { QuickRunOptions, QuickReport } from './studies/quick.js';
export { runFullYear } from './studies/fullYear.js';
export type { FullYearOptions, FullYearResult, FullYearProgress } from './studies/fullYear.js';
export { classSlices, fullYearComparison, fullYearDocument, FULL_YEAR_KEYS } from './studies/fullYearReport.js';
export type { FullYearRow } from './studies/fullYearReport.js';
export { staffIntervals, staffIntervalsParallel, summarizeDay, PARALLEL_STAFF_MIN_ROWS } from './studies/staffDay.js';
export type { ForecastInterval, ForecastDay, IntervalStaffing, DayStaffing, StaffOptions, ParallelStaffOptions } from './studies/staffDay.js';
export { classFigures } from './plan/classFigures.js';
export type { ClassFigures } from './plan/classFigures.js';
export { runSweep, runOneCell, sweepFigureNames, SWEEP_TASK_MODULES } from './studies/sweep/run.js';
export { figureColumns, figureValues, layoutOf } from './studies/sweep/columns.js';
export type { SweepLayout } from './studies/sweep/columns.js';
export type { SweepOptions, SweepSpec, SweepSummary, SweepModel, SweepRunner, CellResult } from './studies/sweep/run.js';
export { cutBlocks } from './studies/sweep/backend.js';
export type { SweepBackend, CellBlock, BlockResult, BackendRun } from './studies/sweep/backend.js';
export { localBackend } from './studies/sweep/backends/local.js';
export type { LocalBackendOptions } from './studies/sweep/backends/local.js';
export { sweepIdentity } from './studies/sweep/identity.js';
export type { SweepIdentity } from './studies/sweep/identity.js';
// The Redis backend and `ccsim worker` load BullMQ: import them from their modules
// (studies/sweep/backends/redis.js, studies/sweep/cluster/worker.js) when needed.
export { defineSweep, AxisError, SweepScenarioError } from './studies/sweep/define.js';
export { sweepWork } from './studies/sweep/work.js';
export type { SweepDefinition } from './studies/sweep/cell.js';
export { cellCount, cellValues, cellLabel, MAX_CELLS } from './studies/sweep/grid.js';
export type { Axis } from './studies/sweep/grid.js';
export type { ProgressSink } from './studies/progress.js';
export { intervalLoads } from './plan/analytic.js';
export type { IntervalLoad } from './plan/analytic.js';
export * from './studies/report/index.js';
