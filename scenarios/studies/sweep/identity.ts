/**
 * A sweep's identity: the fields that decide its numbers, named, and one content hash over
 * them. Equal hashes mean the same cells with the same bytes, so a re-run can find what an
 * earlier run finished (a Redis backend names its keys and jobs by the hash).
 *
 * Fields: `scenario` (a hash of the scenario's parsed data: its text's meaning, not its file
 * name or formatting), `sets`, `axes` (names and values), `model`, `replications`, `seed`,
 * `warmupSeconds`, and `engine` (ENGINE_VERSION: another version may compute other numbers).
 * @example sweepIdentity(spec).hash // '3f9a0c1d2e4b5a69'
 */
import { createHash } from 'node:crypto';
import { ENGINE_VERSION } from '../../../engine/version.js';
import { exactStringify } from './exactJson.js';
import type { SweepSpec } from './spec.js';

export interface SweepIdentity {
  /** 16 hex digits of SHA-256 over the fields */
  hash: string;
  /** what went into the hash, each as text */
  fields: Readonly<Record<string, string>>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function sweepIdentity(spec: SweepSpec): SweepIdentity {
  const fields = {
    scenario: sha256(exactStringify(spec.def.raw, true)).slice(0, 16),
    sets: exactStringify(spec.def.sets),
    axes: exactStringify(spec.def.axes.map((a) => ({ name: a.name, kind: a.kind, values: a.values }))),
    // what shift.FROM:TO axes move, and the levers every cell gets (--shift-basis, --shift-conversion)
    shiftBasis: spec.def.shiftBasis ?? 'arrivals',
    levers: exactStringify((spec.def.levers ?? []).map((l) => ({ lever: l.lever, mode: l.mode, value: l.value, ...('channel' in l ? { channel: l.channel } : {}) }))),
    model: spec.model,
    replications: String(spec.replications),
    seed: exactStringify(spec.seed),
    warmupSeconds: exactStringify(spec.warmupSeconds),
    engine: ENGINE_VERSION,
  };
  return { hash: sha256(exactStringify(fields, true)).slice(0, 16), fields };
}
