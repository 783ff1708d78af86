/**
 * The scenario file schema (zod 4), after formulas are evaluated: every key is known (strict
 * objects), every quantity states its unit in its key name (`…Seconds`, `callsPerYear`,
 * `paidHoursPerYear`) or is a dimensionless share in [0, 1]. Messages name the rule and the
 * unit; the loader prefixes the path and appends the value (`… must be > 0 seconds, got -3`).
 * Cross-field rules (volume shares summing to 1, skills naming channels, …) are in `check.ts`.
 */
import * as z from 'zod';

/** A number with a unit and a range, each violation reported with the unit. */
function num(unit: string, range: { gt?: number; gte?: number; lt?: number; lte?: number; int?: boolean } = {}) {
  const u = unit === '' ? '' : ` ${unit}`;
  let s = z.number({ error: (iss) => (iss.input === undefined ? `is required (a number${u})` : `must be a number${u}`) });
  if (range.int) s = s.int({ error: `must be a whole number${u}` });
  if (range.gt !== undefined) s = s.gt(range.gt, { error: `must be > ${range.gt}${u}` });
  if (range.gte !== undefined) s = s.gte(range.gte, { error: `must be ≥ ${range.gte}${u}` });
  if (range.lt !== undefined) s = s.lt(range.lt, { error: `must be < ${range.lt}${u}` });
  if (range.lte !== undefined) s = s.lte(range.lte, { error: `must be ≤ ${range.lte}${u}` });
  return s;
}

/** A share or probability: a fraction in [0, 1]. */
const share = () => num('(a fraction)', { gte: 0, lte: 1 });
const text = () => z.string({ error: (iss) => (iss.input === undefined ? 'is required (text)' : 'must be text') }).min(1, { error: 'must not be empty' });

const seconds = () => num('seconds', { gt: 0 });
/** A duration distribution in seconds (mirrors the engine's DistributionSpec). */
export const distributionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('exponential'), mean: seconds() }),
    z.strictObject({ kind: z.literal('erlang'), mean: seconds(), k: num('(phases)', { int: true, gte: 1, lte: 1e6 }) }),
    z.strictObject({ kind: z.literal('gamma'), mean: seconds(), cv: num('(coefficient of variation)', { gte: 0 }) }),
    z.strictObject({ kind: z.literal('lognormal'), mean: seconds(), cv: num('(coefficient of variation)', { gte: 0 }) }),
    z.strictObject({ kind: z.literal('weibull'), mean: seconds(), shape: num('(shape)', { gte: 0.05, lte: 100 }) }),
    z.strictObject({ kind: z.literal('deterministic'), value: num('seconds', { gte: 0 }) }),
    z.strictObject({ kind: z.literal('empirical'), values: z.array(num('seconds', { gte: 0 })).min(1, { error: 'must list at least one value (seconds)' }) }),
  ],
  { error: 'kind must be one of exponential, erlang, gamma, lognormal, weibull, deterministic, empirical' },
);

const dayTypeSchema = z.strictObject({
  name: text(),
  /** Days of this type in the scenario's period (e.g. 260 weekdays in 2017). */
  days: num('days', { gt: 0 }),
  /** Volume of one day of this type relative to the others (dimensionless weight). */
  volumeWeight: num('(relative weight)', { gte: 0 }),
  /** Relative arrival weights per interval of the day (normalised to sum 1), or a curve in h. */
  intradayProfile: z.array(num('(relative weight)', { gte: 0 }), { error: 'must be a list of weights per interval, or a formula in h' }),
  source: z.string().optional(),
});

const centreClassSchema = z.strictObject({
  name: text(),
  /** Number of centres of this class (each simulated as one representative centre). */
  centres: num('centres', { int: true, gte: 1 }),
  /** Head count of one centre of this class (all staff, paid, before shrinkage). */
  staffPerCentre: num('people', { gte: 0 }),
  /** Share of every channel's volume handled by this class (all its centres together). */
  volumeShare: share(),
  source: z.string().optional(),
});

const channelSchema = z.strictObject({
  name: text(),
  kind: z.enum(['voice', 'chat', 'deferred'], { error: 'must be one of voice, chat, deferred' }),
  /** Arrivals per year, whole scenario (all centres), before self-service. */
  callsPerYear: num('calls per year', { gte: 0 }).optional(),
  /** Arrivals per day averaged over the period, whole scenario, before self-service. */
  callsPerDay: num('calls per day', { gte: 0 }).optional(),
  rateCv: num('(coefficient of variation)', { gte: 0 }).optional(),
  handleTimeSeconds: distributionSchema,
  patienceSeconds: distributionSchema.optional(),
  selfService: z
    .strictObject({
      /** Fraction of arrivals completed in self-service (IVR). */
      share: share(),
      durationSeconds: distributionSchema.optional(),
    })
    .optional(),
  retrial: z
    .strictObject({
      /** Fraction of abandoned contacts that redial. */
      probability: share(),
      delaySeconds: distributionSchema,
    })
    .optional(),
  /** Service-level threshold T, seconds. */
  targetSeconds: num('seconds', { gte: 0 }),
});

