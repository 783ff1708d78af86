/**
 * The figures every command reports, with the one definition each (docs/figures.md).
 * A `Tally` holds raw sums accumulated as a run goes; `figuresOf` turns it into ratios.
 * Tallies add: the tally of a day is the sum of its intervals' tallies, so figures of any
 * aggregate (a channel, a day, several centres) come from summed tallies, never from
 * averaging ratios.
 */

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
  /** Offered contacts that were retrials of an earlier abandoned attempt. */
  retrials: number;
  /** Offered contacts still waiting when the run ended (neither answered nor abandoned). */
  stillWaiting: number;
  /** Length of the slice, seconds (for the mean number of agents on duty). */
  durationSeconds: number;
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
}

/** Keys of `Figures`, in the order tables print them. */
export const FIGURE_KEYS = [
  'offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa',
  'meanWait', 'pAbandon', 'occupancy', 'agents', 'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered',
] as const satisfies readonly (keyof Figures)[];

/** An all-zero tally. */
export function emptyTally(): Tally {
  return {
    offered: 0, answered: 0, abandoned: 0, answeredWithinTarget: 0, waitAnsweredSeconds: 0,
    waitAllSeconds: 0, busySeconds: 0, onDutySeconds: 0, selfServiceCompleted: 0, retrials: 0,
    stillWaiting: 0, durationSeconds: 0,
  };
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addTally(a: Tally, b: Tally): Tally {
  a.offered += b.offered; a.answered += b.answered; a.abandoned += b.abandoned;
  a.answeredWithinTarget += b.answeredWithinTarget; a.waitAnsweredSeconds += b.waitAnsweredSeconds;
  a.waitAllSeconds += b.waitAllSeconds; a.busySeconds += b.busySeconds; a.onDutySeconds += b.onDutySeconds;
  a.selfServiceCompleted += b.selfServiceCompleted; a.retrials += b.retrials; a.stillWaiting += b.stillWaiting;
  a.durationSeconds += b.durationSeconds;
  return a;
}

/**
 * Figures of a tally. A ratio with a zero denominator is NaN in the object (printed as
 * "–" in tables and null in JSON): e.g. the ASA of an interval that answered nothing.
 * `meanWait` divides by resolved contacts (answered + abandoned).
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
  };
}
