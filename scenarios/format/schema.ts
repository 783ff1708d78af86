/**
 * The scenario file schema (zod 4), after formulas are evaluated: every key is known (strict
 * objects), every quantity states its unit in its key name (`…Seconds`, `callsPerYear`,
 * `paidHoursPerYear`) or is a dimensionless share in [0, 1]. Messages name the rule and the
 * unit; the loader prefixes the path and appends the value (`… must be > 0 seconds, got -3`).
 * Cross-field rules (volume shares summing to 1, skills naming channels, …) are in `check.ts`.
 */
import * as z from 'zod';
import { DEFAULT_CHAT_CONCURRENCY, DEFAULT_CHAT_SLOWDOWN } from '../../engine/des/model.js';

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
/** Free text naming where a value comes from. */
const source = () => z.string().optional().meta({ description: 'where the values of this item come from (free text)' });

const seconds = () => num('seconds', { gt: 0 });
const cv = () => num('(coefficient of variation; a fixed value is kind deterministic)', { gt: 0, lte: 1000 });
/** Every distribution kind but the mixture (mirrors the engine's SimpleDistributionSpec), with `extra` keys. */
function simpleDistributions<E extends z.ZodRawShape>(extra: E) {
  const mean = () => seconds().meta({ description: 'mean, seconds' });
  const cvOf = () => cv().meta({ description: 'coefficient of variation: standard deviation / mean, > 0' });
  return [
    z.strictObject({ kind: z.literal('exponential'), mean: mean(), ...extra }),
    z.strictObject({ kind: z.literal('erlang'), mean: mean(), k: num('(phases)', { int: true, gte: 1, lte: 1e6 }).meta({ description: 'number of exponential phases (CV = 1/√k)' }), ...extra }),
    z.strictObject({ kind: z.literal('gamma'), mean: mean(), cv: cvOf(), ...extra }),
    z.strictObject({ kind: z.literal('lognormal'), mean: mean(), cv: cvOf(), ...extra }),
    z.strictObject({ kind: z.literal('weibull'), mean: mean(), shape: num('(shape)', { gte: 0.05, lte: 100 }).meta({ description: 'Weibull shape k (1 is exponential)' }), ...extra }),
    z.strictObject({ kind: z.literal('deterministic'), value: num('seconds', { gte: 0 }).meta({ description: 'the one value, seconds' }), ...extra }),
    z.strictObject({
      kind: z.literal('empirical'),
      values: z.array(num('seconds', { gte: 0 })).min(1, { error: 'must list at least one value (seconds)' }).meta({ description: 'observed durations, seconds, each drawn with equal probability' }),
      ...extra,
    }),
  ] as const;
}
const SIMPLE_KINDS = 'exponential, erlang, gamma, lognormal, weibull, deterministic, empirical';
const sumOf = (cs: readonly { weight: number }[]) => cs.reduce((a, c) => a + c.weight, 0);
/** A mixture's components: each a distribution with its probability `weight`; the weights sum to 1 (± 1e-9). */
const mixtureComponents = z
  .array(z.discriminatedUnion('kind', simpleDistributions({ weight: share().meta({ description: 'the probability of this component; the weights sum to 1' }) }), {
    error: `kind must be one of ${SIMPLE_KINDS} (a mixture's component is not itself a mixture)`,
  }))
  .min(1, { error: 'must list at least one component' })
  .refine((cs) => Math.abs(sumOf(cs) - 1) <= 1e-9, {
    error: (iss) => {
      const cs = iss.input as { weight: number }[];
      return `weights must sum to 1, got ${cs.map((c) => c.weight).join(' + ')} = ${sumOf(cs)}`;
    },
  });
/** A duration distribution in seconds (mirrors the engine's DistributionSpec). */
export const distributionSchema = z.discriminatedUnion(
  'kind',
  [...simpleDistributions({}), z.strictObject({ kind: z.literal('mixture'), components: mixtureComponents.meta({ description: 'the components: each a distribution (not a mixture) with its probability weight; the weights sum to 1' }) })],
  { error: `kind must be one of ${SIMPLE_KINDS}, mixture` },
).meta({ id: 'distribution', description: 'a duration distribution in seconds: { kind, mean, … } (see "Distributions")' });

const dayTypeSchema = z.strictObject({
  name: text().meta({ description: 'the day type\'s name, unique (e.g. weekday); paths may select it: dayTypes[weekday]' }),
  days: num('days', { gt: 0 }).meta({ description: 'days of this type in the scenario\'s period (e.g. 260 weekdays in 2017)' }),
  volumeWeight: num('(relative weight)', { gte: 0 }).meta({ description: 'volume of one day of this type relative to the other day types' }),
  intradayProfile: z.array(num('(relative weight)', { gte: 0 }), { error: 'must be a list of weights per interval, or a formula in h' })
    .meta({ description: 'arrival weight of each interval of the day (one per interval, normalised to sum 1), or a curve in the hour h: "f(h) = …"' }),
  volumeCv: num('(coefficient of variation)', { gte: 0, lte: 2 }).optional()
    .meta({ description: 'coefficient of variation of a day\'s volume (all channels) around the day type\'s expected volume, which the schedule follows: day-to-day over-dispersion and forecast error (a gamma factor of mean 1; 0 or absent: every day brings its expected volume)' }),
  source: source(),
});

