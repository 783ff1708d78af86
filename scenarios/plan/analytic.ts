/**
 * The period-by-period analytic model of a plan: each interval of each run is a stationary
 * queue per *pool* (the channels that share agents through the groups' skills) with that
 * interval's arrival rate, agents on duty, mean handle time and patience; its figures
 * become expected tallies per channel, per group and per interval (`RunTallies`, the
 * simulator's shape), which add up with the runs' scale factors exactly like simulated ones
 * (so both paths share `figuresOf` and `planSlices`).
 *
 * What the kernels cover (each channel's `ChannelKernel` says which, in words):
 * - **exact** (for the stationary interval model): a voice or video channel with agents of its
 *   own — M/M/N+G for its patience distribution (poolKernel.ts: Erlang A when exponential, Erlang C
 *   without patience); a chat channel with agents of its own, exponential patience and slowdown 0
 *   (or concurrency 1) — Erlang A with c·N servers (engine/erlang/chat.ts);
 * - **approximate**, labelled: a chat channel with slowdown > 0 (sessions spread evenly over
 *   the agents) or with patience that is not exponential (its mean used); several call channels
 *   sharing agents (pooled into one FIFO queue with the volume-weighted handle time and
 *   threshold and the volume-weighted mixture of their patience; the simulator serves them by skill
 *   priority); real-time channels whose agents also serve deferred work (that work ignored:
 *   optimistic, as a deferred item in progress delays the next call);
 * - **none** (every figure but the volumes is NaN, printed "–"): deferred channels (their
 *   backlog carries across intervals and days: only the simulator has it), and pools whose
 *   agents mix chat sessions and calls. The totals of several channels then have no kernel
 *   value either: a blend is never filled in with a guess.
 *
 * Approximations of every pool: steady state within each interval (no carry-over between
 * intervals); exponential handle time (only its mean is used); redials of
 * abandoned contacts come back in the same interval (a fixed point: each channel offers
 * l_c / (1 − r_c·P(abandon at λ)), λ their sum, solved to 1e-13; none when r = 1 and the agents cannot
 * answer the fresh load: counted as overloaded, its figures undefined),
 * returns from self-service too (`returnShare`, with no delay). The expected backlog at an
 * interval's end is the mean queue length, λ·meanWait by Little's law. Without patience a call
 * pool is Erlang C, which has no steady state at or over capacity: such intervals are counted
 * (`KernelCount.overloadedIntervals`) and the queue's figures shown as undefined.
 */
import { chatInto, CHAT_BUSY_AGENTS, CHAT_SESSIONS, CHAT_SLOTS } from '../../engine/erlang/chat.js';
import { DEFAULT_CHAT_CONCURRENCY, DEFAULT_CHAT_SLOWDOWN, type Channel, type Model, type RunTallies } from '../../engine/des/index.js';
import type { DistributionSpec } from '../../engine/rng/distribution.js';
import { meanOf } from '../../engine/rng/moments.js';
import { addGroupTally, addTally, emptyGroupTally, emptyTally, figuresOf, scaleTally } from '../../engine/stats/figures.js';
import type { Figures, GroupTally, Tally } from '../../engine/stats/figures.js';
import type { Plan } from './build.js';
import { FiguresMemo } from './figuresMemo.js';
import { planSlices, type PlanSlices } from './slices.js';
import { clearPoolMemo, evaluatePool as evaluateCalls, interpolatePair, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_WAIT, kernelName, mixed as callMixed, poolKernel, type PoolKernel } from './poolKernel.js';

/** How the kernels treat one channel. */
export interface ChannelKernel {
  status: 'exact' | 'approximate' | 'none';
  /** the model in words, e.g. "Erlang A (exponential patience) per interval" or "none (deferred work: simulation only)" */
  model: string;
}

/** A running count of kernel (M/M/N+G, Erlang A or C, chat) evaluations, for throughput figures, and of intervals the kernels cannot describe. */
export interface KernelCount {
  /** kernel results used (1 or 2 per pool and interval): an M/M/N+G or chat pair found in its memo (plan/figuresMemo.ts) counts as computed */
  kernelEvaluations: number;
  /**
   * intervals where callers never abandon and the load reaches the agents (Erlang C has no steady
   * state), or where every abandoned contact redials (retrial probability 1) and the agents cannot
   * answer the fresh load (the redials grow without bound)
   */
  overloadedIntervals?: number;
  /**
   * When given, the contacts that waited (offered × P(wait), per run and day as the tally's
   * counts, before scale factors) are added to it: P(abandon | wait) = abandoned / waited
   */
  waited?: number;
  /** when given, the same per channel (indexed by channel; real-time channels of a kernel pool) */
  waitedByChannel?: number[];
}

/**
 * Figures that are undefined when some interval is overloaded without patience: the queue's
 * (no steady state). Offered, self-service and agents stay defined.
 */
