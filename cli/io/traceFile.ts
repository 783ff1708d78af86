/**
 * `--trace FILE`: one CSV row per contact of a simulation, written as the engine reports them
 * (the engine's TraceSink is synchronous, so rows are gathered in ~64 KB chunks and written
 * synchronously).
 * Written whole or not at all by `runTracedQuick` (trace.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { TraceSink } from '../../engine/des/index.js';
import { InputError } from '../errors.js';

const TRACE_HEADER = 'replication,contact,channel,retrial,arrivalTime,offeredTime,outcome,waitSeconds,handleSeconds,group\n';

/** A CSV trace file: rows gathered in ~64 KB chunks and written synchronously (the engine's sink is synchronous). */
export class TraceFile {
  private fd: number;
  private buf = '';
  constructor(path: string, private readonly channels: readonly string[], private readonly groups: readonly string[]) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw new InputError(`--trace: cannot write ${path}: ${(err as Error).message}`);
    }
    this.buf = TRACE_HEADER;
  }
  sink(replication: number): TraceSink {
    return (id, channel, retrial, arrival, offered, outcome, wait, handle, group) => {
      this.buf += `${replication},${id},${this.channels[channel]},${retrial ? 1 : 0},${arrival},${Number.isNaN(offered) ? '' : offered},${outcome},${wait},${handle},${group >= 0 ? this.groups[group] : ''}\n`;
      if (this.buf.length > 65536) this.flush();
    };
  }
  flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf);
    this.buf = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
