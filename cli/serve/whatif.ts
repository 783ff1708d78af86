/**
 * What `ccsim serve`'s page asks: a scenario's what-if with levers given as the text of
 * `ccsim whatif`'s flags (`-8%`, `0.75`, `+6pt`, …). The same calls as the `whatif` command —
 * `parseLever`, `whatifVariants`, `runWhatif` (kernels) or `runWhatifParallel` (simulation),
 * `whatifReport` — so the page shows the CLI's numbers for the same inputs. Each bad lever
 * gets its own message (shown beside its control); a scenario with problems gives the list
 * `ccsim validate` prints.
 */
import { readFileSync, statSync } from 'node:fs';
import { formatProblems, loadScenarioFile, parseLever, runWhatif, runWhatifParallel, ScenarioError, whatifReport, whatifVariants, describeLever } from '../../scenarios/index.js';
import type { Lever, ReportDocument, Scenario, WhatifVariants } from '../../scenarios/index.js';
import { commandLine, reportDocument, sha256 } from '../report/write.js';

/**
 * Levers of the page, in the command's order (the order `ccsim whatif` applies them): key (the
 * page's and `--vary`'s), flag of `ccsim whatif`, and whether the flag repeats (the page's box
 * then takes several values separated by commas: `voice:wechat=10%, voice:webchat=5%`).
 */
export const PAGE_LEVERS = [
  { key: 'staff', flag: 'staff', repeatable: false },
  { key: 'selfService', flag: 'self-service', repeatable: false },
  { key: 'volume', flag: 'volume', repeatable: false },
  { key: 'aht', flag: 'aht', repeatable: false },
  { key: 'patience', flag: 'patience', repeatable: false },
  { key: 'shift', flag: 'shift', repeatable: true },
  { key: 'concurrency', flag: 'concurrency', repeatable: true },
  { key: 'deadline', flag: 'deadline', repeatable: true },
  { key: 'retrial', flag: 'retrial', repeatable: true },
] as const;

export type LeverTexts = Partial<Record<(typeof PAGE_LEVERS)[number]['key'], string>>;

/** The values of a lever's box: one, or (a repeatable flag) each comma-separated part. */
function valuesOf(text: string | undefined, repeatable: boolean): string[] {
  const t = text?.trim() ?? '';
  if (t === '') return [];
  return repeatable ? t.split(/[,;]/).map((x) => x.trim()).filter((x) => x !== '') : [t];
}

/** A scenario loaded for the page, or its problems (the lines `ccsim validate` prints). */
export type LoadedScenario =
  | { state: 'valid'; file: string; scenario: Scenario; sha256: string }
  | { state: 'invalid'; file: string; problems: string[] };

const cache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedScenario }>();

/** Loads (or reuses, while the file is unchanged) a scenario file. */
export async function loadForPage(file: string): Promise<LoadedScenario> {
  let st;
  try {
    st = statSync(file);
  } catch {
    return { state: 'invalid', file, problems: [`${file}: cannot read (no such file)`] };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.loaded;
  let loaded: LoadedScenario;
  try {
    const r = await loadScenarioFile(file);
    loaded = { state: 'valid', file, scenario: r.scenario, sha256: sha256(r.text) };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    loaded = { state: 'invalid', file, problems: err.message.split('\n') };
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, loaded });
  return loaded;
}

