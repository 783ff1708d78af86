/**
 * The figures of docs/figures.md with their plain-words labels and how each prints, so every
 * command labels a figure the same way. Tables show the label and the JSON key side by side.
 */
import { count, fixed, percent, seconds } from './number.js';

/** How a figure prints in a table. */
export type FigureKind = 'fraction' | 'seconds' | 'count' | 'erlangs' | 'real';

export interface FigureInfo {
  /** plain words; `{T}` is replaced by the service-level threshold in seconds */
  readonly label: string;
  readonly kind: FigureKind;
}

/** Labels and kinds by JSON key. */
export const FIGURES = {
  agents: { label: 'agents on duty', kind: 'count' },
  erlangs: { label: 'offered load (erlangs)', kind: 'erlangs' },
  offered: { label: 'offered contacts', kind: 'real' },
  answered: { label: 'answered contacts', kind: 'real' },
  abandoned: { label: 'abandoned contacts', kind: 'real' },
  blocking: { label: 'blocking, Erlang B (calls lost if all busy)', kind: 'fraction' },
  pWait: { label: 'probability of waiting', kind: 'fraction' },
  serviceLevel: { label: 'service level: answered ≤ {T} s / offered', kind: 'fraction' },
  slAnswered: { label: 'SL of answered: answered ≤ {T} s / answered', kind: 'fraction' },
  asa: { label: 'ASA: mean wait of answered', kind: 'seconds' },
  meanWait: { label: 'mean wait of all offered', kind: 'seconds' },
  pAbandon: { label: 'abandonment rate', kind: 'fraction' },
  pAbandonGivenWait: { label: 'abandonment of those who wait', kind: 'fraction' },
  answerRate: { label: 'answer rate', kind: 'fraction' },
  occupancy: { label: 'occupancy', kind: 'fraction' },
  requiredAgents: { label: 'required agents on duty', kind: 'count' },
  requiredStaff: { label: 'required staff after shrinkage', kind: 'real' },
  selfServiceCompleted: { label: 'self-service completed', kind: 'real' },
  selfServiceShare: { label: 'self-service share: IVR / (IVR + offered)', kind: 'fraction' },
  selfServiceShareAnswered: { label: 'self-service share: IVR / (IVR + answered)', kind: 'fraction' },
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
