/**
 * `ccsim erlang --batch`: JSON lines in, JSON lines out, in input order (docs/batch.md; the
 * field names are the `erlang` flags' keys, docs/vocabulary.md).
 *
 * Input, one object per line:
 *   {"id": any, "model": "erlang-b"|"erlang-c"|"erlang-a"|"mmng", "agents": int ≥ 0,
 *    "erlangs": ≥ 0 | "arrivalRate": per second ≥ 0 (load = arrivalRate·aht)
 *      | "calls": ≥ 0 with "intervalSeconds": > 0 (load = calls / intervalSeconds · aht),
 *    "aht": s > 0, "targetSeconds": s ≥ 0 (default 20),
 *    "patience": mean s > 0 [with "patienceDist": "exponential"|"deterministic"|"lognormal"|"gamma"|
 *                "erlang"|"weibull" and "patienceCv": > 0, as the --patience-… flags]
 *              | a whole distribution, e.g. {"kind": "mixture", "components": [{"weight": 0.2, "kind":
 *                "exponential", "mean": 5}, {"weight": 0.8, "kind": "lognormal", "mean": 150, "cv": 1}]},
 *    "solve": "agents" (then no "agents") with any of "slTarget" (0,1), "asaTarget" s > 0,
 *    "abandonTarget" (0,1], "maxOccupancy" (0,1], "shrinkage" [0,1), "maxAgents" int ≥ 1}
 * `model` may be left out: erlang-c without patience, erlang-a for exponential patience, mmng
 * (M/M/N+G, exact for any patience distribution) for any other; "mmng" forces the general
 * kernel even for exponential patience. The old field name "target" still works for one
 * release (DEPRECATED_BATCH_FIELDS; the run warns once).
 *
 * Output, one object per non-blank input line:
 *   erlang-b:   {"id","model","agents","erlangs","blocking"}
 *   erlang-c/a, mmng: {"id","model","agents","erlangs","pWait","serviceLevel","slAnswered","asa",
 *                "meanWait","pAbandon","answerRate","occupancy"}; erlang-a and mmng add
 *                "pAbandonGivenWait" after "pAbandon"
 *   solve adds  "requiredAgents","requiredStaff" ("agents" is then the required agents).
 * An infinite figure is `null`. A bad line gives {"id": id or null, "error": "line N: …"}
 * naming the field, the value and the allowed range; later lines go on. Blank lines are skipped.
 *
 * Robustness: the `id` is echoed back as its raw text from the line (whatever JSON it is),
 * never parsed and re-serialised, so any id comes back byte for byte and no id can overflow a
 * stack. A line longer than MAX_BATCH_LINE_CHARS, nested deeper than MAX_BATCH_DEPTH, or with a
 * key given twice is an error of that line only. A byte-order mark before the first line is
 * ignored. Output bytes do not depend on the number of workers (the same per-line function).
 *
 * The per-line work (`evaluateBatchRecord`, `evaluateBatchLine`) is pure and synchronous: a
 * worker thread can run it on slices of lines (issue 5). `runBatch` is the streaming driver.
 */
import type { Readable } from 'node:stream';
import { erlangB, erlangCFigures, erlangAFigures, mmngFigures, patienceCurve, solveAgents, type PatienceCurve } from '../../engine/erlang/index.js';
import type { DistributionSpec } from '../../engine/rng/index.js';
import { distributionKind, parseSpec, RANGE_CV, specFor } from '../io/distributions.js';
import { jsonNumber } from '../format/json.js';
import { capLongLines, lineBatches } from '../io/lines.js';
import { ChunkWriter, type WritableLike } from '../io/output.js';
import { checkNumber, RANGES, show, type Range } from '../io/fields.js';
import { DEPRECATED_BATCH_FIELDS } from '../vocabulary.js';

export type BatchModel = 'erlang-b' | 'erlang-c' | 'erlang-a' | 'mmng';

