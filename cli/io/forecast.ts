/**
 * Reading an interval forecast (CSV) for `ccsim staff`.
 *
 * Columns (header row required, names matched case-insensitively, spaces/dashes read as `_`,
 * a unit in brackets such as `AHT (s)` or `aht [sec]` dropped — only seconds are accepted):
 *   start     interval start, `HH:MM` (or `HH:MM:SS`) or an ISO date-time `2017-03-01T08:00`
 *             aliases: start, interval_start, start_time, interval, time, period, period_start,
 *             datetime, date_time, timestamp
 *   calls     calls offered in the interval, a number ≥ 0
 *             aliases: calls, offered, calls_offered, offered_calls, volume, call_volume,
 *             contacts, forecast, forecast_calls
 *   aht       average handle time, seconds > 0
 *             aliases: aht, aht_s, aht_sec, aht_seconds, handle_time, average_handle_time,
 *             avg_handle_time, handling_time
 *   patience  (optional) mean patience, seconds > 0; selects Erlang A
 *             aliases: patience, mean_patience, avg_patience, average_patience, patience_s
 * Other columns are ignored. Lines starting with `#` are comments; blank lines are skipped.
 * The interval length comes from `--interval-seconds`, else the gap between the first two starts,
 * else (one row) 900 s.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { describeRange, inRange, RANGES, type Range } from './fields.js';

export type ForecastField = 'start' | 'calls' | 'aht' | 'patience';

/** Accepted header names (after normalising) for each field. */
export const FORECAST_ALIASES: Record<ForecastField, readonly string[]> = {
  start: ['start', 'interval_start', 'start_time', 'interval', 'time', 'period', 'period_start', 'datetime', 'date_time', 'timestamp'],
  calls: ['calls', 'offered', 'calls_offered', 'offered_calls', 'volume', 'call_volume', 'contacts', 'forecast', 'forecast_calls'],
  aht: ['aht', 'aht_s', 'aht_sec', 'aht_seconds', 'handle_time', 'average_handle_time', 'avg_handle_time', 'handling_time'],
  patience: ['patience', 'mean_patience', 'avg_patience', 'average_patience', 'patience_s'],
};

/** One interval of the forecast. */
export interface ForecastRow {
  /** 1-based data row (the header and comments not counted) */
  row: number;
  /** 1-based line in the file */
  line: number;
  /** the start as written */
  start: string;
  /** seconds since midnight (HH:MM) or since the epoch (ISO date-time) */
  startSeconds: number;
  calls: number;
  aht: number;
  patience?: number;
}

export interface Forecast {
  rows: ForecastRow[];
  intervalSeconds: number;
  intervalSource: 'flag' | 'inferred' | 'default';
  /** true when the file has a patience column */
  hasPatience: boolean;
}

/** Default interval length when it can be neither given nor inferred, seconds. */
export const DEFAULT_INTERVAL_SECONDS = 900;

const SECONDS_UNIT = /^(s|sec|secs|second|seconds)$/;

/** A header cell in canonical form: `AHT (s)` → `aht`, `Interval Start` → `interval_start`. */
export function normalizeHeader(header: string): { name: string; unit?: string } {
  let h = header.trim().toLowerCase();
  let unit: string | undefined;
  const m = /[([]\s*([^)\]]*?)\s*[)\]]\s*$/.exec(h);
  if (m) {
    unit = m[1];
    h = h.slice(0, m.index);
  }
  const name = h.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return unit === undefined ? { name } : { name, unit };
}

/**
 * `HH:MM[:SS]` → seconds since midnight; an ISO date-time → seconds since the epoch;
 * NaN when neither.
 */
export function parseStart(text: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const s = m[3] === undefined ? 0 : Number(m[3]);
    return h <= 24 && min < 60 && s < 60 ? h * 3600 + min * 60 + s : NaN;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(text)) return NaN;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? NaN : ms / 1000;
}

