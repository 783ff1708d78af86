/**
 * The figures of docs/figures.md with their plain-words labels, how each prints in a table and
 * its unit, so every command labels a figure the same way and every CSV names its unit the same
 * way (`asa (s)`; docs/figures.md, "Units and rounding in CSV"; round.ts rounds each unit). Tables show the label and the
 * JSON key side by side.
 */
import { count, fixed, percent, seconds } from './number.js';
import type { Unit } from './round.js';

/** How a figure prints in a table. */
export type FigureKind = 'fraction' | 'seconds' | 'count' | 'erlangs' | 'real';

export interface FigureInfo {
  /** plain words; `{T}` is replaced by the service-level threshold in seconds */
  readonly label: string;
  readonly kind: FigureKind;
  /** the unit CSV headers carry (`asa (s)`), which decides its one rounding in `--csv` (round.ts) */
  readonly unit: Unit;
}

/**
 * Labels, kinds and units by JSON key: every figure a command prints (docs/figures.md and
 * docs/channels.md define each). Counts of contacts are over the period the output covers: the
 * scenario's period, one interval of the day over that period (`--by interval`), or one
 * replication (`simulate` quick mode).
 */
export const FIGURES = {
  agents: { label: 'agents on duty', kind: 'count', unit: 'agents' },
  erlangs: { label: 'offered load (erlangs)', kind: 'erlangs', unit: 'erlangs' },
  offered: { label: 'offered contacts', kind: 'real', unit: 'contacts per period' },
  answered: { label: 'answered contacts', kind: 'real', unit: 'contacts per period' },
  abandoned: { label: 'abandoned contacts', kind: 'real', unit: 'contacts per period' },
  blocking: { label: 'blocking, Erlang B (calls lost if all busy)', kind: 'fraction', unit: 'fraction' },
  pWait: { label: 'probability of waiting', kind: 'fraction', unit: 'fraction' },
  serviceLevel: { label: 'service level: answered ≤ {T} s / offered', kind: 'fraction', unit: 'fraction' },
  slAnswered: { label: 'SL of answered: answered ≤ {T} s / answered', kind: 'fraction', unit: 'fraction' },
  asa: { label: 'ASA: mean wait of answered', kind: 'seconds', unit: 's' },
  meanWait: { label: 'mean wait of all offered', kind: 'seconds', unit: 's' },
  pAbandon: { label: 'abandonment rate', kind: 'fraction', unit: 'fraction' },
  pAbandonGivenWait: { label: 'abandonment of those who wait', kind: 'fraction', unit: 'fraction' },
  answerRate: { label: 'answer rate', kind: 'fraction', unit: 'fraction' },
  occupancy: { label: 'occupancy', kind: 'fraction', unit: 'fraction' },
  requiredAgents: { label: 'required agents on duty', kind: 'count', unit: 'agents' },
  requiredStaff: { label: 'required staff after shrinkage', kind: 'real', unit: 'head count' },
  requiredStaffRounded: { label: 'required staff after shrinkage, rounded up', kind: 'count', unit: 'head count' },
  staff: { label: 'staff (head count)', kind: 'count', unit: 'head count' },
  selfServiceCompleted: { label: 'self-service completed', kind: 'real', unit: 'contacts per period' },
  selfServiceShare: { label: 'self-service / (self-service + offered)', kind: 'fraction', unit: 'fraction' },
  selfServiceShareAnswered: { label: 'self-service / (self-service + answered)', kind: 'fraction', unit: 'fraction' },
  retrials: { label: 'redials', kind: 'count', unit: 'contacts per period' },
  returns: { label: 'returns after self-service', kind: 'count', unit: 'contacts per period' },
  customers: { label: 'customers (offered − redials)', kind: 'count', unit: 'contacts per period' },
  answerRatePerCustomer: { label: 'answer rate per customer', kind: 'fraction', unit: 'fraction' },
  served: { label: 'contacts served (self-service + answered)', kind: 'count', unit: 'contacts per period' },
  backlog: { label: 'backlog at interval ends (mean waiting)', kind: 'real', unit: 'contacts' },
  handledWithinDeadline: { label: 'deferred work handled within its deadline', kind: 'fraction', unit: 'fraction' },
  meanTimeToHandle: { label: 'time to handle, mean', kind: 'seconds', unit: 's' },
  p90TimeToHandle: { label: 'time to handle, 90th percentile', kind: 'seconds', unit: 's' },
  contactsPerBusyAgent: { label: 'contacts in progress per busy agent', kind: 'real', unit: 'contacts per busy agent' },
} as const satisfies Record<string, FigureInfo>;

export type FigureKey = keyof typeof FIGURES;

/** A figure's label with the threshold filled in. @example figureLabel('serviceLevel', 20) // 'service level: answered ≤ 20 s / offered' */
export function figureLabel(key: FigureKey, targetSeconds?: number): string {
  const label: string = FIGURES[key].label;
  return label.replace('{T}', targetSeconds === undefined ? 'T' : String(targetSeconds));
}

/** A value formatted for a table by its kind: 80.12%, 12.35 s, 1,234, 10.000. */
export function formatFigure(key: FigureKey, value: number | undefined): string {
  return formatByKind(FIGURES[key].kind, value);
}

/** A value formatted by kind (see FigureKind). */
export function formatByKind(kind: FigureKind, value: number | undefined): string {
  switch (kind) {
    case 'fraction':
      return percent(value, value !== undefined && value > 0.999 && value < 1 ? 3 : 2);
    case 'seconds':
      return seconds(value, 2);
    case 'count':
      return count(value);
    case 'erlangs':
      return fixed(value, 3);
    case 'real':
      return fixed(value, 2);
  }
}
