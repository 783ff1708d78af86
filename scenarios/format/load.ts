/**
 * Scenario loading: text (YAML or JSON) → `--set` overrides → formulas → schema → cross-field
 * checks → a typed `Scenario`. Every problem is collected, each with its path and value;
 * nothing stops at the first. Pure apart from reading the file (`loadScenarioFile`).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseDocument, parse as parseYaml } from 'yaml';
import type { $ZodIssue } from 'zod/v4/core';
import { formatPath, parsePath, resolvePath, setAt, getAt } from './paths.js';
import { formulaBudget, loadFormulaEngine } from './formula.js';
import { CURVE_KEYS, KNOWN_KEYS, TEXT_KEYS, scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';
import { crossCheck } from './check.js';
import { setParameter } from './parameters.js';
import { ScenarioError, type Problem } from './problems.js';

export type LoadResult =
  | { state: 'valid'; scenario: Scenario; formulas: number; raw: unknown; notes: string[] }
  | { state: 'invalid'; problems: Problem[] };

/** A `--set` override as given: `path=value` (the value read as a YAML scalar). */
export type SetOverride = string;

/**
 * Largest scenario file read by default, bytes (4 MiB; the baseline is ~12 KB). Checked before
 * the file is read or parsed; `loadScenarioFile`'s `maxBytes` (the CLI's `--max-file-mb`) raises it.
 */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** Options of the loaders. */
export interface LoadOptions {
  /** largest file or text accepted, bytes (default MAX_SCENARIO_BYTES) */
  maxBytes?: number;
}

/** The size limit as a problem: names the size, the limit and the way to raise it. */
function tooLarge(bytes: number, maxBytes: number): Problem {
  const mb = (x: number) => `${(x / 1024 / 1024).toPrecision(3)} MB`;
  return { path: '(file)', message: `is ${mb(bytes)}, more than the ${mb(maxBytes)} limit for scenario files; raise it with --max-file-mb if the file is meant to be this large` };
}

function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

/** The closest known key, if close enough to be a likely typo or a wrong unit. */
export function suggestKey(key: string, known: readonly string[] = KNOWN_KEYS): string | undefined {
  const unitSwap = key.replace(/(Minutes|Mins|Min|Ms|Milliseconds|Hours|Secs|Sec)$/, 'Seconds');
  if (unitSwap !== key && known.includes(unitSwap)) return unitSwap;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = levenshtein(key, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

/** Parses YAML or JSON text; syntax errors become problems with line and column; a text over `maxBytes` is refused unparsed. */
export function parseScenarioText(text: string, options: LoadOptions = {}): { data: unknown } | { problems: Problem[] } {
  const maxBytes = options.maxBytes ?? MAX_SCENARIO_BYTES;
  // UTF-8 takes at least one byte per UTF-16 unit: a text over the limit in units is over it in bytes.
  if (text.length > maxBytes || Buffer.byteLength(text) > maxBytes) return { problems: [tooLarge(Buffer.byteLength(text), maxBytes)] };
  // Warnings (an unknown tag such as !!js/function) are problems too, and never printed by the parser itself.
  const doc = parseDocument(text, { uniqueKeys: true, logLevel: 'silent' });
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return {
      problems: [...doc.errors, ...doc.warnings].map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}` : 'somewhere';
        return { path: `(${where})`, message: `is not valid YAML/JSON: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
      }),
    };
  }
  if (doc.contents === null) {
    return { problems: [{ path: 'the file', message: `is empty${text.trim() === '' ? '' : ' (only comments)'}: a scenario is a YAML or JSON mapping with name, intervalSeconds, dayTypes, centreClasses, channels and groups (docs/scenario-format.md)` }] };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // Aliases are resolved here: an alias before its anchor, or too many of them (an alias bomb).
    return { problems: [{ path: '(file)', message: `is not valid YAML/JSON: ${(err as Error).message.split('\n')[0]}` }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = Array.isArray(data) ? 'a list' : JSON.stringify(data);
    return { problems: [{ path: '(top level)', message: `must be a mapping of keys (name, intervalSeconds, dayTypes, centreClasses, channels, groups, …), got ${got}` }] };
  }
  return { data };
}

/** Calibration entries whose paths a `--set` replaced: indices (descending) to drop, and a note for each. */
export interface StaleCalibration {
  parameters: number[];
  ranges: number[];
  notes: string[];
}

/**
 * The calibration parameters and ranges that pointed inside the value `--set` replaced at
 * `setKeys` (resolved in `before`) and name nothing in `after` — e.g. a mixture weight once
 * `--set` made the patience lognormal. They no longer apply, so the command drops them (and
 * says so) instead of refusing the file.
 */
export function staleCalibration(before: unknown, after: unknown, setKeys: readonly (string | number)[], setText: string): StaleCalibration {
  const out: StaleCalibration = { parameters: [], ranges: [], notes: [] };
  const cal = (before as { calibration?: { parameters?: { path?: unknown }[]; ranges?: { paths?: unknown }[] } } | null)?.calibration;
  if (!cal || typeof cal !== 'object') return out;
  const stale = (path: unknown): boolean => {
    if (typeof path !== 'string') return false;
    try {
      const was = resolvePath(before, parsePath(path));
      if ('error' in was || was.keys.length <= setKeys.length || !setKeys.every((k, i) => was.keys[i] === k)) return false;
      return 'error' in resolvePath(after, parsePath(path));
    } catch {
      return false;
    }
  };
  (Array.isArray(cal.parameters) ? cal.parameters : []).forEach((p, i) => {
    if (stale(p?.path)) {
      out.parameters.unshift(i);
      out.notes.push(`calibration parameter ${String(p.path)} dropped: --set ${setText} replaced what it named`);
    }
  });
  (Array.isArray(cal.ranges) ? cal.ranges : []).forEach((r, i) => {
    const paths = Array.isArray(r?.paths) ? r.paths : [];
    if (paths.some(stale)) {
      out.ranges.unshift(i);
      out.notes.push(`calibration range over ${paths.join(', ')} dropped: --set ${setText} replaced what it named`);
    }
  });
  return out;
}

/**
 * Applies `path=value` overrides in place (`setParameter`: `….mean` of a mixture, deterministic
 * or empirical distribution rescales it, a mixture weight rescales the others); each bad
 * override is a problem. Calibration entries the overrides made stale are dropped (`staleCalibration`),
 * each with a note pushed onto `notes`.
 */
export function applySets(data: unknown, sets: readonly SetOverride[], notes: string[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) {
      problems.push({ path: '--set', message: `must be path=value (e.g. channels[voice].handleTimeSeconds.mean=180)`, value: s });
      continue;
    }
    const pathText = s.slice(0, eq).trim();
    let value: unknown;
    try {
      value = parseYaml(s.slice(eq + 1));
    } catch {
      value = s.slice(eq + 1);
    }
    let resolved;
    try {
      resolved = resolvePath(data, parsePath(pathText));
    } catch (err) {
      problems.push({ path: `--set ${pathText}`, message: (err as Error).message });
      continue;
    }
    if ('error' in resolved) {
      problems.push({ path: `--set ${pathText}`, message: `names no value in the scenario: ${resolved.error}` });
      continue;
    }
    const before = structuredClone(data);
    try {
      setParameter(data, resolved.keys, value); // a mixture's mean rescales it; a weight rescales the others
    } catch {
      setAt(data, resolved.keys, value); // e.g. a distribution still holding formulas: validation names the problem
    }
    const stale = staleCalibration(before, data, resolved.keys, s);
    const cal = (data as { calibration?: { parameters?: unknown[]; ranges?: unknown[] } }).calibration;
    for (const i of stale.parameters) cal?.parameters?.splice(i, 1);
    for (const i of stale.ranges) cal?.ranges?.splice(i, 1);
    if (cal?.ranges?.length === 0) delete cal.ranges;
    notes.push(...stale.notes);
  }
  return problems;
}