/** The figures of one good line, keys as in docs/figures.md; absent keys do not apply to the model. */
export interface BatchFigures {
  id: unknown;
  model: BatchModel;
  agents: number;
  erlangs: number;
  blocking?: number;
  pWait?: number;
  serviceLevel?: number;
  slAnswered?: number;
  asa?: number;
  meanWait?: number;
  pAbandon?: number;
  /** erlang-a, mmng: P(abandon | wait) */
  pAbandonGivenWait?: number;
  answerRate?: number;
  occupancy?: number;
  requiredAgents?: number;
  requiredStaff?: number;
}

/**
 * One line's outcome: its figures, or an error naming what is wrong; `deprecated` names an
 * old field spelling the line used (the run warns once).
 */
export type BatchResult = ({ state: 'ok'; figures: BatchFigures } | { state: 'error'; id: unknown; error: string }) & { deprecated?: string };

/** Input fields, in the order docs/batch.md lists them. */
export const BATCH_FIELDS = [
  'id', 'model', 'agents', 'erlangs', 'arrivalRate', 'calls', 'intervalSeconds', 'aht', 'targetSeconds', 'patience', 'patienceDist', 'patienceCv', 'solve',
  'slTarget', 'asaTarget', 'abandonTarget', 'maxOccupancy', 'shrinkage', 'maxAgents',
] as const;
const FIELDS = new Set<string>(BATCH_FIELDS);
const FIELD_LIST = BATCH_FIELDS.join(', ');
/** Old field names still accepted (DEPRECATED_BATCH_FIELDS), as a list for the per-line check. */
const OLD_FIELDS: readonly string[] = Object.keys(DEPRECATED_BATCH_FIELDS);
/** Service-level threshold when a line gives none, seconds (as `--target-seconds`). */
const DEFAULT_TARGET_SECONDS = 20;

/** Longest batch line, characters; a longer line is an error of its own (not read beyond its first MAX + 1 characters). */
export const MAX_BATCH_LINE_CHARS = 65_536;
/** Deepest nesting of arrays and objects in a line (the record itself is depth 1). */
export const MAX_BATCH_DEPTH = 64;

/** Thrown inside evaluation only; caught and turned into an error result. */
class LineError extends Error {}

function need(rec: Record<string, unknown>, name: string, range: Range, why: string): number {
  const v = rec[name];
  if (v === undefined) throw new LineError(`missing field "${name}" (${why})`);
  return checkNumber(name, v, range);
}

function optional(rec: Record<string, unknown>, name: string, range: Range): number | undefined {
  const v = rec[name];
  return v === undefined || v === null ? undefined : checkNumber(name, v, range);
}

/**
 * Evaluates one parsed input object. Pure: no I/O, no shared state.
 * @example evaluateBatchRecord({ id: 1, model: 'erlang-c', agents: 14, erlangs: 10, aht: 180, targetSeconds: 20 })
 * // { state: 'ok', figures: { id: 1, model: 'erlang-c', agents: 14, erlangs: 10, pWait: 0.1741…, serviceLevel: 0.88835…, … } }
 */
export function evaluateBatchRecord(record: unknown): BatchResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { state: 'error', id: null, error: `expected a JSON object, got ${show(record)}` };
  }
  let rec = record as Record<string, unknown>;
  const id = rec.id === undefined ? null : rec.id;
  let deprecated: string | undefined;
  for (let i = 0; i < OLD_FIELDS.length; i++) {
    const old = OLD_FIELDS[i]!;
    if (rec[old] === undefined) continue;
    const now = DEPRECATED_BATCH_FIELDS[old]!;
    if (now in rec) return { state: 'error', id, error: `give "${now}" once: "${old}" is its old name` };
    const { [old]: value, ...rest } = rec;
    rec = { ...rest, [now]: value };
    deprecated = old;
  }
  const dep = deprecated === undefined ? {} : { deprecated };
  try {
    return { state: 'ok', figures: evaluateChecked(rec, id), ...dep };
  } catch (err) {
    return { state: 'error', id, error: err instanceof Error ? err.message : String(err), ...dep };
  }
}

