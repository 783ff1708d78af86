/**
 * Worker handler of the full-year run (`ccsim simulate FILE --full-year`): a block of
 * centre-days of one (centre class, day type) model, each simulated call by call for the
 * agent-directed calls, their tallies summed in order.
 *
 * Self-service thinning. A channel whose self-service has no duration and no rate
 * over-dispersion is simulated with its arrival rate × (1 − share) and no self-service, and
 * its self-service completions of the day are one Poisson draw with mean Σᵢ λᵢ·share·T. This
 * is exact, not an approximation: marking each arrival of a Poisson process independently
 * (IVR with probability `share`) splits it into two independent Poisson processes, and
 * redials skip self-service in the simulator. It saves simulating ~2.2 billion IVR calls
 * one by one (they never meet an agent). Other channels — with a self-service duration,
 * over-dispersion or returns (`returnShare`: self-served callers who come back) — are
 * simulated call by call.
 */
import { simulate, type Model, type WarmupVolume } from '../../des/index.js';
import { streamState } from '../../rng/stream.js';
import { addGroupTally, addTally, emptyGroupTally, emptyTally, type GroupTally, type Tally } from '../../stats/figures.js';
import { poisson } from '../poisson.js';

/** A model with thinnable self-service removed, and each channel's IVR completions per run (mean). */
export interface ThinnedModel {
  model: Model;
  /** per channel: mean self-service completions over the horizon (0 when not thinned) */
  selfServiceMean: number[];
}

/**
 * Thins the self-service of `model` where that is exact (see the module comment).
 * @example thinSelfService(model).selfServiceMean[0] // e.g. 246,000 IVR calls in a large centre's weekday
 */
export function thinSelfService(model: Model): ThinnedModel {
  const intervals = (model.days * 86_400) / model.intervalSeconds;
  const selfServiceMean: number[] = [];
  const channels = model.channels.map((ch) => {
    const ss = ch.selfService;
    if (!ss || ss.duration || (ss.returnShare ?? 0) > 0 || (ch.rateCv ?? 0) > 0 || !Number.isInteger(intervals) || ss.share === 0) {
      selfServiceMean.push(0);
      return ch;
    }
    const K = ch.arrivalRatePerSecond.length;
    let mean = 0;
    for (let h = 0; h < intervals; h++) mean += ch.arrivalRatePerSecond[h % K]! * ss.share * model.intervalSeconds;
    selfServiceMean.push(mean);
    const { selfService: _dropped, ...rest } = ch;
    return { ...rest, arrivalRatePerSecond: ch.arrivalRatePerSecond.map((r) => r * (1 - ss.share)) };
  });
  return { model: { ...model, channels }, selfServiceMean };
}

export interface FullYearDaysInput {
  /** the thinned one-day model of one centre of the class, for the day type */
  thinned: ThinnedModel;
  seed: string | number;
  /** stream task index of each centre-day in the block (unique over the year) */
  tasks: number[];
  /**
   * Seconds discarded at the start of each centre-day's run (a model with warm-up days in
   * front, for a carried deferred backlog: engine/des `backlogWarmup`); absent: 0. The
   * thinned self-service means cover the measured day only.
   */
  warmupSeconds?: number;
  /** the warm-up days' arrival volume (engine/des RunOptions.warmupVolume); absent: copies of the day */
  warmupVolume?: WarmupVolume;
}

export interface FullYearDaysOutput {
  /** the block's tally summed in order (self-service completions included) */
  sum: Tally;
  /** per channel, the block's tallies summed in order (self-service completions included) */
  byChannel: Tally[];
  /** per agent group, the block's tallies summed in order */
  byGroup: GroupTally[];
  /** calls generated: agent-directed arrivals simulated + self-service completions drawn */
  arrivals: number;
  /** agent-directed arrivals simulated call by call */
  simulated: number;
  events: number;
}

export function fullYearDays(input: FullYearDaysInput, context?: { progress(units: number): void }): FullYearDaysOutput {
  const sum = emptyTally();
  let arrivals = 0;
  let simulated = 0;
  let events = 0;
  const { model, selfServiceMean } = input.thinned;
  const byChannel = model.channels.map(() => emptyTally());
  const byGroup = model.groups.map(() => emptyGroupTally());
  for (const task of input.tasks) {
    const r = simulate(model, { seed: input.seed, task, replication: 0, warmupSeconds: input.warmupSeconds ?? 0, ...(input.warmupVolume ? { warmupVolume: input.warmupVolume } : {}) });
    addTally(sum, r.tallies.total);
    r.tallies.byChannel.forEach((t, c) => addTally(byChannel[c]!, t));
    r.tallies.byGroup.forEach((t, g) => addGroupTally(byGroup[g]!, t));
    arrivals += r.arrivals;
    simulated += r.arrivals;
    events += r.events;
    for (let c = 0; c < selfServiceMean.length; c++) {
      const mean = selfServiceMean[c]!;
      if (mean <= 0) continue;
      const k = poisson(mean, streamState(input.seed, task, 0, `fullYear:selfService:${model.channels[c]!.name}`));
      sum.selfServiceCompleted += k;
      byChannel[c]!.selfServiceCompleted += k;
      arrivals += k;
    }
    context?.progress(1);
  }
  return { sum, byChannel, byGroup, arrivals, simulated, events };
}

export const handlers = {
  'full-year-days': fullYearDays,
};
