/**
 * The figures every command reports, with the one definition each (docs/figures.md;
 * docs/channels.md for the channel kinds). A `Tally` holds raw sums accumulated as a run
 * goes; `figuresOf` turns it into ratios. Tallies add: the tally of a day is the sum of its
 * intervals' tallies, so figures of any aggregate (a channel, a day, several centres) come
 * from summed tallies, never from averaging ratios.
 *
 * What a contact's fields mean depends on its channel's kind (engine/des/model.ts):
 * - voice, video, chat: `answered` = taken by an agent (for chat: the first response, when
 *   the session starts), attributed with its wait to the interval in which the contact was
 *   *offered*;
 * - deferred (e-mail, SMS, app messages): `answered` = handling started, attributed with its
 *   wait, time to handle and deadline to the interval in which handling *started* (so a day
 *   that starts with a carried backlog counts the items it works off — in steady state the
 *   same number as the backlog it leaves behind); `offered` and `stillWaiting` stay
 *   attributed to the arrival interval.
 * A total over several channels (`RunTallies.total`) sums every field over every channel of
 * every kind: its `answered` mixes answered calls, chats and started deferred items; its
 * time-to-handle fields cover deferred channels only (they are zero elsewhere).
 */
import { HISTOGRAM_BINS, histogramQuantile } from './histogram.js';

/** Raw sums of one run over some slice (an interval, a channel, the whole run). */
export interface Tally {
  /** Contacts (attempts, retrials included) that reached an agent queue. */
  offered: number;
  answered: number;
  abandoned: number;
  /** Answered with a wait of at most the channel's target T (seconds). */
  answeredWithinTarget: number;
  /** Sum of waits of answered contacts, seconds. */
  waitAnsweredSeconds: number;
  /** Sum of waits of all resolved contacts (answered: until answer; abandoned: until abandonment), seconds. */
  waitAllSeconds: number;
  /** Agent-seconds spent handling contacts. */
  busySeconds: number;
  /** Agent-seconds on duty (scheduled, plus time agents stay to finish a contact after their shift). */
  onDutySeconds: number;
  /** Contacts completed in self-service (never offered to agents). */
  selfServiceCompleted: number;
  /** Offered contacts that were retrials (redials) of an earlier abandoned attempt. */
  retrials: number;
  /**
   * Offered contacts that were *returns*: callers who completed self-service and came back
   * to agents (`selfService.returnShare`). A return is that customer's first agent attempt.
   */
  returns: number;
  /** Offered contacts still waiting when the run ended (neither answered nor abandoned). */
  stillWaiting: number;
  /** Length of the slice, seconds (for the mean number of agents on duty). */
  durationSeconds: number;
  /**
   * Contacts waiting for an agent at the end of each interval of the slice, times that
   * interval's length inside the slice, summed (contact-seconds; a right-end Riemann sum of
   * the backlog). backlog = backlogSeconds / durationSeconds: for one interval, the number
   * waiting at its end; for a day, the mean over its interval ends. Contacts whose patience
   * has run out are not waiting.
   */
  backlogSeconds: number;
  /** Deferred items whose handling started in the slice: the count behind the time-to-handle figures. */
  deferredHandled: number;
  /** Of those, the ones completed within their channel's `deadlineSeconds` of arrival (time to handle ≤ deadline). */
  withinDeadline: number;
  /**
   * Sum of their times to handle, seconds. Time to handle = arrival (reaching the agent
   * queue) → completion of handling = wait + handle time (an item is never interrupted).
   */
  timeToHandleSeconds: number;
  /**
   * Their times to handle in the fixed bins of engine/stats/histogram.ts (HISTOGRAM_BINS
   * counts), for percentiles that add across runs and centres. Present only on tallies that
   * include a deferred channel.
   */
  timeToHandleCounts?: number[];
}

/**
 * One agent group's time, summed over a slice (an interval, a day): adds like a Tally.
 * Busy means at least one contact in progress, whatever its kind.
 */
export interface GroupTally {
  /** Agent-seconds on duty (scheduled, plus time agents stay to finish their work after their shift). */
  onDutySeconds: number;
  /** Agent-seconds with at least one contact in progress (a call, a deferred item, or one or more chat sessions). */
  busySeconds: number;
  /** Contact-seconds in progress at the group's agents (a chat agent with 3 sessions counts 3 per second). */
  contactSeconds: number;
  /** Length of the slice, seconds. */
  durationSeconds: number;
}

/** Figures of one agent group. Fractions in [0, 1]. */
export interface GroupFigures {
  /** busy / on duty: the share of agent time with at least one contact in progress */
  occupancy: number;
  /** mean agents on duty over the slice */
  agents: number;
  /** contacts in progress per busy agent (1 for groups without chat; up to the concurrency with chat) */
  contactsPerBusyAgent: number;
}

