/**
 * A forecast day staffed interval by interval: required agents per interval (raw and after
 * shrinkage) by the engine's `solveAgents`, the figures each interval then reaches, and the
 * day's totals — on this thread, or on worker threads for large forecasts (the same rows in
 * the same order with the same keys, so output does not depend on the worker count).
 *
 * Load per interval = calls / interval seconds × aht (erlangs).
 *
 * Day figures: agentIntervals = Σ requiredAgents; agentHours = agentIntervals × interval / 3600;
 * staff likewise from requiredStaff; peak and minimum agents with their start; serviceLevel,
 * pAbandon, answerRate and meanWait weighted by offered calls; asa and slAnswered weighted by
 * answered calls (offered × answerRate); occupancy = Σ occupancy·agents / Σ agents.
 *
 * Parallel: intervals are packed into typed arrays, split into chunks, staffed by workers
 * (engine/parallel/tasks/staffing.ts, transferred buffers both ways) and unpacked. Below
 * `PARALLEL_STAFF_MIN_ROWS` intervals the ~40 ms of starting workers costs more than it saves
 * (measured crossover, see bench/suites/parallel.ts).
 */
import { solveAgents, type ErlangAFigures, type StaffingModel, type StaffingRequest, type StaffingTarget } from '../../engine/erlang/index.js';
import { meanOf, scaleSpec, type DistributionSpec } from '../../engine/rng/index.js';
import { openPool, TASK_MODULES, type Task } from '../../engine/parallel/index.js';
import { BINDING_BITS, STAFF_FIELDS, type StaffChunkInput, type StaffChunkOutput } from '../../engine/parallel/tasks/staffing.js';

/** One interval of a forecast (cli/io/forecast.ts parses them from CSV). */
export interface ForecastInterval {
  /** 1-based data row, and 1-based line in the file (for messages) */
  row: number;
  line: number;
  /** the start as written */
  start: string;
  /** calls offered in the interval */
  calls: number;
  /** mean handle time, seconds */
  aht: number;
  /** mean patience, seconds (Erlang A) */
  patience?: number;
}

/** A forecast day: its intervals and their length. */
export interface ForecastDay {
  rows: readonly ForecastInterval[];
  intervalSeconds: number;
}

/** One interval's staffing. */
/** The figures reported per interval and for the day (the kernels' keys and definitions). */
type DayFigureKeys = 'serviceLevel' | 'slAnswered' | 'asa' | 'meanWait' | 'pAbandon' | 'answerRate' | 'occupancy';

export interface IntervalStaffing extends Pick<ErlangAFigures, DayFigureKeys | 'erlangs' | 'pWait'> {
  start: string;
  calls: number;
  aht: number;
  patience?: number;
  requiredAgents: number;
  requiredStaff: number;
  requiredStaffRounded: number;
  binding: StaffingTarget[];
}

/** The day's totals and weighted figures. */
export interface DayStaffing extends Pick<ErlangAFigures, DayFigureKeys> {
  intervals: number;
  intervalSeconds: number;
  calls: number;
  agentIntervals: number;
  agentHours: number;
  staffIntervals: number;
  staffIntervalsRounded: number;
  staffHours: number;
  peakAgents: number;
  peakStart: string;
  minAgents: number;
  minStart: string;
}

/** The question asked of every interval. */
export interface StaffOptions extends Pick<StaffingRequest, 'slTarget' | 'asaTarget' | 'abandonTarget' | 'maxOccupancy' | 'shrinkage' | 'maxAgents'> {
  model: StaffingModel;
  targetSeconds: number;
  /** used where the forecast has no patience cell */
  patienceSeconds?: number;
  /**
   * The patience distribution (model 'mmng'); a row's patience cell sets its mean (the shape kept:
   * `scaleSpec`), else this distribution as given
   */
  patienceDistribution?: DistributionSpec;
}

/**
 * The patience of an interval under `opts`: the row's, else the option's (Erlang A); undefined for Erlang C.
 * @throws {RangeError} an Erlang A interval without patience (names the file, row and line)
 */
