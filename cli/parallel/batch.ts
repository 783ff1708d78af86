/**
 * `ccsim erlang --batch` on worker threads: lines are read on the main thread, cut into
 * chunks of `chunkLines`, evaluated by workers (`batchTasks.ts`) and written in input order,
 * so the output bytes are those of the single-threaded `runBatch` whatever the worker count.
 *
 * Small inputs stay on the main thread: starting workers costs ~40 ms, which pays only from
 * `PARALLEL_BATCH_MIN_LINES` lines on (measured crossover, see bench/suites/parallel.ts). The
 * input is read until that many lines are seen; if it ends first, the lines are evaluated
 * here without any thread.
 */
import type { Readable } from 'node:stream';
import { openPool, siblingUrl } from '../../engine/parallel/index.js';
import type { Task } from '../../engine/parallel/index.js';
import { lineBatches } from '../io/lines.js';
import { ChunkWriter, type WritableLike } from '../io/output.js';
import type { BatchSummary } from '../io/batch.js';
import { evaluateBatchChunk, type BatchChunkInput, type BatchChunkOutput } from './batchTasks.js';

/** Below this many lines, a batch runs on the main thread (crossover measured on 2 cores). */
export const PARALLEL_BATCH_MIN_LINES = 50_000;
/** Lines per worker task: ~10–20 ms of work, so messaging costs < 1%. */
export const BATCH_CHUNK_LINES = 8192;

export interface ParallelBatchOptions {
  /** Worker threads (≥ 1); 1 still uses a thread unless the input is small. */
  workers: number;
  /** Override the crossover (tests, benchmarks): 0 always uses workers. */
  minLines?: number;
  chunkLines?: number;
  signal?: AbortSignal;
}

/**
 * Streams JSON lines from `input` to `output` like `runBatch`, spreading large inputs over
 * worker threads. Same output bytes and summary as `runBatch`.
 */
export async function runBatchParallel(
  input: Readable | AsyncIterable<string>,
  output: WritableLike,
  options: ParallelBatchOptions,
): Promise<BatchSummary> {
  const minLines = options.minLines ?? PARALLEL_BATCH_MIN_LINES;
  const chunkLines = options.chunkLines ?? BATCH_CHUNK_LINES;
  const batches = lineBatches(input)[Symbol.asyncIterator]();
  // Look ahead up to the crossover: a small input never starts a thread.
  const head: string[] = [];
  let ended = false;
  while (head.length < minLines || minLines === 0) {
    const next = await batches.next();
    if (next.done) {
      ended = true;
      break;
    }
    for (const line of next.value) head.push(line);
    if (minLines === 0) break;
  }
  const writer = new ChunkWriter(output);
  const summary: BatchSummary = { lines: 0, failed: 0 };
  const take = (r: BatchChunkOutput) => {
    summary.lines += r.lines;
    summary.failed += r.failed;
    return writer.push(r.text);
  };
  if (ended && (head.length < minLines || options.workers < 1)) {
    for (let i = 0; i < head.length; i += chunkLines) {
      if (take(evaluateBatchChunk({ text: head.slice(i, i + chunkLines).join('\n'), firstLineNo: i + 1 }))) await writer.flush();
    }
    await writer.flush();
    return summary;
  }

  async function* chunks(): AsyncGenerator<Task<BatchChunkInput>> {
    let lineNo = 1;
    let pending = head;
    for (;;) {
      while (pending.length >= chunkLines || (ended && pending.length > 0)) {
        const part = pending.length > chunkLines ? pending.slice(0, chunkLines) : pending;
        pending = pending.length > chunkLines ? pending.slice(chunkLines) : [];
        yield { kind: 'erlang-batch-chunk', input: { text: part.join('\n'), firstLineNo: lineNo }, label: `lines ${lineNo}–${lineNo + part.length - 1}` };
        lineNo += part.length;
      }
      if (ended) return;
      const next = await batches.next();
      if (next.done) ended = true;
      else if (pending.length === 0) pending = next.value;
      else for (const line of next.value) pending.push(line);
    }
  }

  const pool = await openPool({ workers: options.workers, modules: [siblingUrl(import.meta.url, './batchTasks')] });
  try {
    await pool.run<BatchChunkOutput>(chunks(), {
      maxAhead: 4 * options.workers + 4,
      ...(options.signal ? { signal: options.signal } : {}),
      onResult: async (_, r) => {
        if (take(r)) await writer.flush();
      },
    });
  } finally {
    await writer.flush();
    await pool.close();
  }
  return summary;
}