/** The patience of a line: a mean (with "patienceDist"/"patienceCv") or a whole distribution; undefined when absent. */
function patienceOf(rec: Record<string, unknown>): DistributionSpec | undefined {
  const p = rec.patience;
  if (p !== null && typeof p === 'object') {
    if (rec.patienceDist !== undefined || rec.patienceCv !== undefined) {
      throw new LineError('"patience" is a whole distribution here; drop "patienceDist" and "patienceCv"');
    }
    return parseSpec('patience', p);
  }
  if (p === undefined) {
    if (rec.patienceDist !== undefined || rec.patienceCv !== undefined) {
      throw new LineError('"patienceDist" and "patienceCv" need "patience" (mean patience, seconds)');
    }
    return undefined;
  }
  const mean = checkNumber('patience', p, RANGES.positiveSeconds);
  const cv = optional(rec, 'patienceCv', RANGE_CV);
  const kind = rec.patienceDist === undefined ? (cv === undefined || cv === 1 ? 'exponential' : 'lognormal') : distributionKind('patienceDist', rec.patienceDist);
  return specFor('patienceDist', kind, mean, cv ?? 1);
}

/** Curves by distribution, reused across lines (a curve remembers its patience functions at the kernel's nodes). */
const curves = new Map<string, PatienceCurve>();
function curveFor(spec: DistributionSpec): PatienceCurve {
  const key = JSON.stringify(spec);
  let c = curves.get(key);
  if (c === undefined) {
    if (curves.size >= 64) curves.clear();
    c = patienceCurve(spec, 'patience');
    curves.set(key, c);
  }
  return c;
}

