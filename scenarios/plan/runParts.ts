/**
 * How one run of a plan (one centre on one day type) is simulated: its model split into
 * independent parts, each simulated with the warm-up it needs, and the parts' tallies merged
 * back into the run's tallies in its own channel and group order.
 *
 * Parts. Channels connected through the skills of the groups serving them (a group serving
 * voice and e-mail joins them) share agents and must run in one model; channels that share no
 * agent are independent queues, so they are simulated as separate models: the same numbers in
 * distribution, and the warm-up days a carried backlog needs (below) are spent only on the part
 * with deferred work. A model of one part is the run's own model, simulated exactly as before
 * (same stream task: the figures of a scenario without independent parts do not change).
 *
 * Stream tasks. Part p of run i (of n runs) draws from task i + p·n: part 0 keeps the run's
 * own task, the others get tasks no other run uses (the parts' streams never overlap).
 *
 * Carried backlog. A part with a deferred channel runs `backlogWarmupDays` whole days (one
 * day per cycle) in front of the measured day and discards them (`backlogWarmup`,
 * docs/channels.md), so the day starts with the backlog its own day type leaves behind. When
 * the day type has several day volumes (`dayTypes[].volumeCv`: busy and quiet days, each a run)
 * each warm-up day's volume is drawn from them with their probabilities (`warmupVolumesOf`,
 * RunOptions.warmupVolume): day volumes are independent from day to day, so a busy day inherits
 * the backlog of days of random volume, not of other busy days.
 *
 * Self-service thinning. A channel whose self-service has no duration, no returns and no rate
 * over-dispersion is simulated with its arrival rate × (1 − share) and no self-service, and
 * its self-service completions of each interval of the measured day are one Poisson draw with
 * mean λᵢ·share·T (`addThinnedSelfService`, from the stream of the part's task and the
 * replication, purpose `plan:selfService:<channel>`). This is exact, not an approximation:
 * marking each arrival of a Poisson process independently splits it into two independent
 * Poisson processes, and no contact that finished in self-service ever meets an agent (the
 * full-year run does the same, engine/parallel/tasks/fullYear.ts). It spares simulating the
 * 2.2 billion IVR calls and the chatbot sessions of the 2017 baseline one by one. Only with the
 * scenario's own warm-up at 0 (its measured day is then whole intervals).
 */
import { backlogWarmup, type Channel, type Model, type RunTallies, type WarmupVolume } from '../../engine/des/index.js';
import { poisson } from '../../engine/parallel/poisson.js';
import { streamState } from '../../engine/rng/stream.js';
import { addGroupTally, addTally, emptyGroupTally, emptyTally } from '../../engine/stats/figures.js';
import type { Run } from './build.js';

/** One independently simulated part of a run. */
export interface RunPart {
  /** the part's model: a subset of the run's channels and groups, with warm-up days in front when it has deferred work */
  model: Model;
  /** stream task of the part (see the module comment) */
  task: number;
  /** seconds discarded at the start: the backlog warm-up days plus the scenario's own warm-up */
  warmupSeconds: number;
  /**
   * The backlog warm-up days' arrival volumes (RunOptions.warmupVolume) when the run is one of
   * its day type's day volumes (PartOptions.warmupVolumes); absent otherwise.
   */
  warmupVolume?: WarmupVolume;
  /** the run's index of each channel of the part, in the part's order */
  channels: number[];
  /** the run's index of each group of the part, in the part's order */
  groups: number[];
  /**
   * Channels whose self-service is thinned (the part's index of each), with the mean
   * self-service completions of each cycle interval of the measured window (`addThinnedSelfService`)
   */
  thinned: { channel: number; perInterval: number[] }[];
}

/** How the parts of a run are simulated. */
export interface PartOptions {
  /** seconds discarded at the start of every one-day run (the scenario's `simulation.warmupSeconds`) */
  warmupSeconds: number;
  /** warm-up days in front of a part with deferred work (the scenario's `simulation.backlogWarmupDays`) */
  backlogWarmupDays: number;
  /**
   * The volumes the warm-up days are drawn from, relative to the run's own day volume
   * (`warmupVolumesOf`); absent: the warm-up days are copies of the measured day.
   */
  warmupVolumes?: Omit<WarmupVolume, 'untilSeconds'>;
}