/** The levers parsed and applied, or a message per bad lever (by key). */
export function variantsOf(scenario: Scenario, texts: LeverTexts): { ok: true; levers: Lever[]; variants: WhatifVariants } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const levers: Lever[] = [];
  for (const { key, flag, repeatable } of PAGE_LEVERS) {
    const own: Lever[] = [];
    try {
      for (const text of valuesOf(texts[key], repeatable)) {
        try {
          own.push(parseLever(key, text));
        } catch (err) {
          // parseLever's message names the flag and the value, as `ccsim whatif` prints it
          const m = (err as Error).message;
          throw new RangeError(m.startsWith(`--${flag}`) ? m : `--${flag} ${text}: ${m}`);
        }
      }
      if (own.length > 0) whatifVariants(scenario, own); // a value the scenario cannot take is this lever's problem
      levers.push(...own);
    } catch (err) {
      errors[key] = (err as Error).message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  try {
    return { ok: true, levers, variants: whatifVariants(scenario, levers) };
  } catch (err) {
    return { ok: false, errors: { all: (err as Error).message } };
  }
}

/** The `ccsim whatif` command line of these levers and options (a repeatable lever's values each with its flag). */
export function whatifCommand(file: string, levers: LeverTexts, o: { replications?: number; seed?: string | number; simulate: boolean }): string {
  const args = ['whatif', file];
  for (const { key, flag, repeatable } of PAGE_LEVERS) {
    for (const t of valuesOf(levers[key], repeatable)) args.push(`--${flag}`, t);
  }
  if (!o.simulate) args.push('--no-simulate');
  if (o.simulate && o.replications !== undefined) args.push('--replications', String(o.replications));
  if (o.simulate && o.seed !== undefined) args.push('--seed', String(o.seed));
  args.push('--report', 'whatif.html');
  return commandLine(args);
}

/** Simulation options of the page: the scenario's, as `ccsim whatif` takes them. */
export function runOptions(s: Scenario, replications?: number): { replications: number; seed: string | number; warmupSeconds: number } {
  return { replications: replications ?? s.simulation?.replications ?? 8, seed: s.simulation?.seed ?? 1, warmupSeconds: s.simulation?.warmupSeconds ?? 0 };
}

/**
 * The kernels' report of a what-if (what `ccsim whatif --no-simulate --report` writes); with
 * `intraday: false` without its intraday section (the page's figures, at every lever change).
 */
export function kernelsDocument(loaded: Extract<LoadedScenario, { state: 'valid' }>, texts: LeverTexts, levers: Lever[], v: WhatifVariants, o: { intraday?: boolean } = {}): ReportDocument {
  const s = loaded.scenario;
  const r = runWhatif(s, v.variant, { simulate: false, ...runOptions(s) }, undefined, v.variantWithoutStaff);
  return documentOf(loaded, texts, levers, v, r, { simulate: false, ...o });
}

/** The simulated report of a what-if (what `ccsim whatif --report` writes), on `workers` threads. */
export async function simulatedDocument(
  loaded: Extract<LoadedScenario, { state: 'valid' }>, texts: LeverTexts, levers: Lever[], v: WhatifVariants,
  o: { workers: number; replications?: number; signal?: AbortSignal; onRun?: (done: number, total: number) => void },
): Promise<ReportDocument> {
  const s = loaded.scenario;
  const ro = runOptions(s, o.replications);
  const r = await runWhatifParallel(s, v, { simulate: true, ...ro, workers: o.workers, intervals: true, ...(o.signal ? { signal: o.signal } : {}), ...(o.onRun ? { onRun: o.onRun } : {}) });
  return documentOf(loaded, texts, levers, v, r, { simulate: true, replications: ro.replications, seed: ro.seed });
}

function documentOf(
  loaded: Extract<LoadedScenario, { state: 'valid' }>, texts: LeverTexts, levers: Lever[], v: WhatifVariants,
  r: ReturnType<typeof runWhatif>, o: { simulate: boolean; replications?: number; seed?: string | number; intraday?: boolean },
): ReportDocument {
  const s = loaded.scenario;
  const change = levers.map(describeLever).join(', ') || 'no change';
  const body = whatifReport({ baseline: s, variant: v.variant, result: r, change, ...(o.intraday === false ? { intraday: false } : {}) });
  return reportDocument(body, {
    scenario: { name: s.name, file: loaded.file, sha256: loaded.sha256 },
    command: whatifCommand(loaded.file, texts, o),
    ...(o.simulate ? { seed: o.seed!, replications: o.replications! } : {}),
  }, s.channels[0]?.targetSeconds);
}

/** The text of a file for the page's scenario list (its `name:` line), or the file name. */
export function scenarioTitle(file: string): string {
  try {
    return /^name:\s*(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim() ?? file;
  } catch {
    return file;
  }
}