function evaluateChecked(rec: Record<string, unknown>, id: unknown): BatchFigures {
  for (const key in rec) {
    if (!FIELDS.has(key)) throw new LineError(`unknown field "${key}"; allowed fields: ${FIELD_LIST}`);
  }
  let model: BatchModel;
  const m = rec.model;
  const patienceSpec = m === 'erlang-b' ? undefined : patienceOf(rec);
  if (m === 'erlang-c' || m === 'erlang-a' || m === 'erlang-b' || m === 'mmng') model = m;
  else if (m === undefined) model = patienceSpec === undefined ? 'erlang-c' : patienceSpec.kind === 'exponential' ? 'erlang-a' : 'mmng';
  else throw new LineError(`model must be "erlang-b", "erlang-c", "erlang-a" or "mmng", got ${show(m)}`);
  if (model === 'erlang-a' && patienceSpec !== undefined && patienceSpec.kind !== 'exponential') {
    throw new LineError(`model "erlang-a" assumes exponential patience, got ${patienceSpec.kind}; drop "model" (mmng takes any distribution)`);
  }

  const solve = rec.solve;
  if (solve !== undefined && solve !== 'agents') throw new LineError(`solve must be "agents", got ${show(solve)}`);
  if (solve !== undefined && model === 'erlang-b') {
    throw new LineError('solve applies to "erlang-c" or "erlang-a" only; for erlang-b give "agents"');
  }
  if (solve !== undefined && rec.agents !== undefined) {
    throw new LineError('give either "agents" or "solve": "agents", not both');
  }

  // Load: erlangs, arrivalRate × aht, or calls / intervalSeconds × aht (no allocation on the good path).
  const load = rec.erlangs !== undefined ? 'erlangs' : rec.arrivalRate !== undefined ? 'arrivalRate' : rec.calls !== undefined ? 'calls' : undefined;
  if ((rec.erlangs !== undefined ? 1 : 0) + (rec.arrivalRate !== undefined ? 1 : 0) + (rec.calls !== undefined ? 1 : 0) > 1) {
    const given = (['erlangs', 'arrivalRate', 'calls'] as const).filter((k) => rec[k] !== undefined);
    throw new LineError(`give one load: "erlangs", "arrivalRate" or "calls" (with "intervalSeconds"), not ${given.map((k) => `"${k}"`).join(' and ')}`);
  }
  if (load === undefined) throw new LineError('missing field "erlangs" (offered load), "arrivalRate" (per second, with "aht") or "calls" (per interval, with "intervalSeconds" and "aht")');
  if (rec.intervalSeconds !== undefined && load !== 'calls') throw new LineError('"intervalSeconds" applies only with "calls" (calls offered per interval)');
  const needAht = model !== 'erlang-b' || load !== 'erlangs';
  const aht = needAht ? need(rec, 'aht', RANGES.positiveSeconds, 'average handle time, seconds') : 0;
  const erlangs = load === 'erlangs'
    ? checkNumber('erlangs', rec.erlangs, RANGES.erlangs)
    : load === 'arrivalRate'
      ? checkNumber('arrivalRate', rec.arrivalRate, RANGES.arrivalRate) * aht
      : (checkNumber('calls', rec.calls, RANGES.calls) / need(rec, 'intervalSeconds', RANGES.positiveSeconds, 'interval length, seconds, with "calls"')) * aht;

  if (model === 'erlang-b') {
    const agents = need(rec, 'agents', RANGES.agents, 'agents on duty');
    return { id, model, agents, erlangs, blocking: erlangB(agents, erlangs) };
  }

  const target = rec.targetSeconds === undefined ? DEFAULT_TARGET_SECONDS : checkNumber('targetSeconds', rec.targetSeconds, RANGES.seconds);
  if ((model === 'erlang-a' || model === 'mmng') && patienceSpec === undefined) {
    throw new LineError(`missing field "patience" (mean patience, seconds, or a whole distribution) for ${model}`);
  }
  const patience = model === 'erlang-a' ? (patienceSpec as { mean: number }).mean : undefined;
  const curve = model === 'mmng' ? curveFor(patienceSpec!) : undefined;

  if (solve === undefined) {
    if (rec.slTarget !== undefined || rec.asaTarget !== undefined || rec.abandonTarget !== undefined
      || rec.maxOccupancy !== undefined || rec.shrinkage !== undefined || rec.maxAgents !== undefined) {
      throw new LineError('"slTarget", "asaTarget", "abandonTarget", "maxOccupancy", "shrinkage" and "maxAgents" apply only with "solve": "agents"');
    }
    const agents = need(rec, 'agents', RANGES.agents, 'agents on duty, or "solve": "agents"');
    const f = model === 'erlang-a' ? erlangAFigures(agents, erlangs, aht, patience as number, target)
      : curve ? mmngFigures(agents, erlangs, aht, curve, target) : erlangCFigures(agents, erlangs, aht, target);
    return {
      id, model, agents, erlangs,
      pWait: f.pWait, serviceLevel: f.serviceLevel, slAnswered: f.slAnswered, asa: f.asa, meanWait: f.meanWait,
      pAbandon: f.pAbandon, ...('pAbandonGivenWait' in f ? { pAbandonGivenWait: f.pAbandonGivenWait as number } : {}), answerRate: f.answerRate, occupancy: f.occupancy,
    };
  }

  const slTarget = optional(rec, 'slTarget', RANGES.openFraction);
  const asaTarget = optional(rec, 'asaTarget', RANGES.positiveSeconds);
  const abandonTarget = optional(rec, 'abandonTarget', RANGES.ceilingFraction);
  const maxOccupancy = optional(rec, 'maxOccupancy', RANGES.ceilingFraction);
  const shrinkage = optional(rec, 'shrinkage', RANGES.shrinkage);
  const maxAgents = optional(rec, 'maxAgents', RANGES.maxAgents);
  if (slTarget === undefined && asaTarget === undefined && abandonTarget === undefined && maxOccupancy === undefined) {
    throw new LineError('"solve": "agents" needs at least one of "slTarget", "asaTarget", "abandonTarget", "maxOccupancy"');
  }
  if (abandonTarget !== undefined && model === 'erlang-c') {
    throw new LineError('"abandonTarget" needs "patience" (erlang-a or mmng); erlang-c has no abandonment');
  }
  const r = solveAgents({
    model, erlangs, ahtSeconds: aht, targetSeconds: target, patienceSeconds: patience, ...(patienceSpec && model === 'mmng' ? { patience: patienceSpec } : {}),
    slTarget, asaTarget, abandonTarget, maxOccupancy, shrinkage, maxAgents,
  });
  const f = r.figures;
  return {
    id, model, agents: r.requiredAgents, erlangs,
    pWait: f.pWait, serviceLevel: f.serviceLevel, slAnswered: f.slAnswered, asa: f.asa, meanWait: f.meanWait,
    pAbandon: f.pAbandon, ...('pAbandonGivenWait' in f ? { pAbandonGivenWait: f.pAbandonGivenWait as number } : {}), answerRate: f.answerRate, occupancy: f.occupancy,
    requiredAgents: r.requiredAgents, requiredStaff: r.requiredStaff,
  };
}

