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

/**
 * What kind of work a channel carries (routing rules: engine/des/routing.ts and docs/channels.md).
 * - `voice`: real-time calls, one at a time per agent; callers may abandon while waiting.
 * - `video`: as voice (real time, one at a time), with its own demand and handle time.
 * - `chat`: real-time text (online chat, WeChat, in-app messaging): an agent serves up to
 *   `concurrency` sessions at once, each slowed by the others (`slowdown`); customers may
 *   abandon while waiting for the first answer; the service level is the first response
 *   (the session's start) within `targetSeconds`.
 * - `deferred`: e-mail, SMS, app messages: items never abandon; they wait, one at a time per
 *   agent, until an agent is free of real-time work; each has a `deadlineSeconds`.
 */
export type ChannelKind = 'voice' | 'video' | 'chat' | 'deferred';

/**
 * Default `slowdown` of a chat channel: 0.2, i.e. a session progresses at pace
 * 1 / (1 + 0.2·(n − 1)) while its agent has n sessions in progress (two sessions: each at
 * 83%; three: 71%; an agent's throughput with 3 sessions is 2.14 times that with one).
 * Source: an assumption fitted to a practitioner rule (ccplanning.net, "Chat concurrency and
 * AHT": raising concurrency from 2 to 3 lifts throughput by 25–35%, not 50%; 0.2 gives 28.6%)
 * and in line with the field study of Goes, Ilk, Lin & Zhao (Management Science 64(7), 2018),
 * who find multitasking agents answer each message later. Not identified by the 2017 report.
 */
export const DEFAULT_CHAT_SLOWDOWN = 0.2;

/** Default `concurrency` of a chat channel: 1 (one session at a time, like voice). */
export const DEFAULT_CHAT_CONCURRENCY = 1;

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
  /**
   * Handle (talk + wrap-up) time of one contact by one agent, seconds. For chat: the
   * session's length when its agent has no other session (its *work*; see `slowdown`).
   */
  handleTime: DistributionSpec;
  /**
   * Time a waiting contact is willing to wait before abandoning, seconds; absent: never
   * abandons. For chat: the wait for the first answer. Not allowed on deferred channels.
   */
  patience?: DistributionSpec;
  /** Self-service (IVR, chatbot) that arrivals pass first; absent: every arrival goes to agents. */
  selfService?: {
    /** Fraction of arrivals completed in self-service, in [0, 1]. */
    share: number;
    /** Time spent in self-service before asking for an agent, seconds; absent: 0. */
    duration?: DistributionSpec;
    /**
     * Fraction of self-service completions that come back as agent contacts (the IVR did
     * not really solve it), in [0, 1]; absent: 0. A return reaches the agent queue directly
     * (no second self-service), `returnDelay` after the original arrival, and is counted in
     * `offered` and `returns` (it is that customer's first agent attempt).
     */
    returnShare?: number;
    /** Time from the original arrival to the return, seconds (the self-service session plus the time before calling back); absent: 0. */
    returnDelay?: DistributionSpec;
  };
  /** Redials of abandoned contacts; absent: abandoned contacts are lost. Needs `patience`. */
  retrial?: {
    /** Fraction of abandoned contacts that try again, in [0, 1]. */
    probability: number;
    /** Delay between abandoning and redialling, seconds. */
    delay: DistributionSpec;
  };
  /**
   * Service-level threshold T, seconds: a contact answered (deferred: whose handling started)
   * within T of reaching the agent queue counts in `answeredWithinTarget`.
   */
  targetSeconds: number;
  /**
   * Chat only: most sessions of this channel an agent holds at once, a whole number ≥ 1
   * (an agent takes a session of this channel only while it has fewer than `concurrency`
   * chat sessions in progress, of any chat channel). Absent: DEFAULT_CHAT_CONCURRENCY (1).
   */
  concurrency?: number;
  /**
   * Chat only: how much each other session slows a session, ≥ 0. A session's work (its
   * `handleTime` draw, seconds) is done at pace 1 / (1 + slowdown·(n − 1)) while its agent
   * has n chat sessions in progress; when n changes mid-session, the work left is carried
   * over and the pace changes from that moment (limited processor sharing). With n fixed the
   * session lasts work·(1 + slowdown·(n − 1)). 0: no slowdown (then c sessions per agent are
   * exactly c·N servers: Erlang A). All chat channels one group serves must share one value.
   * Absent: DEFAULT_CHAT_SLOWDOWN (0.2).
   */
  slowdown?: number;
  /**
   * Deferred only, and required there: the time within which an item should be handled,
   * seconds from reaching the agent queue to the completion of its handling (e.g. 4 h = 14,400).
   */
  deadlineSeconds?: number;
}