/**
 * Parses forecast CSV text. `name` (the file path) starts every error message.
 * @throws {InputError} empty file, a missing column, a bad cell (names the row, line and column and the allowed range)
 * @example parseForecast('start,calls,aht\n08:00,100,180\n08:15,120,180\n', 'f.csv').intervalSeconds // 900
 */
export function parseForecast(text: string, name: string, opts: { intervalSeconds?: number } = {}): Forecast {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw new InputError(`${name}: not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = records[0];
  if (header === undefined) {
    throw new InputError(`${name}: empty file; expected a header row with columns start, calls, aht (and optionally patience)`);
  }

  // Map header cells to fields.
  const index: Partial<Record<ForecastField, number>> = {};
  const headerText: Partial<Record<ForecastField, string>> = {};
  header.record.forEach((cell, i) => {
    const { name: norm, unit } = normalizeHeader(cell);
    for (const field of Object.keys(FORECAST_ALIASES) as ForecastField[]) {
      if (!FORECAST_ALIASES[field].includes(norm)) continue;
      if (index[field] !== undefined) {
        throw new InputError(`${name}: columns "${headerText[field]}" and "${cell}" both name ${field}; keep one`);
      }
      if (unit !== undefined && field !== 'start' && field !== 'calls' && !SECONDS_UNIT.test(unit)) {
        throw new InputError(`${name}: column "${cell}" is in "${unit}"; give ${field} in seconds`);
      }
      index[field] = i;
      headerText[field] = cell;
    }
  });
  for (const field of ['start', 'calls', 'aht'] as const) {
    if (index[field] === undefined) {
      throw new InputError(
        `${name}: missing column "${field}" (accepted names: ${FORECAST_ALIASES[field].join(', ')}); found columns: ${header.record.join(', ')}`,
      );
    }
  }
  if (records.length < 2) throw new InputError(`${name}: no data rows after the header`);

  const rows: ForecastRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r] as (typeof records)[number];
    const line = info.lines;
    const where = (field: ForecastField): string => `${name}: row ${r} (line ${line}), column "${headerText[field]}"`;
    const cell = (field: ForecastField): string | undefined => {
      const i = index[field];
      return i === undefined ? undefined : record[i];
    };
    const num = (field: ForecastField, range: Range, what: string): number => {
      const raw = cell(field) ?? '';
      const v = raw === '' ? NaN : Number(raw);
      if (!inRange(v, range)) throw new InputError(`${where(field)}: ${what} must be ${describeRange(range)}, got ${JSON.stringify(raw)}`);
      return v;
    };
    const start = cell('start') ?? '';
    const startSeconds = parseStart(start);
    if (Number.isNaN(startSeconds)) {
      throw new InputError(`${where('start')}: start must be HH:MM or an ISO date-time such as 2017-03-01T08:00, got ${JSON.stringify(start)}`);
    }
    const out: ForecastRow = {
      row: r,
      line,
      start,
      startSeconds,
      calls: num('calls', RANGES.calls, 'calls'),
      aht: num('aht', RANGES.positiveSeconds, 'aht'),
    };
    if (index.patience !== undefined && (cell('patience') ?? '') !== '') out.patience = num('patience', RANGES.positiveSeconds, 'patience');
    rows.push(out);
  }

  let intervalSeconds: number;
  let intervalSource: Forecast['intervalSource'];
  if (opts.intervalSeconds !== undefined) {
    intervalSeconds = opts.intervalSeconds;
    intervalSource = 'flag';
  } else if (rows.length >= 2) {
    const [a, b] = rows as [ForecastRow, ForecastRow];
    intervalSeconds = b.startSeconds - a.startSeconds;
    intervalSource = 'inferred';
    if (!(intervalSeconds > 0)) {
      throw new InputError(
        `${name}: cannot infer the interval length from rows 1 and 2 (starts ${a.start} and ${b.start}); give --interval-seconds SECONDS`,
      );
    }
  } else {
    intervalSeconds = DEFAULT_INTERVAL_SECONDS;
    intervalSource = 'default';
  }
  return { rows, intervalSeconds, intervalSource, hasPatience: index.patience !== undefined };
}