/**
 * One result as a JSON line (without the newline); infinite numbers become null.
 * @param idText the id's raw JSON text from the input line (echoed as is); default: the id serialised
 */
export function serializeBatchResult(result: BatchResult, idText?: string): string {
  if (result.state === 'error') return `{"id":${idText ?? jsonId(result.id)},"error":${JSON.stringify(result.error)}}`;
  const f = result.figures;
  const head = `{"id":${idText ?? jsonId(f.id)},"model":"${f.model}","agents":${jsonNumber(f.agents)},"erlangs":${jsonNumber(f.erlangs)}`;
  if (f.model === 'erlang-b') return `${head},"blocking":${jsonNumber(f.blocking as number)}}`;
  const body =
    `${head},"pWait":${jsonNumber(f.pWait as number)},"serviceLevel":${jsonNumber(f.serviceLevel as number)}` +
    `,"slAnswered":${jsonNumber(f.slAnswered as number)},"asa":${jsonNumber(f.asa as number)}` +
    `,"meanWait":${jsonNumber(f.meanWait as number)},"pAbandon":${jsonNumber(f.pAbandon as number)}` +
    (f.pAbandonGivenWait === undefined ? '' : `,"pAbandonGivenWait":${jsonNumber(f.pAbandonGivenWait)}`) +
    `,"answerRate":${jsonNumber(f.answerRate as number)},"occupancy":${jsonNumber(f.occupancy as number)}`;
  if (f.requiredAgents === undefined) return `${body}}`;
  return `${body},"requiredAgents":${jsonNumber(f.requiredAgents)},"requiredStaff":${jsonNumber(f.requiredStaff as number)}}`;
}

function jsonId(id: unknown): string {
  if (typeof id === 'number') return jsonNumber(id);
  if (typeof id === 'string') return JSON.stringify(id);
  try {
    return JSON.stringify(id) ?? 'null';
  } catch {
    return 'null'; // an id too deep to serialise (only from library callers: lines echo their raw text)
  }
}

/** What a scan of a line found: its depth, its top-level keys, the raw text of the top-level `id`. */
interface LineScan {
  depth: number;
  /** keys of the top-level object, duplicates included (JSON.parse keeps one of each) */
  keys: number;
  idText?: string;
}

/** Index of the quote closing the string that opens at `open`, or the line's length. */
function closingQuote(line: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const q = line.indexOf('"', from);
    if (q < 0) return line.length;
    let backslashes = 0;
    while (line.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if ((backslashes & 1) === 0) return q;
    from = q + 1;
  }
}

/**
 * One pass over a JSON line without recursion or allocation (strings are skipped with
 * `indexOf`): the deepest nesting, the number of top-level keys, and the raw text of the
 * top-level `id` value. Meaningful for valid JSON (checked by JSON.parse after the depth);
 * tolerant of anything else.
 */