const scheduleSchema = z.strictObject({
  /** Agents on duty follow the load: the group's productive agent-hours are spread over days and intervals in proportion to its workload. */
  followLoad: z
    .strictObject({
      /** Share of the agent-hours spread evenly over the day instead of following the load (shift granularity). */
      flatten: share(),
      /** Fewest agents on duty in any interval, per centre. */
      minOnDuty: num('agents', { int: true, gte: 0 }),
    })
    .optional(),
  /** Explicit agents on duty per interval of every day, per centre (productive, after shrinkage). */
  onDutyPerCentre: z.array(num('agents', { gte: 0 })).optional(),
});

const groupSchema = z.strictObject({
  name: text(),
  skills: z.array(text()).min(1, { error: 'must name at least one channel' }),
  /** Share of each centre's staff in this group. */
  staffShare: share(),
  /** Share of paid time not available for contacts (breaks, training, leave, meetings). */
  shrinkage: num('(a fraction)', { gte: 0, lt: 1 }),
  /** Paid hours per staff member per year. */
  paidHoursPerYear: num('hours per year', { gt: 0, lte: 8784 }),
  schedule: scheduleSchema,
});

/** Figures a target may name: the figure keys of docs/figures.md plus `staff` (head count). */
export const TARGET_FIGURES = [
  'offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon',
  'occupancy', 'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered', 'staff',
] as const;
export type TargetFigure = (typeof TARGET_FIGURES)[number];

const targetSchema = z.strictObject({
  figure: z.enum(TARGET_FIGURES, { error: `must be one of ${TARGET_FIGURES.join(', ')}` }),
  /** The reported value, in the figure's unit (counts per year of the period, fractions, seconds). */
  value: num('(the figure\'s unit)'),
  /** exact: fitted by calibration; soft: reported beside with its residual, not fitted. */
  kind: z.enum(['exact', 'soft'], { error: 'must be exact or soft' }),
  source: text(),
});

const parameterSchema = z.strictObject({
  /** Path of a number in this file (e.g. groups[voice-agents].staffShare). */
  path: text(),
  min: num(''),
  max: num(''),
  source: z.string().optional(),
});

const assumptionSchema = z.strictObject({
  /** Path of the value this justifies. */
  parameter: text(),
  source: text(),
});

export const scenarioSchema = z.strictObject({
  name: text(),
  description: z.string().optional(),
  source: z.string().optional(),
  /** Named numbers (or formulas) that other formulas may use. */
  constants: z.record(z.string(), num('')).optional(),
  intervalSeconds: z.union([z.literal(900), z.literal(1800), z.literal(3600)], {
    error: 'must be 900, 1800 or 3600 seconds (15, 30 or 60 minutes)',
  }),
  dayTypes: z.array(dayTypeSchema).min(1, { error: 'must list at least one day type' }),
  centreClasses: z.array(centreClassSchema).min(1, { error: 'must list at least one centre class' }),
  channels: z.array(channelSchema).min(1, { error: 'must list at least one channel' }),
  groups: z.array(groupSchema).min(1, { error: 'must list at least one agent group' }),
  simulation: z
    .strictObject({
      replications: num('replications', { int: true, gte: 2, lte: 10_000 }).optional(),
      seed: z.union([z.string(), z.number()]).optional(),
      warmupSeconds: num('seconds', { gte: 0 }).optional(),
    })
    .optional(),
  targets: z.array(targetSchema).optional(),
  calibration: z.strictObject({ parameters: z.array(parameterSchema).min(1) }).optional(),
  assumptions: z.array(assumptionSchema).optional(),
});

/** A validated scenario: plain data, numbers only (formulas already evaluated). */
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioChannel = Scenario['channels'][number];
export type ScenarioGroup = Scenario['groups'][number];
export type ScenarioTarget = NonNullable<Scenario['targets']>[number];
export type Distribution = z.infer<typeof distributionSchema>;

/** Keys whose string values are text, never formulas. */
export const TEXT_KEYS = new Set(['name', 'description', 'source', 'kind', 'figure', 'path', 'parameter', 'seed', 'skills']);
/** Keys whose values are per-interval curves (a formula there is evaluated at each interval's midpoint hour). */
export const CURVE_KEYS = new Set(['intradayProfile', 'onDutyPerCentre']);

/** Every key name the schema knows, for "did you mean" suggestions. */
export const KNOWN_KEYS = [
  'name', 'description', 'source', 'constants', 'intervalSeconds', 'dayTypes', 'days', 'volumeWeight', 'intradayProfile',
  'centreClasses', 'centres', 'staffPerCentre', 'volumeShare', 'channels', 'kind', 'callsPerYear', 'callsPerDay', 'rateCv',
  'handleTimeSeconds', 'patienceSeconds', 'selfService', 'share', 'durationSeconds', 'retrial', 'probability',
  'delaySeconds', 'targetSeconds', 'groups', 'skills', 'staffShare', 'shrinkage', 'paidHoursPerYear', 'schedule',
  'followLoad', 'flatten', 'minOnDuty', 'onDutyPerCentre', 'simulation', 'replications', 'seed', 'warmupSeconds',
  'targets', 'figure', 'value', 'calibration', 'parameters', 'path', 'min', 'max', 'assumptions', 'parameter', 'mean',
  'k', 'cv', 'shape', 'values',
];