/**
 * The day volumes run `i`'s warm-up days are drawn from: the volume variants of its (class, day
 * type) (`dayTypes[].volumeCv`), each factor relative to the run's own, with their
 * probabilities; undefined when the day type has a single volume.
 * @example warmupVolumesOf(plan.runs, 2) // { factors: [0.709, 0.846, 1], weights: [0.219, 0.657, 0.123] } for the × 1.198 day
 */
export function warmupVolumesOf(runs: readonly Pick<Run, 'centreClass' | 'dayType' | 'volumeFactor' | 'weight'>[], i: number): Omit<WarmupVolume, 'untilSeconds'> | undefined {
  const run = runs[i]!;
  const siblings = runs.filter((r) => r.centreClass === run.centreClass && r.dayType === run.dayType);
  if (siblings.length < 2) return undefined;
  const total = siblings.reduce((a, r) => a + r.weight, 0);
  return { factors: siblings.map((r) => r.volumeFactor / run.volumeFactor), weights: siblings.map((r) => r.weight / total) };
}

/**
 * The channels of `model` in groups that share agents (connected through group skills), each
 * with the groups serving it; every channel and every group in exactly one component, channels
 * and groups in model order. A group whose skills name no channel joins no component.
 * @example componentsOf(model) // [{ channels: [0], groups: [0] }, { channels: [1, 2], groups: [1, 2] }]
 */
export function componentsOf(model: Model): { channels: number[]; groups: number[] }[] {
  const parent = model.channels.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const index = new Map(model.channels.map((c, i) => [c.name, i]));
  const skillIds = model.groups.map((g) => g.skills.map((s) => index.get(s)).filter((x): x is number => x !== undefined));
  for (const ids of skillIds) for (const id of ids.slice(1)) parent[find(id)] = find(ids[0]!);
  const byRoot = new Map<number, { channels: number[]; groups: number[] }>();
  model.channels.forEach((_, c) => {
    const r = find(c);
    if (!byRoot.has(r)) byRoot.set(r, { channels: [], groups: [] });
    byRoot.get(r)!.channels.push(c);
  });
  skillIds.forEach((ids, g) => {
    if (ids.length > 0) byRoot.get(find(ids[0]!))!.groups.push(g);
  });
  return [...byRoot.values()];
}

/**
 * The parts of run `runIndex` (of `runCount`) with model `model`.
 * @example runParts(plan.runs[0].model, 0, plan.runs.length, { warmupSeconds: 0, backlogWarmupDays: 2 })
 */
export function runParts(model: Model, runIndex: number, runCount: number, o: PartOptions): RunPart[] {
  const components = componentsOf(model);
  return components.map((comp, p) => {
    const whole = components.length === 1;
    const sub: Model = whole
      ? model
      : { ...model, channels: comp.channels.map((c) => model.channels[c]!), groups: comp.groups.map((g) => model.groups[g]!) };
    const { model: lean, thinned } = o.warmupSeconds === 0 ? thinSelfService(sub) : { model: sub, thinned: [] };
    const deferred = lean.channels.some((c) => c.kind === 'deferred');
    const warmed = deferred && o.backlogWarmupDays > 0 ? backlogWarmup(lean, o.backlogWarmupDays) : { model: lean, warmupSeconds: 0 };
    return {
      model: warmed.model,
      task: runIndex + p * runCount,
      warmupSeconds: warmed.warmupSeconds + o.warmupSeconds,
      ...(warmed.warmupSeconds > 0 && o.warmupVolumes ? { warmupVolume: { untilSeconds: warmed.warmupSeconds, ...o.warmupVolumes } } : {}),
      channels: comp.channels,
      groups: comp.groups,
      thinned,
    };
  });
}

