/**
 * Worker handler of `ccsim staff` on large forecasts: a chunk of intervals as typed arrays
 * in (load, AHT, patience), the staffing solver's answer as typed arrays out (transferred,
 * not copied). Each interval is `solveAgents` exactly as on the main thread, so the output
 * does not depend on where it ran.
 */
import { solveAgents, type StaffingRequest, type StaffingTarget } from '../../erlang/index.js';

/** The question asked of every interval: a `solveAgents` request without the per-interval load, AHT and patience. */
export type StaffRequest = Omit<StaffingRequest, 'erlangs' | 'ahtSeconds' | 'patienceSeconds'>;

export interface StaffChunkInput {
  request: StaffRequest;
  /** offered load per interval, erlangs */
  erlangs: Float64Array;
  /** mean handle time per interval, seconds */
  aht: Float64Array;
  /** mean patience per interval, seconds (Erlang A); NaN: none */
  patience: Float64Array;
}

/** Per interval, in this order, `STAFF_FIELDS.length` numbers. */
export const STAFF_FIELDS = [
  'requiredAgents', 'requiredStaff', 'requiredStaffRounded', 'pWait', 'serviceLevel', 'slAnswered', 'asa', 'meanWait',
  'pAbandon', 'answerRate', 'occupancy',
] as const;

/** Binding targets as bits, in `solveAgents`' order. */
export const BINDING_BITS: readonly StaffingTarget[] = ['sl', 'asa', 'abandon', 'occupancy'];

export interface StaffChunkOutput {
  /** n × STAFF_FIELDS.length numbers, interval-major */
  values: Float64Array;
  /** per interval: bit b set when BINDING_BITS[b] binds */
  binding: Uint8Array;
}

export function staffChunk(input: StaffChunkInput): StaffChunkOutput {
  const n = input.erlangs.length;
  const width = STAFF_FIELDS.length;
  const values = new Float64Array(n * width);
  const binding = new Uint8Array(n);
  const q = input.request;
  for (let i = 0; i < n; i++) {
    const p = input.patience[i]!;
    const r = solveAgents({
      model: q.model, erlangs: input.erlangs[i]!, ahtSeconds: input.aht[i]!, targetSeconds: q.targetSeconds,
      patienceSeconds: Number.isNaN(p) ? undefined : p,
      slTarget: q.slTarget, asaTarget: q.asaTarget, abandonTarget: q.abandonTarget, maxOccupancy: q.maxOccupancy,
      shrinkage: q.shrinkage, maxAgents: q.maxAgents,
    });
    const f = r.figures;
    const o = i * width;
    values[o] = r.requiredAgents; values[o + 1] = r.requiredStaff; values[o + 2] = r.requiredStaffRounded;
    values[o + 3] = f.pWait; values[o + 4] = f.serviceLevel; values[o + 5] = f.slAnswered; values[o + 6] = f.asa;
    values[o + 7] = f.meanWait; values[o + 8] = f.pAbandon; values[o + 9] = f.answerRate; values[o + 10] = f.occupancy;
    let bits = 0;
    for (const t of r.binding) bits |= 1 << BINDING_BITS.indexOf(t);
    binding[i] = bits;
  }
  return { values, binding };
}

export const handlers = {
  'staff-chunk': staffChunk,
};