/** The reported figures; keys are the JSON keys of docs/figures.md. Fractions in [0, 1], times in seconds. */
export interface Figures {
  offered: number;
  answered: number;
  abandoned: number;
  /** answered / offered */
  answerRate: number;
  /** abandoned / offered */
  pAbandon: number;
  /** answered within T / offered (abandoned count as failures) */
  serviceLevel: number;
  /** answered within T / answered */
  slAnswered: number;
  /** mean wait of answered contacts, seconds */
  asa: number;
  /** mean wait of all offered, abandoned included (up to abandonment), seconds */
  meanWait: number;
  /** agent time busy with contacts / agent time on duty */
  occupancy: number;
  /** mean agents on duty over the slice */
  agents: number;
  selfServiceCompleted: number;
  /** completed in self-service / (completed in self-service + offered to agents): the model's definition ("ivr/offered") */
  selfServiceShare: number;
  /** completed in self-service / (completed in self-service + answered by agents): "ivr/answered" */
  selfServiceShareAnswered: number;
  /** offered contacts that were redials of an abandoned attempt */
  retrials: number;
  /** offered contacts that came back after completing self-service */
  returns: number;
  /** offered − retrials: customers who reached agents (each counted at their first agent attempt; returns included) */
  customers: number;
  /** answered / customers: the answer rate per customer (a customer is answered at most once); `answerRate` is per attempt */
  answerRatePerCustomer: number;
  /** selfServiceCompleted + answered: contacts served, by self-service or by an agent (the 2017 report's "customers served", 人次) */
  served: number;
  /** mean number of contacts waiting for an agent at the slice's interval ends (one interval: the number at its end) */
  backlog: number;
  /** deferred items completed within their deadline / deferred items handled */
  handledWithinDeadline: number;
  /** mean time to handle (arrival → completion) of deferred items handled, seconds */
  meanTimeToHandle: number;
  /** 90th percentile of that time, seconds (from the fixed histogram; within 4.4%) */
  p90TimeToHandle: number;
}

/** Keys of `Figures`, in the order tables print them. */
export const FIGURE_KEYS = [
  'offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa',
  'meanWait', 'pAbandon', 'occupancy', 'agents', 'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered',
] as const satisfies readonly (keyof Figures)[];

/**
 * Figures added with the channel kinds (attempts vs customers, backlog, deferred work). Kept
 * out of FIGURE_KEYS so that the tables and result files of the existing commands keep their
 * columns until they show them; `summarizeFigures` summarizes both lists.
 */
export const CHANNEL_FIGURE_KEYS = [
  'retrials', 'returns', 'customers', 'answerRatePerCustomer', 'served', 'backlog', 'handledWithinDeadline',
  'meanTimeToHandle', 'p90TimeToHandle',
] as const satisfies readonly (keyof Figures)[];

/** Every key of `Figures`: FIGURE_KEYS then CHANNEL_FIGURE_KEYS. */
export const ALL_FIGURE_KEYS = [...FIGURE_KEYS, ...CHANNEL_FIGURE_KEYS] as const;

/** Keys of `GroupFigures`, in the order tables print them. */
export const GROUP_FIGURE_KEYS = ['occupancy', 'agents', 'contactsPerBusyAgent'] as const satisfies readonly (keyof GroupFigures)[];

/** The numeric fields of a Tally (all but the histogram): each adds across slices, runs and centres. */
export const TALLY_KEYS = [
  'offered', 'answered', 'abandoned', 'answeredWithinTarget', 'waitAnsweredSeconds', 'waitAllSeconds',
  'busySeconds', 'onDutySeconds', 'selfServiceCompleted', 'retrials', 'returns', 'stillWaiting',
  'durationSeconds', 'backlogSeconds', 'deferredHandled', 'withinDeadline', 'timeToHandleSeconds',
] as const satisfies readonly Exclude<keyof Tally, 'timeToHandleCounts'>[];

/** An all-zero tally. */
export function emptyTally(): Tally {
  return {
    offered: 0, answered: 0, abandoned: 0, answeredWithinTarget: 0, waitAnsweredSeconds: 0,
    waitAllSeconds: 0, busySeconds: 0, onDutySeconds: 0, selfServiceCompleted: 0, retrials: 0,
    returns: 0, stillWaiting: 0, durationSeconds: 0, backlogSeconds: 0, deferredHandled: 0,
    withinDeadline: 0, timeToHandleSeconds: 0,
  };
}