interface FormulaSite {
  keys: (string | number)[];
  text: string;
  /** the curve's interval index when the formula is one item of a per-interval list */
  curveIndex?: number;
  /** a whole per-interval list written as one formula */
  wholeCurve?: boolean;
}

function findFormulas(node: unknown, keys: (string | number)[], out: FormulaSite[], inCurve: boolean): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (typeof item === 'string' && inCurve) out.push({ keys: [...keys, i], text: item, curveIndex: i });
      else findFormulas(item, [...keys, i], out, false);
    });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [k, v] of Object.entries(node)) {
    if (TEXT_KEYS.has(k) || (keys.length === 0 && (k === 'assumptions' || k === 'constants'))) continue;
    if (typeof v === 'string') {
      out.push(CURVE_KEYS.has(k) ? { keys: [...keys, k], text: v, wholeCurve: true } : { keys: [...keys, k], text: v });
    } else {
      findFormulas(v, [...keys, k], out, CURVE_KEYS.has(k));
    }
  }
}

/**
 * Evaluates every formula in `data` in place (constants first, in order). Returns the problems
 * and the paths that failed (so the schema does not report them a second time).
 */
async function evaluateFormulas(data: unknown): Promise<{ problems: Problem[]; failed: Set<string>; count: number }> {
  const problems: Problem[] = [];
  const failed = new Set<string>();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problems, failed, count: 0 };
  const top = data as Record<string, unknown>;
  const constants = typeof top.constants === 'object' && top.constants !== null && !Array.isArray(top.constants)
    ? (top.constants as Record<string, unknown>)
    : {};
  const sites: FormulaSite[] = [];
  findFormulas(data, [], sites, false);
  const constantFormulas = Object.entries(constants).filter(([, v]) => typeof v === 'string');
  const count = sites.length + constantFormulas.length;
  const scope = new Map<string, number>();
  for (const [k, v] of Object.entries(constants)) if (typeof v === 'number') scope.set(k, v);
  if (count === 0) return { problems, failed, count };

  const engine = await loadFormulaEngine();
  const budget = formulaBudget();
  for (const [k, v] of Object.entries(constants)) {
    if (typeof v !== 'string') continue;
    try {
      const x = engine.scalar(v, scope, budget);
      constants[k] = x;
      scope.set(k, x);
    } catch (err) {
      problems.push({ path: `constants.${k}`, message: (err as Error).message });
      failed.add(formatPath(['constants', k]));
    }
  }
  const iv = top.intervalSeconds;
  const hours = iv === 900 || iv === 1800 || iv === 3600
    ? Array.from({ length: 86_400 / iv }, (_, i) => ((i + 0.5) * iv) / 3600)
    : undefined;
  for (const site of sites) {
    const path = formatPath(site.keys);
    const shown = formatPath(site.keys, data);
    try {
      let value: unknown;
      if (site.wholeCurve || site.curveIndex !== undefined) {
        if (!hours) throw new Error('cannot be evaluated until intervalSeconds is 900, 1800 or 3600');
        value = site.wholeCurve ? engine.curve(site.text, scope, hours, budget) : engine.curve(site.text, scope, [hours[site.curveIndex!] ?? 0], budget)[0];
      } else {
        value = engine.scalar(site.text, scope, budget);
      }
      setAt(data, site.keys, value);
    } catch (err) {
      problems.push({ path: shown, message: (err as Error).message });
      failed.add(path);
    }
  }
  return { problems, failed, count };
}