function scanLine(line: string): LineScan {
  const n = line.length;
  let depth = 0;
  let max = 0;
  let topObject = false;
  let expectKey = false;
  let keys = 0;
  let isId = false;
  let valueStart = -1;
  let idText: string | undefined;
  const escapes = line.indexOf('\\') >= 0; // rare: then keys are decoded (an id written "\u0069d")
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) { // "
      const j = closingQuote(line, i);
      if (depth === 1 && topObject && expectKey) {
        keys++;
        expectKey = false;
        isId = escapes ? keyText(line, i, j) === 'id' : j - i === 3 && line.charCodeAt(i + 1) === 105 && line.charCodeAt(i + 2) === 100; // "id"
      }
      i = j;
    } else if (c === 123 || c === 91) { // { [
      if (depth === 0) {
        topObject = c === 123;
        expectKey = topObject;
      }
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) { // } ]
      if (depth === 1 && isId && valueStart >= 0) idText = line.slice(valueStart, i).trim();
      depth--;
    } else if (depth === 1 && topObject) {
      if (c === 58) valueStart = i + 1; // :
      else if (c === 44) { // ,
        if (isId && valueStart >= 0) idText = line.slice(valueStart, i).trim();
        expectKey = true;
        isId = false;
        valueStart = -1;
      }
    }
  }
  return idText === undefined ? { depth: max, keys } : { depth: max, keys, idText };
}

/** The text of the key string at `open`…`close` (escapes decoded). */
function keyText(line: string, open: number, close: number): string {
  try {
    return JSON.parse(line.slice(open, close + 1)) as string;
  } catch {
    return line.slice(open + 1, close);
  }
}

/** The first top-level key given twice in a line (only called when there is one). */
function duplicateKey(line: string): string {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) {
      const j = closingQuote(line, i);
      if (depth === 1 && expectKey) {
        const k = keyText(line, i, j);
        if (seen.has(k)) return k;
        seen.add(k);
        expectKey = false;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      if (++depth === 1) expectKey = c === 123;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 44 && depth === 1) expectKey = true;
  }
  return '?';
}

/** One input line's output: the JSON text (no newline) and whether it is an error object. */
export interface BatchLineOutput {
  text: string;
  failed: boolean;
  /** an old field spelling the line used */
  deprecated?: string;
}

/**
 * One input line → one output line, or undefined for a blank line. Pure; the unit of work a
 * worker thread would run. Error messages are prefixed with `line <lineNo>: `.
 * @example evaluateBatchLine('{"id":7,"model":"erlang-b","agents":2,"erlangs":1}', 1)
 * // { text: '{"id":7,"model":"erlang-b","agents":2,"erlangs":1,"blocking":0.2}', failed: false }
 */
export function evaluateBatchLine(line: string, lineNo: number): BatchLineOutput | undefined {
  if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1); // a byte-order mark (spreadsheet exports)
  if (line.length > MAX_BATCH_LINE_CHARS) return refused(lineNo, `longer than ${MAX_BATCH_LINE_CHARS} characters (the limit of a batch line)`);
  let record: unknown;
  try {
    record = JSON.parse(line); // iterative in V8: any depth within the length limit parses
  } catch (err) {
    if (line.trim() === '') return undefined;
    const why = err instanceof Error ? err.message : String(err);
    return refused(lineNo, `not valid JSON (${why})`);
  }
  const isRecord = typeof record === 'object' && record !== null && !Array.isArray(record);
  // The fast scan holds only for a line whose keys are all distinct (then the text is as flat as
  // the record); anything else, duplicates included, gets the exact character scan.
  let scan = isRecord ? flatScan(line, record as Record<string, unknown>) : undefined;
  if (scan && scan.keys !== Object.keys(record as object).length) scan = undefined;
  scan ??= scanLine(line);
  if (scan.depth > MAX_BATCH_DEPTH) return refused(lineNo, `nested ${scan.depth} levels deep, more than the ${MAX_BATCH_DEPTH} allowed in a batch line`);
  const idText = isRecord ? (scan.idText ?? 'null') : 'null';
  // JSON.parse keeps one value per key: fewer keys than the line names means one was given twice.
  if (isRecord && Object.keys(record as object).length !== scan.keys) {
    return refused(lineNo, `the key ${JSON.stringify(duplicateKey(line))} is given twice; give each field once`, idText);
  }
  const result = evaluateBatchRecord(record);
  if (result.state === 'error') result.error = `line ${lineNo}: ${result.error}`;
  const out: BatchLineOutput = { text: serializeBatchResult(result, idText), failed: result.state === 'error' };
  if (result.deprecated !== undefined) out.deprecated = result.deprecated;
  return out;
}