function patienceOf(row: ForecastInterval, opts: StaffOptions, name: string): number | undefined {
  if (opts.model === 'mmng') return row.patience ?? meanOf(opts.patienceDistribution!);
  const patience = opts.model === 'erlang-a' ? (row.patience ?? opts.patienceSeconds) : undefined;
  if (opts.model === 'erlang-a' && patience === undefined) {
    throw new RangeError(`${name}: row ${row.row} (line ${row.line}) has no patience; give --patience SECONDS or a patience column for Erlang A`);
  }
  return patience;
}

/** An interval's patience distribution under model 'mmng': the option's, scaled to the row's mean when it has one. */
function distributionOf(row: ForecastInterval, opts: StaffOptions): DistributionSpec | undefined {
  const d = opts.patienceDistribution;
  if (opts.model !== 'mmng' || d === undefined) return undefined;
  return row.patience === undefined ? d : scaleSpec(d, row.patience / meanOf(d));
}

/**
 * Staffs every interval of a forecast with the engine's `solveAgents`.
 * @throws {RangeError} an Erlang A interval without patience (names the row), or a bad target (solveAgents)
 */
export function staffIntervals(forecast: ForecastDay, opts: StaffOptions, name: string): IntervalStaffing[] {
  return forecast.rows.map((row, i) => {
    const erlangs = (row.calls / forecast.intervalSeconds) * row.aht;
    const patience = patienceOf(row, opts, name);
    const distribution = distributionOf(row, opts);
    let r: ReturnType<typeof solveAgents>;
    try {
      r = solveAgents({
        model: opts.model, erlangs, ahtSeconds: row.aht, targetSeconds: opts.targetSeconds, patienceSeconds: patience,
        ...(distribution ? { patience: distribution } : {}),
        slTarget: opts.slTarget, asaTarget: opts.asaTarget, abandonTarget: opts.abandonTarget, maxOccupancy: opts.maxOccupancy,
        shrinkage: opts.shrinkage, maxAgents: opts.maxAgents,
      });
    } catch (err) {
      // Name the row: a day has 96 of them, and the solver knows none.
      throw new RangeError(`${name}: data row ${i + 1} (start ${row.start}, ${row.calls} calls, AHT ${row.aht} s, ${erlangs.toPrecision(4)} erlangs): ${(err as Error).message}`);
    }
    const f = r.figures;
    const out: IntervalStaffing = {
      start: row.start, calls: row.calls, aht: row.aht, erlangs,
      requiredAgents: r.requiredAgents, requiredStaff: r.requiredStaff, requiredStaffRounded: r.requiredStaffRounded, binding: r.binding,
      pWait: f.pWait, serviceLevel: f.serviceLevel, slAnswered: f.slAnswered, asa: f.asa, meanWait: f.meanWait,
      pAbandon: f.pAbandon, answerRate: f.answerRate, occupancy: f.occupancy,
    };
    if (patience !== undefined) out.patience = patience;
    return out;
  });
}

/** The day's totals (see the module comment for each definition). Weighted means are 0 when nothing is offered. */
export function summarizeDay(rows: readonly IntervalStaffing[], intervalSeconds: number): DayStaffing {
  let calls = 0, answered = 0, agents = 0, staff = 0, staffRounded = 0;
  let sl = 0, slAns = 0, asa = 0, wait = 0, abandon = 0, busy = 0;
  let peak = rows[0];
  let min = rows[0];
  for (const r of rows) {
    const ans = r.calls * r.answerRate;
    calls += r.calls;
    answered += ans;
    agents += r.requiredAgents;
    staff += r.requiredStaff;
    staffRounded += r.requiredStaffRounded;
    sl += r.calls * r.serviceLevel;
    wait += r.calls * r.meanWait;
    abandon += r.calls * r.pAbandon;
    if (ans > 0) {
      slAns += ans * r.slAnswered;
      asa += ans * r.asa;
    }
    busy += r.occupancy * r.requiredAgents;
    if (peak === undefined || r.requiredAgents > peak.requiredAgents) peak = r;
    if (min === undefined || r.requiredAgents < min.requiredAgents) min = r;
  }
  const per = (x: number, n: number): number => (n > 0 ? x / n : 0);
  return {
    intervals: rows.length,
    intervalSeconds,
    calls,
    agentIntervals: agents,
    agentHours: (agents * intervalSeconds) / 3600,
    staffIntervals: staff,
    staffIntervalsRounded: staffRounded,
    staffHours: (staff * intervalSeconds) / 3600,
    peakAgents: peak?.requiredAgents ?? 0,
    peakStart: peak?.start ?? '',
    minAgents: min?.requiredAgents ?? 0,
    minStart: min?.start ?? '',
    serviceLevel: per(sl, calls),
    slAnswered: per(slAns, answered),
    asa: per(asa, answered),
    meanWait: per(wait, calls),
    pAbandon: per(abandon, calls),
    answerRate: per(answered, calls),
    occupancy: per(busy, agents),
  };
}

