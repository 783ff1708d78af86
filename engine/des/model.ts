/**
 * The simulator's input: a typed, plain-data model of a contact centre (no functions, no
 * class instances), so it can be validated once, copied to worker threads with
 * `structuredClone`, and mapped one-to-one from a scenario file.
 *
 * Units: time in seconds from the start of the horizon; rates in arrivals per second;
 * shares and probabilities as fractions in [0, 1].
 *
 * Time structure: the horizon is `days × (86,400 / intervalSeconds)` planning intervals.
 * Per-interval inputs (arrival rates, agents on duty) are given over a *cycle* of
 * intervals that repeats over the horizon: a cycle of one day (96 quarter hours) repeats
 * every day, a cycle of one week every week, and a cycle as long as the horizon does not
 * repeat. Per-interval figures are reported per interval of the cycle (all days folded
 * onto the cycle), so memory depends on the cycle length, never on the run length.
 *
 * @example
 * const model: Model = {
 *   intervalSeconds: 1800, days: 1,
 *   channels: [{ name: 'voice', kind: 'voice', targetSeconds: 20,
 *     arrivalRatePerSecond: Array(48).fill(95 / 300),
 *     handleTime: { kind: 'exponential', mean: 300 },
 *     patience: { kind: 'exponential', mean: 120 } }],
 *   groups: [{ name: 'agents', skills: ['voice'], onDuty: Array(48).fill(100) }],
 * };
 */

/** A distribution of a duration or a delay, in seconds. Plain data; defined in `engine/rng`. */
import type { DistributionSpec } from '../rng/distribution.js';
export type { DistributionSpec };

/** What kind of work a channel carries. `chat` and `deferred` are reserved for the
 * concurrency / deferred-work extension; the simulator rejects what it does not yet model. */
export type ChannelKind = 'voice' | 'chat' | 'deferred';

/** One queue of contacts with its own demand and behaviour. */
export interface Channel {
  /** Unique name, referenced by agent groups' skill lists. */
  name: string;
  kind: ChannelKind;
  /**
   * Arrivals per second in each interval of the cycle (length = cycle length, the same for
   * every per-interval array in the model). For voice this is the rate *before* self-service.
   */
  arrivalRatePerSecond: number[];
  /**
   * Over-dispersion of the arrivals: the rate of each interval is multiplied by an
   * independent gamma factor with mean 1 and this coefficient of variation. 0 or absent:
   * a (non-homogeneous) Poisson process.
   */
  rateCv?: number;
  /** Handle (talk + wrap-up) time of one contact by one agent, seconds. */
  handleTime: DistributionSpec;
  /** Time a waiting contact is willing to wait before abandoning, seconds; absent: never abandons. */
  patience?: DistributionSpec;
  /** Self-service (IVR) that arrivals pass first; absent: every arrival goes to agents. */
  selfService?: {
    /** Fraction of arrivals completed in self-service, in [0, 1]. */
    share: number;
    /** Time spent in self-service before completing or asking for an agent, seconds; absent: 0. */
    duration?: DistributionSpec;
  };
  /** Redials of abandoned contacts; absent: abandoned contacts are lost. */
  retrial?: {
    /** Fraction of abandoned contacts that try again, in [0, 1]. */
    probability: number;
    /** Delay between abandoning and redialling, seconds. */
    delay: DistributionSpec;
  };
  /** Service-level threshold T: answered within T seconds counts as within service level. */
  targetSeconds: number;
}

/**
 * Agents with the same skills and schedule. Routing (engine/des/engine.ts): a contact
 * offered to agents goes to the first group, in model order, that has its channel among its
 * skills and an idle agent; otherwise it waits in its channel's FIFO line. An agent who
 * becomes free takes the head of the first non-empty line in its skill order. Agents added
 * at an interval boundary take waiting work at once.
 */
export interface AgentGroup {
  name: string;
  /** Channel names this group serves, highest priority first. FIFO within a channel. */
  skills: string[];
  /**
   * Agents on duty (productive, after shrinkage) in each interval of the cycle, whole
   * numbers ≥ 0. When the number drops at an interval boundary, busy agents finish their
   * current contact before leaving.
   */
  onDuty: number[];
}

/** A whole contact centre for the simulator. */
export interface Model {
  /** Planning interval length, seconds: 900, 1800 or 3600. */
  intervalSeconds: 900 | 1800 | 3600;
  /** Horizon length in days (may be fractional only for tests; 1 or more in practice). */
  days: number;
  channels: Channel[];
  groups: AgentGroup[];
}

/** How one replication is run; everything random derives from (seed, task, replication). */
export interface RunOptions {
  /** Master seed (any string or integer). */
  seed: string | number;
  /** Task index (a sweep cell, a centre class…); 0 when there is only one. */
  task?: number;
  /** Replication index, 0-based. Replication k gives the same numbers alone or in a batch. */
  replication?: number;
  /**
   * Figures ignore contacts offered before this time, and busy / on-duty time spent before
   * it (seconds); the system still runs from time 0. Absent: 0 (a day that starts empty at
   * midnight needs none; a stationary run does, see `defaultWarmupSeconds`).
   */
  warmupSeconds?: number;
  /**
   * End the run when this many arrivals (counted over all channels, before self-service,
   * warm-up included, redials not counted) have come: the run ends at the moment the next
   * arrival would have come, or at the horizon's end if that is earlier. Contacts waiting
   * then are counted as still waiting (or abandoned, if their patience ran out by then).
   * Absent: the run ends at the horizon's end.
   */
  maxArrivals?: number;
  /**
   * Called once per contact when its outcome is known (answered: at the start of service;
   * abandoned: when the abandonment is found, which may be after the deadline; self-service:
   * at arrival; still waiting: at the end). Absent: no per-contact record is kept (the
   * default; memory and speed do not depend on the number of contacts).
   */
  trace?: TraceSink;
}

/** What happened to one contact, for a trace. */
export type ContactOutcome = 'answered' | 'abandoned' | 'self-service' | 'still-waiting';

/**
 * Receives one row per contact (positional arguments: nothing is allocated per contact).
 * `arrivalTime` is when the contact arrived (before self-service), `offeredTime` when it
 * reached an agent queue (NaN for self-service); `waitSeconds` until answer or abandonment
 * (or until the end for still waiting); `handleSeconds` 0 unless answered; `group` the
 * index of the agent group that answered, −1 otherwise. Redials get their own id.
 */
export type TraceSink = (
  id: number, channel: number, retrial: boolean, arrivalTime: number, offeredTime: number,
  outcome: ContactOutcome, waitSeconds: number, handleSeconds: number, group: number,
) => void;