const centreClassSchema = z.strictObject({
  name: text().meta({ description: 'the class\'s name, unique (e.g. large)' }),
  centres: num('centres', { int: true, gte: 1 }).meta({ description: 'number of centres of this class; one representative centre is simulated and scaled up' }),
  staffPerCentre: num('people', { gte: 0 }).meta({ description: 'head count of one centre (all staff, paid, before shrinkage), people' }),
  volumeShare: share().meta({ description: 'share of every channel\'s volume handled by this class (all its centres together); the classes sum to 1' }),
  source: source(),
});

/** Channel kinds (docs/channels.md): real-time calls, video, chat sessions, deferred items. */
export const CHANNEL_KINDS = ['voice', 'video', 'chat', 'deferred'] as const;
export type ScenarioChannelKind = (typeof CHANNEL_KINDS)[number];

const channelSchema = z.strictObject({
  name: text().meta({ description: 'the channel\'s name, unique (e.g. voice); groups name it in their skills' }),
  kind: z.enum(CHANNEL_KINDS, { error: `must be one of ${CHANNEL_KINDS.join(', ')}` })
    .meta({ description: 'voice (calls, one at a time), video (as voice), chat (real-time text: an agent holds up to concurrency sessions), deferred (e-mail, SMS, app messages: no abandonment, a deadline); docs/channels.md' }),
  callsPerYear: num('calls per year', { gte: 0 }).optional()
    .meta({ description: 'arrivals per year of the period, whole scenario (all centres), before self-service (calls, chat sessions or deferred items by kind); give this or callsPerDay' }),
  callsPerDay: num('calls per day', { gte: 0 }).optional()
    .meta({ description: 'arrivals per day averaged over the period, whole scenario, before self-service; give this or callsPerYear' }),
  rateCv: num('(coefficient of variation)', { gte: 0, lte: 10 }).optional()
    .meta({ description: 'over-dispersion of arrivals: each interval\'s rate × an independent gamma factor of mean 1 and this coefficient of variation; absent or 0: Poisson arrivals' }),
  handleTimeSeconds: distributionSchema.meta({ description: 'handle time (talk and wrap-up) distribution, seconds; its mean is the AHT. For chat: a session\'s length when its agent holds no other session' }),
  patienceSeconds: distributionSchema.optional().meta({ description: 'patience distribution, seconds (time a caller waits before abandoning; for chat, the wait for the first answer); absent: never abandons; not allowed on deferred channels' }),
  selfService: z
    .strictObject({
      share: share().meta({ description: 'fraction of arrivals completed in self-service (IVR, chatbot): the selfServiceShare figure' }),
      durationSeconds: distributionSchema.optional().meta({ description: 'time spent in self-service before asking for an agent, seconds; absent: none' }),
      returnShare: share().optional()
        .meta({ description: 'fraction of self-service completions that come back as agent contacts (the IVR did not really solve it), counted in offered and returns; absent: 0' }),
      returnDelaySeconds: distributionSchema.optional()
        .meta({ description: 'time from the original arrival to the return, seconds (the self-service session plus the time before calling back); absent: 0' }),
    })
    .optional()
    .meta({ description: 'self-service (IVR, chatbot) in front of the agents; absent: every arrival asks for an agent' }),
  retrial: z
    .strictObject({
      probability: share().meta({ description: 'fraction of abandoned contacts that try again (redial), counted in offered and retrials' }),
      delaySeconds: distributionSchema.meta({ description: 'time from abandoning to the redial, seconds' }),
    })
    .optional()
    .meta({ description: 'redials of abandoned contacts; absent: none; needs patienceSeconds' }),
  targetSeconds: num('seconds', { gte: 0 }).meta({ description: 'service-level threshold T, seconds: serviceLevel counts contacts answered within T (chat: the first response; deferred: handling started)' }),
  concurrency: num('(sessions per agent)', { int: true, gte: 1, lte: 100 }).optional()
    .meta({ description: 'chat only: most sessions an agent holds at once, a whole number 1–100', default: DEFAULT_CHAT_CONCURRENCY }),
  slowdown: num('(a factor per extra session)', { gte: 0, lte: 10 }).optional()
    .meta({ description: 'chat only: a session progresses at pace 1 / (1 + slowdown·(n − 1)) while its agent holds n sessions; the chat channels of one group share one value (assumed, docs/channels.md)', default: DEFAULT_CHAT_SLOWDOWN }),
  deadlineSeconds: num('seconds', { gt: 0 }).optional()
    .meta({ description: 'deferred only, and required there: the time within which an item should be handled, seconds from arrival to the end of its handling (4 h = 14400)' }),
});

