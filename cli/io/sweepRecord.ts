/**
 * The record beside a sweep's results file, `OUT.sweep.json`: the sweep's identity (a hash of
 * everything that decides its numbers, scenarios/studies/sweep/identity.ts — the hash the Redis
 * backend names its jobs by — with its parts),
 * its cell count, and its state — `running` while rows are appended, then `complete` (every
 * cell in the file, in cell order), `interrupted` (Ctrl-C), or `failed`. The results file stays
 * a plain CSV / JSON-lines file; the record says whether it is whole. A file whose record is
 * missing or not `complete` is not a finished sweep (a SIGKILL leaves `running`).
 *
 * `--resume` continues a file only under the same identity (any difference is refused, naming
 * the option), and only when it is not complete (a complete file is said to be so).
 * The record is written atomically (temporary file + rename).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SweepIdentity } from '../../scenarios/studies/sweep/identity.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';

export type SweepState = 'running' | 'complete' | 'interrupted' | 'failed';

/** The parts of an identity, by name, as text (scenarios/studies/sweep/identity.ts). */
type IdentityFields = Readonly<Record<string, string>>;

export interface SweepRecord {
  ccsim: 'sweep';
  /** the identity's hash */
  identity: string;
  fields: IdentityFields;
  /** cells of the grid */
  cells: number;
  state: SweepState;
  /** the results file's format */
  format: 'csv' | 'jsonl';
}

/** The record of a results file. */
export const recordPathOf = (out: string): string => `${out}.sweep.json`;

/** Reads the record of `out`; undefined when there is none. @throws {InputError} a record that is not one */
export function readRecord(out: string): SweepRecord | undefined {
  const path = recordPathOf(out);
  if (!existsSync(path)) return undefined;
  let r: Partial<SweepRecord>;
  try {
    r = JSON.parse(readFileSync(path, 'utf8')) as Partial<SweepRecord>;
  } catch {
    throw new InputError(`${path} is not a sweep record (not JSON); delete ${out} and it to start over`);
  }
  if (r?.ccsim !== 'sweep' || typeof r.identity !== 'string' || typeof r.fields !== 'object' || r.fields === null) {
    throw new InputError(`${path} is not a sweep record; delete ${out} and it to start over`);
  }
  return r as SweepRecord;
}

/** Writes the record of `out` (atomically). */
export function writeRecord(out: string, identity: SweepIdentity, cells: number, format: 'csv' | 'jsonl', state: SweepState): void {
  const record: SweepRecord = { ccsim: 'sweep', identity: identity.hash, fields: identity.fields, cells, state, format };
  writeFileAtomic(recordPathOf(out), `${JSON.stringify(record, null, 2)}\n`, 'the sweep record');
}

/** How each identity field is named to the user (an unknown field by its own name). */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  model: '--model',
  replications: '--replications',
  seed: '--seed',
  sets: '--set',
  axes: '--vary',
  shiftBasis: '--shift-basis',
  levers: '--shift-conversion',
  warmupSeconds: 'simulation.warmupSeconds',
  scenario: 'the scenario\'s data',
  engine: 'the engine version',
};

/** Fields that differ between two identities, in the order the user's options come first. */
function differences(a: IdentityFields, b: IdentityFields): string[] {
  const order = ['model', 'replications', 'seed', 'sets', 'axes', 'shiftBasis', 'levers', 'warmupSeconds', 'scenario', 'engine'];
  const keys = [...new Set([...order, ...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => (k in a || k in b) && a[k] !== b[k]);
}

const shortValue = (v: string): string => (v.length > 60 ? `${v.slice(0, 57)}...` : v);

/** A field's value as the user typed it: axes as `staff=-0.2,-0.1,0` (long ones as `from…to (n values)`), sets as `a=1 b=2`. */
function display(k: string, v: string | undefined): string {
  if (v === undefined) return '(none)';
  try {
    if (k === 'levers') {
      const levers = JSON.parse(v) as { lever: string; value: number; channel?: string }[];
      return levers.length === 0 ? '(none)' : levers.map((l) => `${l.lever}${l.channel ? `.${l.channel}` : ''}=${l.value}`).join(' ');
    }
    if (k === 'axes') {
      const axes = JSON.parse(v) as { name: string; values: number[] }[];
      return axes.map((a) => `${a.name}=${a.values.length > 4 ? `${a.values[0]}…${a.values[a.values.length - 1]} (${a.values.length} values)` : a.values.join(',')}`).join(' ');
    }
    if (k === 'sets') {
      const sets = JSON.parse(v) as string[];
      return sets.length === 0 ? '(none)' : shortValue(sets.join(' '));
    }
    if (v.startsWith('"')) return shortValue(JSON.parse(v) as string); // a seed given as text
  } catch { /* a hand-edited record: show it raw */ }
  return shortValue(v);
}

/**
 * Whether `out` may be resumed by the sweep of `identity`: 'continue', or 'complete' when
 * its record says every cell is there.
 * @throws {InputError} no record, or another experiment's record (naming each option that differs)
 */
export function checkResume(out: string, record: SweepRecord | undefined, identity: SweepIdentity): 'continue' | 'complete' {
  if (!record) {
    throw new InputError(`--resume: ${out} has no sweep record (${recordPathOf(out)}), so nothing shows it was written by this experiment; delete it to start over, or give another --out`);
  }
  const differ = differences(record.fields, identity.fields);
  if (differ.length > 0 || record.identity !== identity.hash) {
    const parts = differ.map((k) => (k === 'scenario'
      ? `${FIELD_NAMES[k]} differ (the file's values or formulas changed)`
      : `${FIELD_NAMES[k] ?? k} ${display(k, record.fields[k])} there, ${display(k, identity.fields[k])} here`));
    throw new InputError(`--resume: ${out} holds another experiment (${parts.join('; ') || 'its identity differs'}); resume with the options that wrote it, or give another --out`);
  }
  return record.state === 'complete' ? 'complete' : 'continue';
}