/** A model with its thinnable self-service removed (see the module comment), and what was removed. */
function thinSelfService(model: Model): { model: Model; thinned: RunPart['thinned'] } {
  const thinned: RunPart['thinned'] = [];
  const T = model.intervalSeconds;
  const days = model.days;
  const channels = model.channels.map((ch, c): Channel => {
    const ss = ch.selfService;
    if (!ss || ss.share === 0 || ss.duration || (ss.returnShare ?? 0) > 0 || (ch.rateCv ?? 0) > 0) return ch;
    thinned.push({ channel: c, perInterval: ch.arrivalRatePerSecond.map((r) => r * ss.share * T * days) });
    const { selfService: _dropped, ...rest } = ch;
    return { ...rest, arrivalRatePerSecond: ch.arrivalRatePerSecond.map((r) => r * (1 - ss.share)) };
  });
  return thinned.length === 0 ? { model, thinned } : { model: { ...model, channels }, thinned };
}

/**
 * Adds the self-service completions of a part's thinned channels to its tallies (in place):
 * one Poisson count per cycle interval, from the stream (seed, part task, replication,
 * `plan:selfService:<channel>`), so the numbers do not depend on where the part ran.
 * Returns the completions drawn (arrivals of the measured window that were not simulated).
 */
export function addThinnedSelfService(part: RunPart, tallies: RunTallies, seed: string | number, replication: number): number {
  let drawn = 0;
  for (const { channel, perInterval } of part.thinned) {
    const s = streamState(seed, part.task, replication, `plan:selfService:${part.model.channels[channel]!.name}`);
    for (let i = 0; i < perInterval.length; i++) {
      const k = poisson(perInterval[i]!, s);
      tallies.byInterval[i]![channel]!.selfServiceCompleted += k;
      tallies.byChannel[channel]!.selfServiceCompleted += k;
      tallies.total.selfServiceCompleted += k;
      drawn += k;
    }
  }
  return drawn;
}

/**
 * The run's tallies from its parts' (`parts[p]` simulated into `tallies[p]`), in the run's
 * channel and group order. The total adds the parts' totals (each counts its own groups'
 * on-duty time once) over the one measured window (its duration is the window's, not the sum).
 */
export function mergeParts(model: Model, parts: readonly RunPart[], tallies: readonly RunTallies[]): RunTallies {
  if (parts.length === 1) return tallies[0]!;
  const C = model.channels.length;
  const G = model.groups.length;
  const K = tallies[0]!.byInterval.length;
  const total = emptyTally();
  const byChannel = new Array<RunTallies['byChannel'][number]>(C);
  const byGroup = Array.from({ length: G }, emptyGroupTally);
  const byInterval = Array.from({ length: K }, () => new Array<RunTallies['byChannel'][number]>(C));
  const byIntervalGroup = Array.from({ length: K }, () => Array.from({ length: G }, emptyGroupTally));
  const startBacklog = new Array<number>(C).fill(0);
  const endBacklog = new Array<number>(C).fill(0);
  parts.forEach((part, p) => {
    const t = tallies[p]!;
    addTally(total, t.total);
    part.channels.forEach((c, j) => {
      byChannel[c] = t.byChannel[j]!;
      startBacklog[c] = t.startBacklog[j]!;
      endBacklog[c] = t.endBacklog[j]!;
      for (let i = 0; i < K; i++) byInterval[i]![c] = t.byInterval[i]![j]!;
    });
    part.groups.forEach((g, j) => {
      addGroupTally(byGroup[g]!, t.byGroup[j]!);
      for (let i = 0; i < K; i++) addGroupTally(byIntervalGroup[i]![g]!, t.byIntervalGroup[i]![j]!);
    });
  });
  total.durationSeconds = tallies[0]!.total.durationSeconds;
  for (const g of byGroup) if (g.durationSeconds === 0) g.durationSeconds = total.durationSeconds;
  return { total, byChannel, byInterval, byGroup, byIntervalGroup, startBacklog, endBacklog };
}
