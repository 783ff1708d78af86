import type { DistributionSpec } from '../rng/distribution.js';

/**
 * Result and request types of the analytic kernels. Field names are the JSON keys of
 * docs/figures.md's figure table; times are in seconds, probabilities in [0, 1].
 */

/** Erlang C (M/M/N, infinitely patient callers) figures for one interval. */
export interface ErlangCFigures {
  /** agents on duty N */
  agents: number;
  /** offered load A in erlangs (arrivals per second × AHT seconds) */
  erlangs: number;
  /** probability an arrival waits (Erlang C); 1 when erlangs ≥ agents */
  pWait: number;
  /** P(wait ≤ T): answered within T / offered; 0 in overload */
  serviceLevel: number;
  /** answered within T / answered (equals serviceLevel: everyone is answered) */
  slAnswered: number;
  /** mean wait of answered contacts, seconds; Infinity in overload */
  asa: number;
  /** mean wait of all offered contacts, seconds (equals asa) */
  meanWait: number;
  /** min(1, A/N) (0 when N = A = 0) */
  occupancy: number;
  /** always 1 (no abandonment) */
  answerRate: number;
  /** always 0 */
  pAbandon: number;
}

/** Erlang A (M/M/N+M, exponential patience) figures for one interval; M/M/N+G's have the same fields. */
export interface ErlangAFigures {
  agents: number;
  erlangs: number;
  /** probability an arrival finds all agents busy */
  pWait: number;
  /** probability an arrival abandons */
  pAbandon: number;
  /** P(abandon | wait) = pAbandon / pWait (0 when nobody waits) */
  pAbandonGivenWait: number;
  /** 1 − pAbandon */
  answerRate: number;
  /** answered within T / all arrivals (abandoned count as failures) */
  serviceLevel: number;
  /** answered within T / answered (0 when nothing is answered) */
  slAnswered: number;
  /** mean wait of answered contacts, seconds (0 when nothing is answered) */
  asa: number;
  /** mean wait of all arrivals up to service or abandonment, seconds (= pAbandon × patience) */
  meanWait: number;
  /** A·(1 − pAbandon)/N (0 when N = 0) */
  occupancy: number;
}

/** erlang-c: no abandonment; erlang-a: exponential patience; mmng: patience of any distribution (M/M/N+G). */
export type StaffingModel = 'erlang-c' | 'erlang-a' | 'mmng';

/** A staffing question: the fewest agents meeting every given target. */
export interface StaffingRequest {
  model: StaffingModel;
  /** offered load A, erlangs */
  erlangs: number;
  /** average handle time, seconds (> 0) */
  ahtSeconds: number;
  /** service-level threshold T, seconds (≥ 0) */
  targetSeconds: number;
  /** mean patience, seconds (> 0); required for 'erlang-a' */
  patienceSeconds?: number;
  /** the patience distribution (seconds), required for 'mmng', e.g. { kind: 'lognormal', mean: 120, cv: 2.5 } */
  patience?: DistributionSpec;
  /** service level to reach, in (0, 1) */
  slTarget?: number;
  /** largest acceptable ASA, seconds (> 0) */
  asaTarget?: number;
  /** largest acceptable abandonment probability, in (0, 1] */
  abandonTarget?: number;
  /** largest acceptable occupancy, in (0, 1] */
  maxOccupancy?: number;
  /** share of paid time not on the phones, in [0, 1) */
  shrinkage?: number;
  /** upper bound of the search (default 10,000,000) */
  maxAgents?: number;
}

export type StaffingTarget = 'sl' | 'asa' | 'abandon' | 'occupancy';

export interface StaffingResult {
  /** fewest agents on duty meeting every target */
  requiredAgents: number;
  /** requiredAgents / (1 − shrinkage), unrounded */
  requiredStaff: number;
  /** ceil(requiredStaff) */
  requiredStaffRounded: number;
  /** figures at requiredAgents */
  figures: ErlangCFigures | ErlangAFigures;
  /** figures at requiredAgents − 1; undefined when requiredAgents is 0 */
  figuresOneFewer: ErlangCFigures | ErlangAFigures | undefined;
  /**
   * targets that fail at requiredAgents − 1; empty when requiredAgents is 0, and when only the floor
   * binds: with any load, Erlang A and M/M/N+G ask for at least one agent (zero answer nobody, though
   * an ASA or occupancy target alone is met there, both being 0 by convention)
   */
  binding: StaffingTarget[];
}