function issueProblems(issue: $ZodIssue, data: unknown): Problem[] {
  const path = formatPath(issue.path, data);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const hint = suggestKey(key);
      return { path: formatPath([...issue.path, key], data), message: `is not a known key${hint ? ` (did you mean '${hint}'?)` : ''}` };
    });
  }
  const value = getAt(data, issue.path as (string | number)[]);
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    return [{ path: formatPath([...issue.path.filter((p) => p !== issue.discriminator), issue.discriminator as string], data), message: issue.message, value: (value as Record<string, unknown>)?.[issue.discriminator as string] ?? value }];
  }
  if (value === undefined && issue.code === 'invalid_type') return [{ path, message: issue.message }];
  return [{ path, message: issue.message, value }];
}

/**
 * Validates parsed data (after `--set`), evaluating formulas (mathjs is imported only if any).
 * @param data plain data from YAML/JSON; modified in place (formulas replaced by numbers)
 */
export async function validateScenarioData(data: unknown, sets: readonly SetOverride[] = []): Promise<LoadResult> {
  const notes: string[] = [];
  const problems: Problem[] = applySets(data, sets, notes);
  const raw = structuredClone(data);
  const f = await evaluateFormulas(data);
  problems.push(...f.problems);
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (f.failed.has(formatPath(issue.path))) continue;
      problems.push(...issueProblems(issue, data));
    }
  } else if (problems.length === 0) {
    problems.push(...crossCheck(parsed.data));
  }
  if (problems.length > 0 || !parsed.success) return { state: 'invalid', problems };
  return { state: 'valid', scenario: parsed.data, formulas: f.count, raw, notes };
}

/** Parses and validates scenario text. */
export async function loadScenarioText(text: string, sets: readonly SetOverride[] = [], options: LoadOptions = {}): Promise<LoadResult> {
  const p = parseScenarioText(text, options);
  if ('problems' in p) return { state: 'invalid', problems: p.problems };
  return validateScenarioData(p.data, sets);
}

/**
 * The text of a scenario file, its size checked before it is read (a file over `maxBytes`
 * is never read into memory). A leading UTF-8 byte-order mark is dropped.
 * @throws {ScenarioError} the file cannot be read, is not a regular file, or is over the limit
 */
export function readScenarioFile(file: string, options: LoadOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_SCENARIO_BYTES;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ScenarioError(file, [{ path: '(file)', message: 'is not a regular file' }]);
    if (st.size > maxBytes) throw new ScenarioError(file, [tooLarge(st.size, maxBytes)]);
    // Read at most maxBytes + 1: a file that grew after the stat is still caught.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let got; n < buf.length && (got = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += got;
    if (n > maxBytes) throw new ScenarioError(file, [tooLarge(n, maxBytes)]);
    const text = buf.toString('utf8', 0, n);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScenarioError(file, [{ path: '(file)', message: `cannot be read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'error')})` }]);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads, parses and validates a scenario file.
 * @throws {ScenarioError} listing every problem, each as `file: path message, got value`
 */
export async function loadScenarioFile(file: string, sets: readonly SetOverride[] = [], options: LoadOptions = {}): Promise<{ scenario: Scenario; formulas: number; raw: unknown; text: string; notes: string[] }> {
  const text = readScenarioFile(file, options);
  const r = await loadScenarioText(text, sets, options);
  if (r.state === 'invalid') throw new ScenarioError(file, r.problems);
  return { scenario: r.scenario, formulas: r.formulas, raw: r.raw, text, notes: r.notes };
}
