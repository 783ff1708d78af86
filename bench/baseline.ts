/**
 * `bench/baseline.json`: the committed ratios (case median / reference median) the CI gate
 * compares against, with each case's run-to-run spread (the gate derives the case's limit
 * from it: bench/gate.ts limitFromSpread, so the rule and the file cannot disagree). Written
 * by `npm run bench -- --update-baseline --runs N` (bench/update.ts), which times every case
 * in N separate processes in CI's quick mode and takes, per case, the median ratio.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_LIMIT, limitFromSpread, type GateBaseline } from './gate.js';

/** One case's baseline. `refRatio` and `spread` are what the gate uses; `medianNs` is for the reader. */
export interface BaselineEntry {
  refRatio: number;
  medianNs: number;
  /** the largest |ln(ratio / median)| over the baseline runs; the case's limit is limitFromSpread(spread) */
  spread?: number;
}

/** The file's shape. */
export interface BaselineFile {
  about: string;
  createdAt: string;
  node: string;
  /** runs the medians are taken over (separate processes) */
  runs: number;
  /** 'quick' or 'full': the mode the baseline runs used */
  mode: string;
  /** the machine's 1-minute load average when the runs started and ended (how busy it was) */
  loadAverage?: number[];
  /** reference loop, ns per step, median over the runs (for the reader; the gate uses ratios) */
  referenceNs: number;
  cases: Record<string, BaselineEntry>;
}

/**
 * Reads a baseline; a missing file gives undefined (the CI gate then fails, see baselineProblems).
 * @throws {Error} the file exists but is not a baseline (names the file and the bad field)
 */
export function readBaseline(path: string): BaselineFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const data = JSON.parse(text) as Partial<BaselineFile>;
  if (typeof data !== 'object' || data === null || typeof data.cases !== 'object' || data.cases === null) {
    throw new Error(`${path}: "cases" must be an object of { refRatio, medianNs, spread }; rewrite it with --update-baseline`);
  }
  for (const [name, entry] of Object.entries(data.cases)) {
    if (!(typeof entry?.refRatio === 'number' && entry.refRatio > 0)) {
      throw new Error(`${path}: cases["${name}"].refRatio must be a number > 0, got ${JSON.stringify(entry?.refRatio)}`);
    }
    if (entry.spread !== undefined && !(typeof entry.spread === 'number' && entry.spread >= 0 && Number.isFinite(entry.spread))) {
      throw new Error(`${path}: cases["${name}"].spread must be a finite number >= 0, got ${JSON.stringify(entry.spread)}`);
    }
  }
  return data as BaselineFile;
}

/** What the gate compares against, by case name: the ratio and the limit from the spread (DEFAULT_LIMIT without one). */
export function gateBaselines(file: BaselineFile | undefined): Record<string, GateBaseline> {
  const out: Record<string, GateBaseline> = {};
  if (file) {
    for (const [name, e] of Object.entries(file.cases)) out[name] = { refRatio: e.refRatio, limit: e.spread === undefined ? DEFAULT_LIMIT : limitFromSpread(e.spread) };
  }
  return out;
}

/** Writes a baseline, cases in the order given, two-space JSON with a final newline. */
export function writeBaseline(path: string, file: BaselineFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