/**
 * Agents with the same skills and schedule. Routing rules (one place: engine/des/routing.ts,
 * and docs/channels.md): an offered contact goes to the first group, in model order, that
 * has its channel among its skills and an agent able to take it now; otherwise it waits in
 * its channel's FIFO line. An agent who becomes free takes work from its skills in priority
 * order. Real-time work (voice, video, chat) is taken before deferred work and pre-empts
 * nothing; deferred work is only taken by an agent with nothing in progress.
 */
export interface AgentGroup {
  name: string;
  /**
   * Channel names this group serves, highest priority first; FIFO within a channel. Deferred
   * channels must come after every real-time channel.
   */
  skills: string[];
  /**
   * Agents on duty (productive, after shrinkage) in each interval of the cycle, whole
   * numbers ≥ 0. When the number drops at an interval boundary, agents with work in progress
   * finish it (taking no new work) before leaving.
   */
  onDuty: number[];
  /**
   * Groups with a chat skill: may an agent with chat sessions in progress take a voice or
   * video call? false (default): no, it first finishes every session; true: yes, its
   * sessions go on meanwhile (at the pace of their number) and it takes no new session
   * until the call ends. An agent on a call never takes a chat.
   */
  callsWhileChatting?: boolean;
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

/**
 * The volumes of the warm-up days (RunOptions.warmupVolume): the cycles that begin before
 * `untilSeconds` each get one factor from `factors` (≥ 0), drawn with probabilities `weights`
 * (summing to 1), that multiplies every channel's arrival rates.
 */
export interface WarmupVolume {
  /** seconds; the cycles beginning before it are warm-up days */
  untilSeconds: number;
  factors: number[];
  weights: number[];
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
   * midnight needs none; a stationary run does, see `defaultWarmupSeconds`; a day with
   * deferred work should start with its carried backlog, see `backlogWarmup`). Deferred items
   * offered during the warm-up and handled after it count where they are handled.
   */
  warmupSeconds?: number;
  /**
   * Arrival volume of the days (cycles) in front of the measured ones (a backlog warm-up,
   * `backlogWarmup`): each cycle that begins before `untilSeconds` has every channel's arrival
   * rates multiplied by a factor drawn from `factors` (each ≥ 0) with probabilities `weights`
   * (summing to 1), one draw per cycle from the stream of (seed, task, replication,
   * 'warmupVolume'). Day volumes that are independent from day to day (a scenario's
   * `dayTypes[].volumeCv`, run as a few day volumes) then carry into the measured day the
   * backlog of days of random volume, not of copies of itself. Absent: the warm-up days are
   * copies of the measured day.
   * @example { untilSeconds: 86400, factors: [0.79 / 1.198, 1.013 / 1.198, 1], weights: [0.21, 0.67, 0.12] }
   */
  warmupVolume?: WarmupVolume;
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
 * `arrivalTime` is when the contact arrived (before self-service; for a redial or a return,
 * when it came back), `offeredTime` when it reached an agent queue (NaN for self-service);
 * `waitSeconds` until answer (deferred: start of handling) or abandonment (or until the end
 * for still waiting); `handleSeconds` 0 unless answered (for chat: the session's work at pace
 * 1, see `Channel.slowdown`); `group` the index of the agent group that answered, −1
 * otherwise; `agent` the answering agent's index within its group for groups with a chat
 * skill (whose agents are tracked one by one), −1 otherwise. Redials and returns get their own id.
 */
export type TraceSink = (
  id: number, channel: number, retrial: boolean, arrivalTime: number, offeredTime: number,
  outcome: ContactOutcome, waitSeconds: number, handleSeconds: number, group: number, agent: number,
) => void;