const scheduleSchema = z.strictObject({
  followLoad: z
    .strictObject({
      flatten: share().meta({ description: 'share of the agent-hours spread evenly over the day instead of following the load (shift granularity)' }),
      minOnDuty: num('agents', { int: true, gte: 0 }).meta({ description: 'fewest agents on duty in any interval, per centre' }),
    })
    .optional()
    .meta({ description: 'agents on duty follow the load: the group\'s productive agent-hours are spread over days and intervals in proportion to its workload' }),
  onDutyPerCentre: z.array(num('agents', { gte: 0 })).optional()
    .meta({ description: 'explicit agents on duty per interval of every day, per centre (productive, after shrinkage), or a curve in h' }),
}).meta({ description: 'how the group\'s agents are on duty: exactly one of followLoad or onDutyPerCentre' });

const groupSchema = z.strictObject({
  name: text().meta({ description: 'the group\'s name, unique (e.g. voice-agents)' }),
  skills: z.array(text()).min(1, { error: 'must name at least one channel' })
    .meta({ description: 'channels the group serves, by name, in priority order (deferred channels after every real-time one)' }),
  callsWhileChatting: z.boolean({ error: 'must be true or false' }).optional()
    .meta({ description: 'groups with a chat skill: may an agent with chat sessions in progress take a voice or video call? (false: it first finishes them)', default: false }),
  staffShare: share().meta({ description: 'share of each centre\'s staff in this group; the groups sum to at most 1' }),
  shrinkage: num('(a fraction)', { gte: 0, lt: 1 }).meta({ description: 'share of paid time not available for contacts (breaks, training, leave, meetings), in [0, 1)' }),
  paidHoursPerYear: num('hours per year', { gt: 0, lte: 8784 }).meta({ description: 'paid hours per staff member per year' }),
  schedule: scheduleSchema,
});

/** Figures a target may name: the figure keys of docs/figures.md plus `staff` (head count). */
export const TARGET_FIGURES = [
  'offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon',
  'occupancy', 'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered', 'retrials', 'returns', 'customers',
  'answerRatePerCustomer', 'served', 'backlog', 'handledWithinDeadline', 'meanTimeToHandle', 'p90TimeToHandle', 'staff',
] as const;
export type TargetFigure = (typeof TARGET_FIGURES)[number];

const targetSchema = z.strictObject({
  figure: z.enum(TARGET_FIGURES, { error: `must be one of ${TARGET_FIGURES.join(', ')}` }).meta({ description: 'a figure key (docs/figures.md), or staff (head count)' }),
  channel: text().optional()
    .meta({ description: 'the channel whose figure this is (a name in channels); absent: the figure of all channels together (docs/channels.md: what the totals blend)' }),
  value: num('(the figure\'s unit)').meta({ description: 'the reported value, in the figure\'s unit: counts over the period, fractions in [0, 1], seconds' }),
  kind: z.enum(['exact', 'soft'], { error: 'must be exact or soft' }).meta({ description: 'exact: fitted by calibrate; soft: reported beside with its residual, not fitted' }),
  source: text().meta({ description: 'where the reported value comes from' }),
});

/**
 * An assumption the targets leave free, and the values it is tried at: `calibrate` refits the
 * parameters at every combination of the ranges' values and reports what the figures do
 * (each value set at every path of `paths`; a distribution may be a value).
 */
const rangeSchema = z.strictObject({
  paths: z.array(text()).min(1, { error: 'must list at least one path' }),
  values: z.array(z.union([z.number(), z.record(z.string(), z.unknown())], { error: 'must be a number or a distribution' }))
    .min(2, { error: 'must list at least two values' }),
  source: z.string().optional(),
});

const parameterSchema = z.strictObject({
  path: text().meta({ description: 'path of a number in this file, e.g. groups[voice-agents].staffShare' }),
  min: num('').meta({ description: 'lower bound of the fit, in the value\'s unit' }),
  max: num('').meta({ description: 'upper bound of the fit, in the value\'s unit' }),
  source: z.string().optional().meta({ description: 'why this parameter is fitted, and to what (free text)' }),
});

const assumptionSchema = z.strictObject({
  parameter: text().meta({ description: 'path of the value this justifies, e.g. channels[voice].handleTimeSeconds' }),
  source: text().meta({ description: 'the justification: a public source, or "assumed: …"' }),
});