export const UNDEFINED_IN_OVERLOAD = ['answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'occupancy'] as const satisfies readonly (keyof Figures)[];

/** What `analyticRunTallies` keeps besides the totals. */
export interface AnalyticOptions {
  /** agents per group and interval before rounding (default: the model's whole numbers); figures interpolate between the whole numbers around them */
  onDutyExact?: readonly (readonly number[])[];
  /** kernel evaluations are added to it */
  count?: KernelCount;
  /** also the per-interval tallies (default true); without them `byInterval` and `byIntervalGroup` are empty */
  intervals?: boolean;
  /** when given, each interval's total tally (all channels, each group's on-duty time once) is pushed onto it, in order */
  intervalTotals?: Tally[];
  /**
   * This run's number among its plan's runs (`analyticPlan` gives each its index): each interval
   * and pool of it is then a *site* whose last kernel results the same run of the next plan (a
   * sweep's next cell) finds first. Results never depend on it.
   */
  site?: number;
}

/** One pool: channels sharing agents, and how the kernels evaluate it. */
interface Pool {
  /** real-time channels the queue evaluates */
  realTime: number[];
  /** the deferred channel of a deferred pool (volumes only); empty for real-time pools */
  deferred: number[];
  groups: number[];
  /** calls: one (pooled) Erlang A/C queue; chat: one chat channel; none: volumes only */
  kind: 'calls' | 'chat' | 'none';
  kernel: ChannelKernel;
  /** calls pools: the queue model (M/M/N+G, Erlang A or C) and its patience */
  calls?: PoolKernel;
  /** its agents also serve deferred work (their busy time is then unknown to the kernels) */
  deferredOnAgents: boolean;
  /** realTime then deferred */
  all: number[];
}

/**
 * The pools of a model and how each channel is evaluated (the same for every run of a plan).
 * Real-time channels form a pool when the groups' real-time skills connect them (shared agents);
 * deferred work only fills idle time, so it joins no pool: a pool whose agents also serve
 * deferred channels is evaluated without that work (approximate), and each deferred channel is
 * a pool of its own with no kernel (volumes only). Computed once per model object (a model is
 * never changed after it is built: levers and calibration build new ones), as every run's
 * evaluation, `kernelsOf` and `analyticModelName` ask for them.
 */
function poolsOf(model: Model): Pool[] {
  let pools = poolsByModel.get(model);
  if (pools === undefined) {
    // models of the same shape (every run of a plan, every cell of a sweep) share their pools:
    // the model before's when it has the same shape, else by the shape's key
    let shape = lastShape !== undefined && sameShape(lastShape.model, model) ? lastShape.shape : undefined;
    if (shape === undefined) {
      const key = shapeKey(model);
      shape = shapes.get(key);
      if (shape === undefined) {
        if (shapes.size >= 256) shapes.clear();
        shapes.set(key, (shape = newShape(model)));
      }
    }
    lastShape = { model, shape };
    pools = shape.byVolume === undefined ? shape.pools : poolsByVolume(shape.byVolume, model);
    poolsByModel.set(model, pools);
  }
  return pools;
}
const poolsByModel = new WeakMap<Model, Pool[]>();

/**
 * The pools of one shape of model; `byVolume` when a calls pool mixes channels of different
 * patience, whose M/M/N+G kernel weighs them by volume (`callsKernel`): then by the channels' volumes.
 */
interface Shape {
  pools: Pool[];
  byVolume?: Map<string, Pool[]>;
}
const shapes = new Map<string, Shape>();
/** The last model `poolsOf` placed, and its shape. */
let lastShape: { model: Model; shape: Shape } | undefined;

function newShape(model: Model): Shape {
  const pools = computePools(model);
  const weighted = pools.some((p) => p.calls?.kind === 'mmng' && new Set(p.realTime.map((c) => patienceKey(model.channels[c]!))).size > 1);
  return weighted ? { pools, byVolume: new Map([[volumeKey(model), pools]]) } : { pools };
}

function poolsByVolume(byVolume: Map<string, Pool[]>, model: Model): Pool[] {
  const key = volumeKey(model);
  let pools = byVolume.get(key);
  if (pools === undefined) {
    if (byVolume.size >= 256) byVolume.clear();
    byVolume.set(key, (pools = computePools(model)));
  }
  return pools;
}

/** Each channel's agent-directed volume (`agentVolume`), as a string. */
function volumeKey(model: Model): string {
  return model.channels.map(agentVolume).join(',');
}

/**
 * What `computePools` reads of a model apart from the channels' volumes, as a string: each
 * channel's name, kind, chat concurrency and slowdown and patience; each group's skills.
 */
function shapeKey(model: Model): string {
  return JSON.stringify([model.channels.map((c) => [c.name, c.kind, c.concurrency ?? null, c.slowdown ?? null, patienceKey(c)]), model.groups.map((g) => g.skills)]);
}

/** Whether two models agree in everything `shapeKey` holds (without building the key). */
function sameShape(a: Model, b: Model): boolean {
  if (a.channels.length !== b.channels.length || a.groups.length !== b.groups.length) return false;
  for (let c = 0; c < a.channels.length; c++) {
    const x = a.channels[c]!;
    const y = b.channels[c]!;
    if (x.name !== y.name || x.kind !== y.kind || x.concurrency !== y.concurrency || x.slowdown !== y.slowdown) return false;
    if (x.patience !== y.patience && patienceKey(x) !== patienceKey(y)) return false;
  }
  for (let g = 0; g < a.groups.length; g++) {
    const x = a.groups[g]!.skills;
    const y = b.groups[g]!.skills;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** A channel's patience as JSON ('-': never hangs up). */
function patienceKey(c: Channel): string {
  return c.patience === undefined ? '-' : specKey(c.patience);
}

/** A distribution's mean (`meanOf`, which validates it), once per spec object (specs are never changed once built). */
function meanOfSpec(spec: DistributionSpec): number {
  let m = means.get(spec);
  if (m === undefined) means.set(spec, (m = meanOf(spec)));
  return m;
}
const means = new WeakMap<DistributionSpec, number>();

/** A distribution as JSON, once per spec object (specs are never changed once built). */
function specKey(spec: DistributionSpec): string {
  let k = specKeys.get(spec);
  if (k === undefined) specKeys.set(spec, (k = JSON.stringify(spec)));
  return k;
}
const specKeys = new WeakMap<DistributionSpec, string>();

function computePools(model: Model): Pool[] {
  const realTime = (c: number) => model.channels[c]!.kind !== 'deferred';
  const parent = model.channels.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const index = new Map(model.channels.map((c, i) => [c.name, i]));
  const ids = model.groups.map((g) => g.skills.map((s) => index.get(s)).filter((x): x is number => x !== undefined));
  for (const list of ids) {
    const rt = list.filter(realTime);
    for (const id of rt.slice(1)) parent[find(id)] = find(rt[0]!);
  }
  const byRoot = new Map<number, { channels: number[]; groups: number[]; deferredOnAgents: number[] }>();
  model.channels.forEach((_, i) => {
    if (!realTime(i)) return;
    const r = find(i);
    if (!byRoot.has(r)) byRoot.set(r, { channels: [], groups: [], deferredOnAgents: [] });
    byRoot.get(r)!.channels.push(i);
  });
  ids.forEach((list, g) => {
    const rt = list.find(realTime);
    if (rt === undefined) return;
    const pool = byRoot.get(find(rt))!;
    pool.groups.push(g);
    for (const c of list) if (!realTime(c) && !pool.deferredOnAgents.includes(c)) pool.deferredOnAgents.push(c);
  });
  const pools = [...byRoot.values()].map((p) => classify(model, p.channels, p.groups, p.deferredOnAgents));
  model.channels.forEach((_, c) => {
    if (realTime(c)) return;
    const groups = ids.flatMap((list, g) => (list.includes(c) ? [g] : []));
    pools.push({ realTime: [], deferred: [c], groups, kind: 'none', kernel: deferredKernel, deferredOnAgents: false, all: [c] });
  });
  return pools;
}

function classify(model: Model, realTime: number[], groups: number[], deferred: number[]): Pool {
  const kindOf = (c: number) => model.channels[c]!.kind;
  const chats = realTime.filter((c) => kindOf(c) === 'chat');
  const names = (list: number[]) => list.map((c) => model.channels[c]!.name).join(', ');
  const withDeferred = deferred.length > 0 ? `; the deferred work of ${names(deferred)} on the same agents ignored (optimistic)` : '';
  const base = { realTime, deferred: [] as number[], groups, deferredOnAgents: deferred.length > 0, all: realTime };
  if (chats.length === 0) {
    const calls = callsKernel(model, realTime);
    const queue = `${kernelName(calls)} per interval`;
    if (realTime.length === 1 && deferred.length === 0) return { ...base, kind: 'calls', calls, kernel: { status: 'exact', model: queue } };
    const pooled = realTime.length > 1 ? `; ${names(realTime)} pooled into one FIFO queue (the simulator serves by skill priority)` : '';
    return { ...base, kind: 'calls', calls, kernel: { status: 'approximate', model: `${queue}${pooled}${withDeferred}` } };
  }
  const first = model.channels[realTime[0]!]!;
  const c = first.concurrency ?? DEFAULT_CHAT_CONCURRENCY;
  const s = first.slowdown ?? DEFAULT_CHAT_SLOWDOWN;
  const alike = chats.length === realTime.length && chats.every((x) => (model.channels[x]!.concurrency ?? DEFAULT_CHAT_CONCURRENCY) === c);
  if (alike) {
    const patient = realTime.every((x) => model.channels[x]!.patience !== undefined);
    const queue = `${patient ? 'Erlang A' : 'Erlang C'} with ${c}·N session slots per interval`;
    const shaped = realTime.filter((x) => { const p = model.channels[x]!.patience; return p !== undefined && p.kind !== 'exponential'; });
    if ((s === 0 || c === 1) && deferred.length === 0 && realTime.length === 1 && shaped.length === 0) return { ...base, kind: 'chat', kernel: { status: 'exact', model: queue } };
    const spread = (s === 0 || c === 1 ? '' : `; slowdown ${s} with the sessions spread evenly over the agents`) +
      (shaped.length > 0 ? `; the patience of ${names(shaped)} by its mean (exponential)` : '');
    const pooled = realTime.length > 1 ? `; ${names(realTime)} pooled into one FIFO queue (the simulator serves by skill priority)` : '';
    return { ...base, kind: 'chat', kernel: { status: 'approximate', model: `${queue}${spread}${pooled}${withDeferred}` } };
  }
  const why = chats.length < realTime.length ? 'chat and calls' : 'chat channels of different concurrency';
  return { ...base, kind: 'none', kernel: { status: 'none', model: `none: ${names(realTime)} share agents across ${why} (simulation only)` } };
}

/** The queue model of a calls pool from its channels' patience, a mixture weighted by their agent-directed volume over the run. */
function callsKernel(model: Model, realTime: readonly number[]): PoolKernel {
  const volumes = realTime.map((c) => agentVolume(model.channels[c]!));
  return poolKernel(realTime.map((c) => model.channels[c]!.patience), volumes);
}

/** A channel's contacts that reach its agents over the day, per second summed over intervals (after self-service, returns included). */
function agentVolume(ch: Channel): number {
  const ss = ch.selfService?.share ?? 0;
  const share = 1 - ss + ss * (ch.selfService?.returnShare ?? 0);
  return ch.arrivalRatePerSecond.reduce((a, r) => a + r * share, 0);
}

/**
 * The kernels a plan's analytic model uses, in words (one per distinct pool model), e.g.
 * "M/M/N+G (lognormal, mean 120 s, CV 2.5)" or "Erlang A (exponential patience)"; chat pools
 * as their ChannelKernel's model.
 */
export function analyticModelName(plan: Plan): string {
  const names = new Set<string>();
  for (const r of plan.runs) {
    for (const pool of poolsOf(r.model)) {
      if (pool.calls) names.add(kernelName(pool.calls));
      else if (pool.kind === 'chat') names.add(`chat: ${pool.kernel.model}`);
    }
  }
  return [...names].join('; ');
}

/**
 * What the plan's kernels leave out that its simulation models, in words (empty when they model
 * the same thing): interval-level over-dispersion (`rateCv`), handle times that are not
 * exponential, and always the queue carried from one interval to the next.
 */
export function analyticCaveats(plan: Plan): string[] {
  const out: string[] = [];
  const channels = plan.runs[0]?.model.channels ?? [];
  const dispersed = channels.filter((c) => (c.rateCv ?? 0) > 0).map((c) => `${c.name} (rateCv ${c.rateCv})`);
  if (dispersed.length > 0) out.push(`interval-level over-dispersion of arrivals is simulated only: ${dispersed.join(', ')}`);
  const shaped = channels.filter((c) => c.handleTime.kind !== 'exponential').map((c) => `${c.name} (${c.handleTime.kind})`);
  if (shaped.length > 0) out.push(`handle times enter the kernels by their mean only (the kernels assume exponential): ${shaped.join(', ')}`);
  out.push('each interval is a steady state: the kernels carry no queue from one interval to the next');
  return out;
}

/**
 * How the kernels treat each channel of `model` (in channel order).
 * @example kernelsOf(plan.runs[0].model)[0] // { status: 'exact', model: 'M/M/N+G (lognormal, mean 120 s, CV 2.5) per interval' }
 */
export function kernelsOf(model: Model): ChannelKernel[] {
  const out = new Array<ChannelKernel>(model.channels.length);
  for (const pool of poolsOf(model)) for (const c of [...pool.realTime, ...pool.deferred]) out[c] = pool.kernel;
  return out;
}

const deferredKernel: ChannelKernel = { status: 'none', model: 'none: deferred work (its backlog carries over intervals and days; simulation only)' };

/** A channel's per-interval arrival rates and its constants, read once per run (seconds, fractions). */
function channelConstants(model: Model, c: number) {
  const ch = model.channels[c]!;
  const ss = ch.selfService?.share ?? 0;
  return {
    rates: ch.arrivalRatePerSecond,
    selfServiceShare: ss,
    /** arrivals that come back after self-service, per arrival */
    returnShare: ss * (ch.selfService?.returnShare ?? 0),
    aht: meanOfSpec(ch.handleTime),
    patience: ch.patience ? meanOfSpec(ch.patience) : 0,
    retrial: ch.retrial?.probability ?? 0,
    target: ch.targetSeconds,
    concurrency: ch.concurrency ?? DEFAULT_CHAT_CONCURRENCY,
    slowdown: ch.slowdown ?? DEFAULT_CHAT_SLOWDOWN,
  };
}
type Constants = ReturnType<typeof channelConstants>;

/**
 * The expected tallies of one one-day model under the analytic approximation: per channel,
 * per group, per interval (unless `intervals: false`) and in total; NaN where the kernels
 * give no value (see the module comment).
 */
export function analyticRunTallies(model: Model, o: AnalyticOptions = {}): RunTallies {
  const T = model.intervalSeconds;
  const K = model.channels[0]?.arrivalRatePerSecond.length ?? 0;
  const C = model.channels.length;
  const G = model.groups.length;
  const keepIntervals = o.intervals !== false;
  const constants = model.channels.map((_, c) => channelConstants(model, c));
  const duty = model.groups.map((g, i) => o.onDutyExact?.[i] ?? g.onDuty);
  const pools = poolsOf(model);
  if (freshNow.length < C) freshNow = new Float64Array(C);
  if (dutyNow.length < G) dutyNow = new Float64Array(G);
  const servedBy: number[][] = model.channels.map((ch) => model.groups.flatMap((g, i) => (g.skills.includes(ch.name) ? [i] : [])));
  const byChannel = Array.from({ length: C }, emptyTally);
  const byGroup = Array.from({ length: G }, emptyGroupTally);
  const byInterval: Tally[][] = [];
  const byIntervalGroup: GroupTally[][] = [];
  // Without per-interval tallies the pools add straight into the run's totals (one addition a
  // field and interval, as adding each interval's row would); with `intervalTotals` one scratch row
  // serves every interval (no allocation per interval).
  const direct = !keepIntervals && o.intervalTotals === undefined;
  const scratch = keepIntervals || direct ? undefined : { row: Array.from({ length: C }, emptyTally), groupRow: Array.from({ length: G }, emptyGroupTally) };
  for (let i = 0; i < K; i++) {
    const row = direct ? byChannel : scratch ? scratch.row : Array.from({ length: C }, emptyTally);
    const groupRow = direct ? byGroup : scratch ? scratch.groupRow : Array.from({ length: G }, emptyGroupTally);
    if (scratch) {
      for (const t of row) clearTally(t);
      for (const t of groupRow) { t.onDutySeconds = 0; t.busySeconds = 0; t.contactSeconds = 0; t.durationSeconds = 0; }
    }
    for (let g = 0; g < G; g++) {
      const t = groupRow[g]!;
      const onDuty = (duty[g]![i] ?? 0) * T;
      dutyNow[g] = onDuty;
      t.onDutySeconds += onDuty;
      t.durationSeconds += T;
    }
    const site = o.site === undefined ? -1 : (o.site * K + i) * pools.length;
    for (let p = 0; p < pools.length; p++) evaluatePoolInterval(pools[p]!, i, T, constants, duty, row, groupRow, o.count, site < 0 ? -1 : site + p);
    for (let c = 0; c < C; c++) {
      const t = row[c]!;
      let onDuty = 0;
      for (const g of servedBy[c]!) onDuty += dutyNow[g]!;
      t.onDutySeconds += onDuty;
      t.durationSeconds += T;
      if (!direct) addTally(byChannel[c]!, t);
    }
    if (direct) continue;
    for (let g = 0; g < G; g++) addGroupTally(byGroup[g]!, groupRow[g]!);
    if (o.intervalTotals) {
      const t = emptyTally();
      for (const c of row) addTally(t, c);
      t.onDutySeconds = 0;
      for (const g of groupRow) t.onDutySeconds += g.onDutySeconds;
      t.durationSeconds = T;
      o.intervalTotals.push(t);
    }
    if (keepIntervals) {
      byInterval.push(row);
      byIntervalGroup.push(groupRow);
    }
  }
  const total = emptyTally();
  for (const t of byChannel) addTally(total, t);
  total.onDutySeconds = 0;
  for (const g of byGroup) total.onDutySeconds += g.onDutySeconds;
  total.durationSeconds = K * T;
  for (const t of byChannel) t.durationSeconds = K * T;
  for (const g of byGroup) g.durationSeconds = K * T;
  const none = new Array<number>(C).fill(NaN);
  return { total, byChannel, byInterval, byGroup, byIntervalGroup, startBacklog: none, endBacklog: [...none] };
}

/** Each channel's fresh rate in the interval under way (`freshRate`, per second; grown to the channels). */
let freshNow = new Float64Array(8);
/** Each group's on-duty agent-seconds in the interval under way (grown to the groups). */
let dutyNow = new Float64Array(8);
/** Scratch of the chat pool evaluations (overwritten by every call); calls pools use poolKernel.ts's. */
const whole = new Float64Array(2 * CHAT_SLOTS); // figures at ⌊N⌋ (offset 0) and ⌊N⌋ + 1 (offset CHAT_SLOTS)
const mixed = new Float64Array(CHAT_SLOTS); // the interpolated figures
/**
 * Chat pair results by inputs (figuresMemo.ts; patience −1 for none), as poolKernel.ts keeps
 * M/M/N+G's: 2^18 slots in sets of 8 (52 MB, touched only as used), a sweep block's pairs (the
 * baseline's staff × AHT sweep asks for 400,000 distinct pairs; 2^16 direct-mapped slots
 * computed 760,000, these 408,000).
 */
const chatMemo = new FiguresMemo(8, 2 * CHAT_SLOTS, 1 << 18, 8);
/** The last chat pair of each site (as poolKernel.ts's M/M/N+G sites). */
const chatSites = new FiguresMemo(8, 2 * CHAT_SLOTS, 1 << 12);

/**
 * One pool in interval i: its channels' expected tallies added into `row`, its groups' busy and
 * contact time into `groupRow` (agent-seconds); NaN written where the kernels give no value.
 * Each field gets one addition per interval, so `row` may be the interval's own (cleared) tallies
 * or the run's totals themselves.
 */
function evaluatePoolInterval(
  pool: Pool, i: number, T: number, constants: readonly Constants[], duty: readonly (readonly number[])[],
  row: Tally[], groupRow: GroupTally[], count: KernelCount | undefined, site: number,
): void {
  let agents = 0;
  if (pool.kind !== 'none') for (const g of pool.groups) agents += duty[g]![i] ?? 0;
  // Volumes (exact expectations whatever the kernel): self-service completions, fresh and returning contacts.
  let lambdaFresh = 0, ahtSum = 0, patSum = 0, retryMax = 0, target = 0;
  for (const c of pool.all) {
    const ch = constants[c]!;
    const rate = ch.rates[i] ?? 0;
    const t = row[c]!;
    t.selfServiceCompleted += rate * ch.selfServiceShare * T;
    t.returns += rate * ch.returnShare * T;
    if (pool.kind === 'none') {
      t.offered += freshRate(ch, i) * T;
      if (ch.retrial > 0) t.offered = NaN;
      unknown(t, pool.deferred.length > 0);
      continue;
    }
    const l = freshRate(ch, i);
    freshNow[c] = l;
    lambdaFresh += l;
    ahtSum += l * ch.aht;
    patSum += l * ch.patience;
    if (l > 0 && ch.retrial > retryMax) retryMax = ch.retrial;
    target += l * ch.target;
  }
  if (pool.kind === 'none') {
    for (const g of pool.groups) { groupRow[g]!.busySeconds = NaN; groupRow[g]!.contactSeconds = NaN; }
    return;
  }
  const deferredOnAgents = pool.deferredOnAgents;
  let patient = true;
  for (const c of pool.realTime) if (!(constants[c]!.patience > 0)) patient = false;
  let lambda = lambdaFresh;
  let busy = 0, busyAgents = 0, sessions = 0;
  if (lambdaFresh > 0) {
    const aht = ahtSum / lambdaFresh;
    const patience = patient ? patSum / lambdaFresh : undefined;
    const tgt = target / lambdaFresh;
    const chat = pool.kind === 'chat' ? constants[pool.realTime[0]!]! : undefined;
    const calls = pool.calls;
    // the interpolated figures of this pool: the chat kernel's (CHAT_SLOTS) or the calls kernel's (INTO_SLOTS, the same offsets)
    const m = chat ? mixed : callMixed;
    // Erlang C at or over capacity has no steady state: its figures are undefined there (counted, shown as "overloaded").
    if (count && calls?.kind === 'erlang-c' && lambda * aht >= agents) count.overloadedIntervals = (count.overloadedIntervals ?? 0) + 1;
    let evaluations = evaluateQueue(calls, chat, agents, lambda, aht, patience, tgt, site);
    if (retryMax > 0) {
      evaluations += solveRedials(calls, chat, m, agents, pool.realTime, constants, i, lambdaFresh, retryMax, aht, patience, tgt, site);
      lambda = redialRate;
      if (lambda === Infinity) {
        // r = 1 and the agents cannot answer the fresh load: the redials grow without bound (no steady state).
        if (count) { count.kernelEvaluations += evaluations; count.overloadedIntervals = (count.overloadedIntervals ?? 0) + 1; }
        for (const c of pool.realTime) { unknown(row[c]!, false); row[c]!.offered = NaN; }
        for (const g of pool.groups) { groupRow[g]!.busySeconds = NaN; groupRow[g]!.contactSeconds = NaN; }
        return;
      }
    }
    if (count) {
      count.kernelEvaluations += evaluations;
      if (count.waited !== undefined) count.waited += lambda * T * m[INTO_WAIT]!;
      if (count.waitedByChannel) {
        for (const c of pool.realTime) {
          count.waitedByChannel[c] = (count.waitedByChannel[c] ?? 0) + attemptsAt(constants[c]!, freshNow[c]!, m) * T * m[INTO_WAIT]!;
        }
      }
    }
    // the pool's work by channel (chat pools share the sessions by it)
    let work = 0;
    for (const c of pool.realTime) work += attemptsAt(constants[c]!, freshNow[c]!, m) * constants[c]!.aht;
    for (const c of pool.realTime) {
      const ch = constants[c]!;
      const l = freshNow[c]!;
      const t = row[c]!;
      const attempted = attemptsAt(ch, l, m);
      const offered = attempted * T;
      const answered = offered * m[INTO_ANSWER_RATE]!;
      const waitAll = offered * m[INTO_MEAN_WAIT]!;
      // a session holds 1/concurrency of an agent (docs/channels.md); pooled chats share the sessions by their work
      const busyHere = chat ? (mixed[CHAT_SESSIONS]! * T * ((attempted * ch.aht) / work)) / chat.concurrency : answered * ch.aht;
      t.offered += offered;
      t.answered += answered;
      t.abandoned += offered * m[INTO_ABANDON]!;
      t.answeredWithinTarget += offered * m[INTO_SERVICE_LEVEL]!;
      t.waitAnsweredSeconds += answered * m[INTO_ASA]!;
      t.waitAllSeconds += waitAll;
      // Little: the mean number waiting is λ·meanWait; its time integral over the interval
      t.backlogSeconds += waitAll;
      t.retrials += ch.retrial > 0 ? offered - l * T : 0;
      t.busySeconds += busyHere;
      busy += busyHere;
    }
    if (chat) {
      busyAgents = mixed[CHAT_BUSY_AGENTS]! * T;
      sessions = mixed[CHAT_SESSIONS]! * T;
    } else {
      busyAgents = busy;
      sessions = busy;
    }
  }
  // The pool's groups share its busy time in proportion to their agents.
  for (const g of pool.groups) {
    const share = agents > 0 ? (duty[g]![i] ?? 0) / agents : 0;
    const t = groupRow[g]!;
    t.busySeconds += deferredOnAgents ? NaN : busyAgents * share;
    t.contactSeconds += deferredOnAgents ? NaN : sessions * share;
  }
}

/** Every numeric field of `t` (TALLY_KEYS) set to 0: a scratch row reused interval after interval (written out: a loop over the keys is slow). */
function clearTally(t: Tally): void {
  t.offered = 0; t.answered = 0; t.abandoned = 0; t.answeredWithinTarget = 0; t.waitAnsweredSeconds = 0; t.waitAllSeconds = 0;
  t.busySeconds = 0; t.onDutySeconds = 0; t.selfServiceCompleted = 0; t.retrials = 0; t.returns = 0; t.stillWaiting = 0;
  t.durationSeconds = 0; t.backlogSeconds = 0; t.deferredHandled = 0; t.withinDeadline = 0; t.timeToHandleSeconds = 0;
}

/** The fields the kernels do not give, NaN (deferred: its time-to-handle fields too). */
function unknown(t: Tally, deferred: boolean): void {
  t.answered = NaN; t.abandoned = NaN; t.answeredWithinTarget = NaN; t.waitAnsweredSeconds = NaN;
  t.waitAllSeconds = NaN; t.busySeconds = NaN; t.backlogSeconds = NaN; t.retrials = NaN;
  if (deferred) { t.deferredHandled = NaN; t.withinDeadline = NaN; t.timeToHandleSeconds = NaN; }
}

/** Fresh contacts per second a channel offers its agents in interval i: after self-service, returns from it included. */
function freshRate(ch: Constants, i: number): number {
  return (ch.rates[i] ?? 0) * (1 - ch.selfServiceShare + ch.returnShare);
}

/**
 * Attempts per second of a channel with l fresh contacts a second (`freshRate`: after
 * self-service, returns included) and their redials, l / (1 − r·P(abandon)), P(abandon) = 1 − the
 * pool's answer rate in `m` (at the redial fixed point; l itself without redials).
 */
function attemptsAt(ch: Constants, l: number, m: Float64Array): number {
  return ch.retrial > 0 ? l / (1 - ch.retrial + ch.retrial * m[INTO_ANSWER_RATE]!) : l;
}

/** Relative accuracy of the redial fixed point (its residual, and its bracket's width). */
const REDIAL_TOLERANCE = 1e-13;
/** Output of `solveRedials`: the pool's offered rate, per second (Infinity: no finite fixed point). */
let redialRate = 0;

/**
 * The offered rate λ (per second, into `redialRate`) of a pool whose channels' abandoned contacts
 * redial with probability r_c within the interval: channel c offers l_c / (1 − r_c·P(abandon at λ))
 * (its fresh contacts l_c and their redials), and λ is the sum, i.e. the root of
 *   excess(λ) = 1 − Σ_c l_c / (λ·(1 − r_c + r_c·answerRate(λ))) = 0,
 * with the queue's figures at that λ left in `m` (the caller has just evaluated it at λ₀ = Σ l_c).
 * λ·answerRate (answered per second) grows with λ, so excess grows: the root is unique, in
 * [λ₀, λ₀/(1 − max r_c)]; with max r_c = 1 the upper end is found by doubling, and there is no
 * root (Infinity) when excess stays within 1e-13 of 0 or below up to 2⁶⁴·λ₀ (the agents cannot
 * answer the fresh load: at exactly critical load the rounded excess touches 0 at an arbitrary λ).
 * The answer rate, not 1 − P(abandon), keeps the answered rate exact deep in overload.
 * Illinois regula falsi on the bracket. Returns the kernel evaluations made.
 */
function solveRedials(
  calls: PoolKernel | undefined, chat: Constants | undefined, m: Float64Array, agents: number,
  channels: readonly number[], constants: readonly Constants[], i: number,
  fresh: number, rMax: number, aht: number, patience: number | undefined, tgt: number, site: number,
): number {
  const excess = (lambda: number) => {
    const answerRate = m[INTO_ANSWER_RATE]!;
    let share = 0;
    for (const c of channels) {
      const ch = constants[c]!;
      const l = freshRate(ch, i);
      if (l > 0) share += l / (lambda * (1 - ch.retrial + ch.retrial * answerRate));
    }
    return 1 - share;
  };
  let lo = fresh, gLo = excess(fresh);
  redialRate = fresh;
  if (!(gLo < 0)) return 0; // nobody abandons: no redials
  let n = 0, hi: number, gHi: number;
  if (rMax < 1) {
    hi = fresh / (1 - rMax);
    n += evaluateQueue(calls, chat, agents, hi, aht, patience, tgt, site);
    gHi = excess(hi);
  } else {
    hi = fresh; gHi = gLo;
    for (let k = 0; k < 64 && !(gHi > REDIAL_TOLERANCE); k++) {
      lo = hi; gLo = gHi; hi *= 2;
      n += evaluateQueue(calls, chat, agents, hi, aht, patience, tgt, site);
      gHi = excess(hi);
    }
    if (!(gHi > REDIAL_TOLERANCE)) { redialRate = Infinity; return n; }
  }
  let x = hi, gx = gHi, side = 0;
  for (let it = 0; it < 200 && Math.abs(gx) > REDIAL_TOLERANCE && hi - lo > REDIAL_TOLERANCE * hi; it++) {
    x = (lo * gHi - hi * gLo) / (gHi - gLo);
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    n += evaluateQueue(calls, chat, agents, x, aht, patience, tgt, site);
    gx = excess(x);
    if (gx < 0) { lo = x; gLo = gx; if (side < 0) gHi *= 0.5; side = -1; }
    else { hi = x; gHi = gx; if (side > 0) gLo *= 0.5; side = 1; }
  }
  redialRate = x;
  return n;
}

/** One evaluation of a pool's queue at λ (per second): the chat kernel into `mixed`, or the calls kernel into poolKernel's `mixed` (`site`: as `evaluatePool`'s). */
function evaluateQueue(calls: PoolKernel | undefined, chat: Constants | undefined, agents: number, lambda: number, aht: number, patience: number | undefined, tgt: number, site: number): number {
  return chat
    ? interpolatedChat(agents, chat.concurrency, chat.slowdown, lambda, aht, patience, tgt, site)
    : evaluateCalls(calls!, agents, lambda * aht, aht, patience ?? 0, tgt, site);
}

/** The chat kernel (engine/erlang/chat.ts) at a fractional number of agents into `mixed`: linear between ⌊N⌋ and ⌊N⌋ + 1. */
function interpolatedChat(agents: number, concurrency: number, slowdown: number, lambda: number, aht: number, patience: number | undefined, target: number, site: number): number {
  const lo = Math.floor(agents);
  const w = agents - lo;
  const both = w >= 1e-12;
  // the site's last pair first (poolKernel.ts keeps M/M/N+G's the same way), then the memo
  let at = -1;
  if (site >= 0) {
    chatKey(chatSites.key, lo, concurrency, slowdown, lambda, aht, patience, target, both);
    at = chatSites.findIn(site);
    if (at >= 0) return interpolatePair(chatSites.values, at, mixed, CHAT_SLOTS, w, both, patience !== undefined);
  }
  chatKey(chatMemo.key, lo, concurrency, slowdown, lambda, aht, patience, target, both);
  at = chatMemo.find();
  if (at < 0) {
    chatInto(whole, 0, lo, concurrency, slowdown, lambda, aht, patience, target);
    if (both) chatInto(whole, CHAT_SLOTS, lo + 1, concurrency, slowdown, lambda, aht, patience, target);
    at = chatMemo.store(whole, 0);
  }
  if (site >= 0) chatSites.store(chatMemo.values, at);
  return interpolatePair(chatMemo.values, at, mixed, CHAT_SLOTS, w, both, patience !== undefined);
}

function chatKey(key: Float64Array, lo: number, concurrency: number, slowdown: number, lambda: number, aht: number, patience: number | undefined, target: number, both: boolean): void {
  key[0] = lo; key[1] = concurrency; key[2] = slowdown; key[3] = lambda; key[4] = aht;
  key[5] = patience ?? -1; key[6] = target; key[7] = both ? 1 : 0;
}

/** Empties the memos of kernel results (M/M/N+G and chat pairs): benchmarks time the kernels, not the memos. */
export function clearKernelMemos(): void {
  clearPoolMemo();
  chatMemo.clear();
  chatSites.clear();
}

/**
 * The total expected tally of one one-day model (`analyticRunTallies(…).total`).
 * @param perInterval when given, each interval's expected tally (all channels, each group's on-duty time once) is pushed onto it, in order
 */
export function analyticTally(model: Model, onDutyExact?: readonly (readonly number[])[], count?: KernelCount, perInterval?: Tally[]): Tally {
  return analyticRunTallies(model, { ...(onDutyExact ? { onDutyExact } : {}), ...(count ? { count } : {}), intervals: false, ...(perInterval ? { intervalTotals: perInterval } : {}) }).total;
}

/** One queue (a pool of real-time channels sharing agents) in one interval, as the kernels see it. */
export interface IntervalLoad {
  /** agents on duty (the pool's groups; fractional when the plan's agents are) */
  agents: number;
  /** arrivals per second that reach the agents (after self-service, returns included; redials not counted) */
  arrivalsPerSecond: number;
  /** volume-weighted mean handle time of the pool's channels, seconds */
  ahtSeconds: number;
  /** volume-weighted mean patience, seconds; undefined when a channel of the pool has none (Erlang C) */
  patienceSeconds: number | undefined;
  /** volume-weighted service-level threshold T, seconds */
  targetSeconds: number;
  /** the pool's channels, by name */
  channels: string[];
  /** chat pools: the sessions per agent and the slowdown (a session's mean time when all slots are taken is AHT·(1 + slowdown·(c − 1))) */
  chat?: { concurrency: number; slowdown: number };
}

/**
 * The kernels' inputs per interval and real-time pool ([interval][pool]) of a one-day model:
 * what `analyticRunTallies` evaluates, for staffing an interval (required agents) or showing its
 * load. Deferred channels are in no pool (the kernels give them no queue). Intervals without
 * arrivals have arrivalsPerSecond 0 and the means of the channels' constants.
 * @example intervalLoads(plan.runs[0].model, plan.runs[0].onDutyExact)[20][0].arrivalsPerSecond
 */
export function intervalLoads(model: Model, onDutyExact?: readonly (readonly number[])[]): IntervalLoad[][] {
  const K = model.channels[0]?.arrivalRatePerSecond.length ?? 0;
  const pools = poolsOf(model).filter((p) => p.realTime.length > 0);
  const poolConstants = pools.map((pool) => pool.realTime.map((c) => channelConstants(model, c)));
  const out: IntervalLoad[][] = [];
  for (let i = 0; i < K; i++) {
    out.push(pools.map((pool, j) => {
      let agents = 0;
      for (const g of pool.groups) agents += (onDutyExact?.[g] ?? model.groups[g]!.onDuty)[i] ?? 0;
      let lambda = 0, aht = 0, patience = 0, target = 0;
      const constants = poolConstants[j]!;
      for (const ch of constants) {
        const l = freshRate(ch, i);
        lambda += l; aht += l * ch.aht; patience += l * ch.patience; target += l * ch.target;
      }
      const mean = (sum: number, pick: (c: Constants) => number) => (lambda > 0 ? sum / lambda : constants.reduce((a, c) => a + pick(c), 0) / constants.length);
      const allPatient = pool.realTime.every((c) => model.channels[c]!.patience !== undefined);
      const chat = pool.kind === 'chat' ? { concurrency: constants[0]!.concurrency, slowdown: constants[0]!.slowdown } : undefined;
      return {
        agents, arrivalsPerSecond: lambda, ahtSeconds: mean(aht, (c) => c.aht),
        patienceSeconds: allPatient ? mean(patience, (c) => c.patience) : undefined,
        targetSeconds: mean(target, (c) => c.target), channels: pool.realTime.map((c) => model.channels[c]!.name),
        ...(chat ? { chat } : {}),
      };
    }));
  }
  return out;
}

/** Tallies of a plan's runs, each scaled to the period, and their sum. */
export interface ScaledTallies {
  /** one per run, already multiplied by the run's scale */
  byRun: Tally[];
  total: Tally;
}

/** Multiplies every field of a tally by a factor, the duration by `durationFactor` (a copy; engine/stats). */
export { scaleTally };

/** Sums per-run tallies (one day of one centre each) scaled up to the period. */
export function scaleUp(plan: Plan, tallies: readonly Tally[]): ScaledTallies {
  // Duration scales by days only (centres run side by side), so `agents` is the mean number
  // on duty across the whole scenario at any moment.
  const byRun = tallies.map((t, i) => scaleTally(t, plan.runs[i]!.scale, plan.runs[i]!.days));
  const total = emptyTally();
  for (const t of byRun) addTally(total, t);
  total.durationSeconds = plan.periodDays * 86_400;
  return { byRun, total };
}

/** The analytic model of a whole plan. */
export interface AnalyticPlan {
  /** the period's figures, all channels together (NaN where a channel has no kernel value) */
  figures: Figures;
  total: Tally;
  /** each run's total, scaled */
  byRun: Tally[];
  /** the period by slice (per channel, group and, unless `intervals: false`, interval of the day) */
  slices: PlanSlices;
  /** how the kernels treat each channel */
  kernels: ChannelKernel[];
  /**
   * intervals (of the representative days) where callers never abandon and the load reaches the
   * agents, or every abandoned contact redials and the agents cannot answer the fresh load
   * (KernelCount.overloadedIntervals); when > 0, the figures of UNDEFINED_IN_OVERLOAD are not steady-state values (Erlang C's
   * answer rate 1 would put occupancy over 100%): a report shows them as "overloaded"
   */
  overloadedIntervals: number;
}

/**
 * The analytic (period-by-period) figures of a whole plan.
 * @param count kernel evaluations are added to it
 * @param intervals keep the per-interval slices (default true; searches pass false)
 */
export function analyticPlan(plan: Plan, count?: KernelCount, intervals = true): AnalyticPlan {
  const c: KernelCount = count ?? { kernelEvaluations: 0 };
  const before = c.overloadedIntervals ?? 0;
  const runs = plan.runs.map((r, site) => analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, count: c, intervals, site }));
  const { byRun, total } = scaleUp(plan, runs.map((t) => t.total));
  return {
    figures: figuresOf(total), total, byRun, slices: planSlices(plan, runs), kernels: plan.runs[0] ? kernelsOf(plan.runs[0].model) : [],
    overloadedIntervals: (c.overloadedIntervals ?? 0) - before,
  };
}

/**
 * The figures a report may show: `figures` with those of UNDEFINED_IN_OVERLOAD set to NaN when
 * some interval was overloaded without patience (no steady state there), else `figures` itself.
 * @example definedFigures(analyticPlan(plan)).occupancy // NaN when overloaded, never 52.14
 */
export function definedFigures(r: { figures: Figures; overloadedIntervals: number }): Figures {
  if (r.overloadedIntervals === 0) return r.figures;
  const out = { ...r.figures };
  for (const k of UNDEFINED_IN_OVERLOAD) out[k] = NaN;
  return out;
}

/**
 * P(abandon | wait) of the whole plan by the kernels: abandoned / contacts that waited, each
 * summed over every interval of every run with the runs' scale factors; all channels together,
 * or of channel `channel` (its index) alone.
 */
export function analyticAbandonGivenWait(plan: Plan, channel?: number): number {
  let abandoned = 0;
  let waited = 0;
  for (const r of plan.runs) {
    const count: KernelCount = { kernelEvaluations: 0, waited: 0, waitedByChannel: [] };
    const t = analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, count, intervals: false });
    abandoned += (channel === undefined ? t.total : t.byChannel[channel]!).abandoned * r.scale;
    waited += (channel === undefined ? count.waited! : (count.waitedByChannel![channel] ?? 0)) * r.scale;
  }
  return waited > 0 ? abandoned / waited : 0;
}
