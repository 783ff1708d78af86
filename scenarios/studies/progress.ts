/**
 * Where a long study reports how much is done (the CLI passes a progress bar; a library
 * caller may pass nothing). The unit is the study's own: cells for a sweep, centre-days for
 * the full year.
 */
export interface ProgressSink {
  /** Sets the amount done (same unit as the total). */
  update(done: number): void;
  /** The study is over (finished, failed or interrupted). Safe to call twice. */
  stop(): void;
}