/** Adds `b` into `a` (in place; the histogram too, created on `a` when only `b` has one) and returns `a`. */
export function addTally(a: Tally, b: Tally): Tally {
  // Written out (not a loop over TALLY_KEYS): summarising a run adds hundreds of tallies.
  a.offered += b.offered; a.answered += b.answered; a.abandoned += b.abandoned;
  a.answeredWithinTarget += b.answeredWithinTarget; a.waitAnsweredSeconds += b.waitAnsweredSeconds;
  a.waitAllSeconds += b.waitAllSeconds; a.busySeconds += b.busySeconds; a.onDutySeconds += b.onDutySeconds;
  a.selfServiceCompleted += b.selfServiceCompleted; a.retrials += b.retrials; a.returns += b.returns;
  a.stillWaiting += b.stillWaiting; a.durationSeconds += b.durationSeconds; a.backlogSeconds += b.backlogSeconds;
  a.deferredHandled += b.deferredHandled; a.withinDeadline += b.withinDeadline; a.timeToHandleSeconds += b.timeToHandleSeconds;
  const h = b.timeToHandleCounts;
  if (h !== undefined) {
    const into = a.timeToHandleCounts ??= new Array<number>(HISTOGRAM_BINS).fill(0);
    for (let i = 0; i < HISTOGRAM_BINS; i++) into[i]! += h[i]!;
  }
  return a;
}

/**
 * A copy of `t` with every field times `factor` and the duration times `durationFactor`
 * (e.g. one centre-day scaled to `factor` centre-days run side by side over `durationFactor`
 * days: counts and agent-seconds scale by centres × days, the duration by days only).
 */
export function scaleTally(t: Tally, factor: number, durationFactor = factor): Tally {
  // written out, as addTally (a sweep scales every run of every cell)
  const out: Tally = {
    offered: t.offered * factor, answered: t.answered * factor, abandoned: t.abandoned * factor,
    answeredWithinTarget: t.answeredWithinTarget * factor, waitAnsweredSeconds: t.waitAnsweredSeconds * factor,
    waitAllSeconds: t.waitAllSeconds * factor, busySeconds: t.busySeconds * factor, onDutySeconds: t.onDutySeconds * factor,
    selfServiceCompleted: t.selfServiceCompleted * factor, retrials: t.retrials * factor, returns: t.returns * factor,
    stillWaiting: t.stillWaiting * factor, durationSeconds: t.durationSeconds * durationFactor, backlogSeconds: t.backlogSeconds * factor,
    deferredHandled: t.deferredHandled * factor, withinDeadline: t.withinDeadline * factor, timeToHandleSeconds: t.timeToHandleSeconds * factor,
  };
  if (t.timeToHandleCounts !== undefined) out.timeToHandleCounts = t.timeToHandleCounts.map((c) => c * factor);
  return out;
}

/** An all-zero group tally. */
export function emptyGroupTally(): GroupTally {
  return { onDutySeconds: 0, busySeconds: 0, contactSeconds: 0, durationSeconds: 0 };
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addGroupTally(a: GroupTally, b: GroupTally): GroupTally {
  a.onDutySeconds += b.onDutySeconds; a.busySeconds += b.busySeconds;
  a.contactSeconds += b.contactSeconds; a.durationSeconds += b.durationSeconds;
  return a;
}

/** Figures of a group tally (NaN for a zero denominator). */
export function groupFiguresOf(t: GroupTally): GroupFigures {
  return {
    occupancy: t.busySeconds / t.onDutySeconds,
    agents: t.onDutySeconds / t.durationSeconds,
    contactsPerBusyAgent: t.contactSeconds / t.busySeconds,
  };
}

/**
 * Figures of a tally. A ratio with a zero denominator is NaN in the object (printed as
 * "–" in tables and null in JSON): e.g. the ASA of an interval that answered nothing.
 * `meanWait` divides by resolved contacts (answered + abandoned). The deferred figures
 * (`handledWithinDeadline`, `meanTimeToHandle`, `p90TimeToHandle`) are NaN for a slice
 * without deferred work handled.
 */
export function figuresOf(t: Tally): Figures {
  const resolved = t.answered + t.abandoned;
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    answerRate: t.answered / t.offered,
    pAbandon: t.abandoned / t.offered,
    serviceLevel: t.answeredWithinTarget / t.offered,
    slAnswered: t.answeredWithinTarget / t.answered,
    asa: t.waitAnsweredSeconds / t.answered,
    meanWait: t.waitAllSeconds / resolved,
    occupancy: t.busySeconds / t.onDutySeconds,
    agents: t.onDutySeconds / t.durationSeconds,
    selfServiceCompleted: t.selfServiceCompleted,
    selfServiceShare: t.selfServiceCompleted / (t.selfServiceCompleted + t.offered),
    selfServiceShareAnswered: t.selfServiceCompleted / (t.selfServiceCompleted + t.answered),
    retrials: t.retrials,
    returns: t.returns,
    customers: t.offered - t.retrials,
    answerRatePerCustomer: t.answered / (t.offered - t.retrials),
    served: t.selfServiceCompleted + t.answered,
    backlog: t.backlogSeconds / t.durationSeconds,
    handledWithinDeadline: t.withinDeadline / t.deferredHandled,
    meanTimeToHandle: t.timeToHandleSeconds / t.deferredHandled,
    p90TimeToHandle: t.timeToHandleCounts === undefined ? NaN : histogramQuantile(t.timeToHandleCounts, 0.9),
  };
}
