/**
 * A progress bar on stderr (cli-progress): done / total in the caller's unit, the rate and
 * the time left. Silent when stderr is not a terminal or with `--quiet`, so pipes, files and
 * CI logs never get control characters.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets the amount done (same unit as the total). */
  update(done: number): void;
  /** Removes the bar (leaves the line). Safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  total: number;
  /** amount already done when starting (resumed work) */
  start?: number;
  /** plural unit shown after the counts, e.g. 'cells', 'centre-days' */
  unit: string;
  quiet?: boolean;
  /** defaults to process.stderr */
  stream?: NodeJS.WriteStream;
}

function compact(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)}G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

/** A bar, or a no-op when stderr is not a TTY or `quiet`. */
export function createProgress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  if (o.quiet || !stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ` {bar} {percentage}% | {value}/{total} ${o.unit} | {rate} ${o.unit}/s | {eta_formatted} left`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const first = o.start ?? 0;
  bar.start(o.total, first, { rate: '–' });
  let stopped = false;
  return {
    update(done) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? compact((done - first) / seconds) : '–' });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