/** Below this many intervals a forecast is staffed on the main thread. */
export const PARALLEL_STAFF_MIN_ROWS = 100_000;

export interface ParallelStaffOptions {
  workers: number;
  /** override the crossover (tests, benchmarks) */
  minRows?: number;
  signal?: AbortSignal;
}

/** `staffIntervals` on worker threads when the forecast is large enough; the same rows. */
export async function staffIntervalsParallel(forecast: ForecastDay, opts: StaffOptions, name: string, p: ParallelStaffOptions): Promise<IntervalStaffing[]> {
  const n = forecast.rows.length;
  if (p.workers <= 1 || n < (p.minRows ?? PARALLEL_STAFF_MIN_ROWS)) return staffIntervals(forecast, opts, name);
  const erlangs = new Float64Array(n);
  const aht = new Float64Array(n);
  const patience = new Float64Array(n);
  forecast.rows.forEach((row, i) => {
    erlangs[i] = (row.calls / forecast.intervalSeconds) * row.aht;
    aht[i] = row.aht;
    patience[i] = patienceOf(row, opts, name) ?? NaN;
  });
  const request = {
    model: opts.model, targetSeconds: opts.targetSeconds,
    ...(opts.slTarget !== undefined ? { slTarget: opts.slTarget } : {}),
    ...(opts.asaTarget !== undefined ? { asaTarget: opts.asaTarget } : {}),
    ...(opts.abandonTarget !== undefined ? { abandonTarget: opts.abandonTarget } : {}),
    ...(opts.maxOccupancy !== undefined ? { maxOccupancy: opts.maxOccupancy } : {}),
    ...(opts.shrinkage !== undefined ? { shrinkage: opts.shrinkage } : {}),
    ...(opts.maxAgents !== undefined ? { maxAgents: opts.maxAgents } : {}),
  };
  const chunk = Math.max(256, Math.ceil(n / (p.workers * 8)));
  const tasks: Task<StaffChunkInput>[] = [];
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    tasks.push({
      kind: 'staff-chunk',
      input: { request, erlangs: erlangs.slice(s, e), aht: aht.slice(s, e), patience: patience.slice(s, e) },
      label: `${name}: rows ${forecast.rows[s]!.row}–${forecast.rows[e - 1]!.row}`,
    });
  }
  const rows: IntervalStaffing[] = [];
  const width = STAFF_FIELDS.length;
  const pool = await openPool({ workers: Math.min(p.workers, tasks.length), modules: [TASK_MODULES.staffing] });
  try {
    await pool.run<StaffChunkOutput>(tasks, {
      ...(p.signal ? { signal: p.signal } : {}),
      onResult: (t, out) => {
        const base = t * chunk;
        for (let j = 0; j < out.binding.length; j++) {
          const row = forecast.rows[base + j]!;
          const v = out.values;
          const o = j * width;
          const binding: StaffingTarget[] = [];
          BINDING_BITS.forEach((b, bit) => { if (out.binding[j]! & (1 << bit)) binding.push(b); });
          // Keys in the order of staffIntervals' rows (JSON output is compared byte for byte).
          const r: IntervalStaffing = {
            start: row.start, calls: row.calls, aht: row.aht, erlangs: erlangs[base + j]!,
            requiredAgents: v[o]!, requiredStaff: v[o + 1]!, requiredStaffRounded: v[o + 2]!, binding,
            pWait: v[o + 3]!, serviceLevel: v[o + 4]!, slAnswered: v[o + 5]!, asa: v[o + 6]!, meanWait: v[o + 7]!,
            pAbandon: v[o + 8]!, answerRate: v[o + 9]!, occupancy: v[o + 10]!,
          };
          const pat = patience[base + j]!;
          if (!Number.isNaN(pat)) r.patience = pat;
          rows.push(r);
        }
      },
    });
  } finally {
    await pool.close();
  }
  return rows;
}