export const scenarioSchema = z.strictObject({
  name: text().meta({ description: 'the scenario\'s name' }),
  description: z.string().optional().meta({ description: 'what the scenario describes (free text)' }),
  source: z.string().optional().meta({ description: 'where its figures come from (free text)' }),
  constants: z.record(z.string(), num('')).optional()
    .meta({ description: 'named numbers (or formulas of earlier constants) that formulas anywhere in the file may use' }),
  intervalSeconds: z.union([z.literal(900), z.literal(1800), z.literal(3600)], {
    error: 'must be 900, 1800 or 3600 seconds (15, 30 or 60 minutes)',
  }).meta({ description: 'planning interval length, seconds: 900, 1800 or 3600' }),
  dayTypes: z.array(dayTypeSchema).min(1, { error: 'must list at least one day type' })
    .meta({ description: 'representative days; a run simulates one day of each type per centre class' }),
  centreClasses: z.array(centreClassSchema).min(1, { error: 'must list at least one centre class' })
    .meta({ description: 'classes of similar centres; one representative centre of each is simulated' }),
  channels: z.array(channelSchema).min(1, { error: 'must list at least one channel' }).meta({ description: 'contact channels and their demand' }),
  groups: z.array(groupSchema).min(1, { error: 'must list at least one agent group' }).meta({ description: 'agent groups, their staff and schedules' }),
  simulation: z
    .strictObject({
      replications: num('replications', { int: true, gte: 2, lte: 10_000 }).optional()
        .meta({ description: 'independent replications of every run (--replications overrides)', default: 8 }),
      seed: z.union([z.string(), z.number()]).optional().meta({ description: 'master seed of the random streams (--seed overrides)', default: 1 }),
      warmupSeconds: num('seconds', { gte: 0 }).optional()
        .meta({ description: 'seconds discarded at the start of each one-day run', default: 0 }),
      backlogWarmupDays: num('days', { int: true, gte: 0, lte: 30 }).optional()
        .meta({ description: 'with a deferred channel: days simulated before each one-day run and discarded, so the day starts with the backlog its own day type carries over (each of a volume drawn from the day volumes of its day type when that has volumeCv; docs/channels.md)', default: 2 }),
    })
    .optional()
    .meta({ description: 'how runs are replicated' }),
  targets: z.array(targetSchema).optional().meta({ description: 'reported figures the scenario should reproduce (calibrate fits the exact ones)' }),
  calibration: z.strictObject({
    parameters: z.array(parameterSchema).min(1).meta({ description: 'the values calibrate may move, with bounds' }),
    ranges: z.array(rangeSchema).optional().meta({ description: 'assumptions the targets leave free, and the values calibrate refits them at' }),
  }).optional()
    .meta({ description: 'what ccsim calibrate fits' }),
  assumptions: z.array(assumptionSchema).optional().meta({ description: 'every value the sources do not give, with its justification' }),
});

/** A validated scenario: plain data, numbers only (formulas already evaluated). */
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioChannel = Scenario['channels'][number];
export type ScenarioGroup = Scenario['groups'][number];
export type ScenarioTarget = NonNullable<Scenario['targets']>[number];
export type Distribution = z.infer<typeof distributionSchema>;

/** Keys whose string values are text, never formulas. */
export const TEXT_KEYS = new Set(['name', 'description', 'source', 'kind', 'figure', 'channel', 'path', 'parameter', 'seed', 'skills']);
/** Keys whose values are per-interval curves (a formula there is evaluated at each interval's midpoint hour). */
export const CURVE_KEYS = new Set(['intradayProfile', 'onDutyPerCentre']);

/** Every key name the schema knows, for "did you mean" suggestions. */
export const KNOWN_KEYS = [
  'name', 'description', 'source', 'constants', 'intervalSeconds', 'dayTypes', 'days', 'volumeWeight', 'intradayProfile', 'volumeCv',
  'centreClasses', 'centres', 'staffPerCentre', 'volumeShare', 'channels', 'kind', 'callsPerYear', 'callsPerDay', 'rateCv',
  'handleTimeSeconds', 'patienceSeconds', 'selfService', 'share', 'durationSeconds', 'retrial', 'probability',
  'delaySeconds', 'targetSeconds', 'groups', 'skills', 'staffShare', 'shrinkage', 'paidHoursPerYear', 'schedule',
  'followLoad', 'flatten', 'minOnDuty', 'onDutyPerCentre', 'simulation', 'replications', 'seed', 'warmupSeconds',
  'concurrency', 'slowdown', 'deadlineSeconds', 'returnShare', 'returnDelaySeconds', 'callsWhileChatting', 'channel',
  'backlogWarmupDays', 'targets', 'figure', 'value', 'calibration', 'parameters', 'path', 'min', 'max', 'assumptions', 'parameter', 'mean',
  'k', 'cv', 'shape', 'values', 'components', 'weight', 'ranges', 'paths',
];
