/**
 * `ccsim staff` on worker threads for large forecasts: intervals are packed into typed arrays,
 * split into chunks, staffed by workers (engine/parallel/tasks/staffing.ts, transferred
 * buffers both ways) and unpacked into the same rows, in the same order, with the same keys
 * as `staffIntervals` — so the command's output does not depend on `--workers`.
 *
 * Small forecasts stay on the main thread: below `PARALLEL_STAFF_MIN_ROWS` intervals the
 * ~40 ms of starting workers costs more than it saves (measured crossover, see
 * bench/suites/parallel.ts).
 */
import { openPool, TASK_MODULES, type Task } from '../../engine/parallel/index.js';
import { BINDING_BITS, STAFF_FIELDS, type StaffChunkInput, type StaffChunkOutput } from '../../engine/parallel/tasks/staffing.js';
import type { StaffingTarget } from '../../engine/erlang/index.js';
import { InputError } from '../errors.js';
import type { Forecast } from '../io/forecast.js';
import { staffIntervals, type IntervalStaffing, type StaffOptions } from '../commands/staff.js';

/** Below this many intervals a forecast is staffed on the main thread. */
export const PARALLEL_STAFF_MIN_ROWS = 100_000;

export interface ParallelStaffOptions {
  workers: number;
  /** override the crossover (tests, benchmarks) */
  minRows?: number;
  signal?: AbortSignal;
}

/** `staffIntervals` on worker threads when the forecast is large enough; the same rows. */
export async function staffIntervalsParallel(forecast: Forecast, opts: StaffOptions, name: string, p: ParallelStaffOptions): Promise<IntervalStaffing[]> {
  const n = forecast.rows.length;
  if (p.workers <= 1 || n < (p.minRows ?? PARALLEL_STAFF_MIN_ROWS)) return staffIntervals(forecast, opts, name);
  const erlangs = new Float64Array(n);
  const aht = new Float64Array(n);
  const patience = new Float64Array(n);
  forecast.rows.forEach((row, i) => {
    erlangs[i] = (row.calls / forecast.intervalSeconds) * row.aht;
    aht[i] = row.aht;
    const pat = opts.model === 'erlang-a' ? (row.patience ?? opts.patienceSeconds) : undefined;
    if (opts.model === 'erlang-a' && pat === undefined) {
      throw new InputError(`${name}: row ${row.row} (line ${row.line}) has no patience; give --patience SECONDS or a patience column for Erlang A`);
    }
    patience[i] = pat ?? NaN;
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
