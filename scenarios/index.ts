/** Scenario files: schema, loader (with sandboxed formulas), plans of engine models, analytic evaluation. */
export { loadScenarioFile, loadScenarioText, validateScenarioData, parseScenarioText, applySets, formatProblems, ScenarioError, suggestKey } from './lib/load.js';
export type { Problem, LoadResult, SetOverride } from './lib/load.js';
export { scenarioSchema, TARGET_FIGURES } from './lib/schema.js';
export type { Scenario, ScenarioChannel, ScenarioGroup, ScenarioTarget, TargetFigure } from './lib/schema.js';
export { buildPlan, periodDays, totalStaff, periodVolume } from './lib/build.js';
export type { Plan, Run } from './lib/build.js';
export { analyticTally, analyticPlan, scaleUp, scaleTally } from './lib/analytic.js';
export { parsePath, formatPath, resolvePath, getAt, setAt } from './lib/paths.js';
export { loadFormulaEngine } from './lib/formula.js';
export { simulatePlan } from './lib/simulatePlan.js';
export type { SimulationOptions, PlanSimulation } from './lib/simulatePlan.js';