/** A line's error object. */
function refused(lineNo: number, why: string, idText = 'null'): BatchLineOutput {
  return { text: `{"id":${idText},"error":${JSON.stringify(`line ${lineNo}: ${why}`)}}`, failed: true };
}

/**
 * The scan of the common line — a flat record (no value is an object or a list) with no
 * backslash — from a few native searches instead of a character loop: every quote then
 * delimits a key or a string value, so the keys the text names are quotes / 2 − string
 * values; the id's text follows `"id":`. Undefined for any other line; the caller also drops
 * the result when its key count shows a duplicate (the text may then hold a dropped nested value).
 * Costs ~9% of a line's evaluation (CPU profile of 1.2 M lines).
 */
function flatScan(line: string, rec: Record<string, unknown>): LineScan | undefined {
  let strings = 0;
  for (const k in rec) {
    const v = rec[k];
    if (typeof v === 'string') strings++;
    else if (typeof v === 'object' && v !== null) return undefined;
  }
  if (line.indexOf('\\') >= 0) return undefined;
  let quotes = 0;
  for (let q = line.indexOf('"'); q >= 0; q = line.indexOf('"', q + 1)) quotes++;
  const keys = quotes / 2 - strings;
  if (rec.id === undefined) return { depth: 1, keys };
  const at = line.indexOf('"id"');
  if (at < 0) return undefined;
  let start = at + 4;
  while (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9) start++;
  if (line.charCodeAt(start) !== 58) return undefined; // "id" as a value, or an odd spelling: the full scan
  start++;
  while (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9) start++;
  let end = start;
  if (line.charCodeAt(start) === 34) end = line.indexOf('"', start + 1) + 1;
  else while (end < line.length && line.charCodeAt(end) !== 44 && line.charCodeAt(end) !== 125) end++;
  return { depth: 1, keys, idText: line.slice(start, end).trim() };
}

/** Counts of a finished batch run. */
export interface BatchSummary {
  /** non-blank lines read */
  lines: number;
  /** lines answered with an error object */
  failed: number;
  /** old field spellings seen (each once) */
  deprecated: string[];
}

/**
 * Streams JSON lines from `input` to `output`, in order, one output line per non-blank input
 * line. Output is gathered into ~64 K-character chunks and waits on backpressure.
 * @param input a string-mode stream (see `openTextInput`)
 */
export async function runBatch(input: Readable | AsyncIterable<string>, output: WritableLike): Promise<BatchSummary> {
  const writer = new ChunkWriter(output);
  let lineNo = 0;
  let lines = 0;
  let failed = 0;
  const deprecated: string[] = [];
  for await (const batch of lineBatches(capLongLines(input, MAX_BATCH_LINE_CHARS))) {
    for (let i = 0; i < batch.length; i++) {
      lineNo++;
      const out = evaluateBatchLine(batch[i] as string, lineNo);
      if (out === undefined) continue;
      lines++;
      if (out.failed) failed++;
      if (out.deprecated !== undefined && !deprecated.includes(out.deprecated)) deprecated.push(out.deprecated);
      if (writer.push(`${out.text}\n`)) await writer.flush();
    }
  }
  await writer.flush();
  return { lines, failed, deprecated };
}
