/**
 * `bench/baseline.json`: the committed ratios (case median / reference median) the CI gate
 * compares against. Written by `npm run bench -- --update-baseline [--runs 3]`, which takes,
 * per case, the median ratio over the runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** One case's baseline. `refRatio` is what the gate uses; `medianNs` is for the reader. */
export interface BaselineEntry {
  refRatio: number;
  medianNs: number;
}

/** The file's shape. */
export interface BaselineFile {
  about: string;
  createdAt: string;
  node: string;
  /** runs the medians are taken over */
  runs: number;
  /** 'quick' or 'full': the mode the baseline runs used */
  mode: string;
  /** reference loop, ns per step, median over the runs (for the reader; the gate uses ratios) */
  referenceNs: number;
  cases: Record<string, BaselineEntry>;
}

/**
 * Reads a baseline; a missing file is an empty baseline (every case reported as new).
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
    throw new Error(`${path}: "cases" must be an object of { refRatio, medianNs }; rewrite it with --update-baseline`);
  }
  for (const [name, entry] of Object.entries(data.cases)) {
    if (!(typeof entry?.refRatio === 'number' && entry.refRatio > 0)) {
      throw new Error(`${path}: cases["${name}"].refRatio must be a number > 0, got ${JSON.stringify(entry?.refRatio)}`);
    }
  }
  return data as BaselineFile;
}

/** The ratios the gate compares against, by case name. */
export function baselineRatios(file: BaselineFile | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (file) for (const [name, entry] of Object.entries(file.cases)) out[name] = entry.refRatio;
  return out;
}

/** Writes a baseline, cases in the order given, two-space JSON with a final newline. */
export function writeBaseline(path: string, file: BaselineFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
