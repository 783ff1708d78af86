/**
 * `ccsim erlang --batch` on worker threads: the input is cut into chunks of whole lines
 * (~`chunkChars` characters, cut at a newline — the main thread never splits lines), each
 * chunk is evaluated by a worker with the same pure per-line function as `runBatch`
 * (`batchTasks.ts`), and the outputs are written in input order: the output bytes are those of
 * the single-threaded `runBatch` whatever the worker count.
 *
 * Small inputs stay on the main thread: starting workers and warming their JIT costs
 * ~0.1–0.2 s, which pays only from `PARALLEL_BATCH_MIN_LINES` lines on (crossover measured on
 * this 2-core machine, see bench/suites/parallel.ts). The input is read until that many lines
 * are seen; if it ends first, it is evaluated here without any thread.
 */
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { openPool, siblingUrl } from '../../engine/parallel/index.js';
import type { Task } from '../../engine/parallel/index.js';
import { ChunkWriter, type WritableLike } from '../io/output.js';
import { MAX_BATCH_LINE_CHARS, type BatchSummary } from './evaluate.js';
import { capLongLines } from '../io/lines.js';
import { evaluateBatchChunk, type BatchChunkInput, type BatchChunkOutput } from './tasks.js';

/** Below this many lines, a batch runs on the main thread (crossover measured on 2 cores). */
export const PARALLEL_BATCH_MIN_LINES = 500_000;
/** The same crossover in bytes of input (JSON lines of ~100 characters), for choosing by file size. */
export const PARALLEL_BATCH_MIN_BYTES = 50_000_000;

/**
 * Whether `erlang --batch` should use workers: a file of at least PARALLEL_BATCH_MIN_BYTES
 * with more than one worker; standard input only when `--workers` (> 1) was given, so an
 * interactive pipe keeps `runBatch`'s line-by-line streaming.
 */
export function useParallelBatch(path: string, workers: number, workersGiven: boolean): boolean {
  if (workers <= 1) return false;
  if (path === '-') return workersGiven;
  try {
    return statSync(path).size >= PARALLEL_BATCH_MIN_BYTES;
  } catch {
    return false; // the open that follows reports the problem
  }
}
/** Characters per worker task (~4,000 lines of ~110 characters; ~15 ms of work). */
export const BATCH_CHUNK_CHARS = 1 << 19;

export interface ParallelBatchOptions {
  /** Worker threads (≥ 1); 1 still uses a thread unless the input is small. */
  workers: number;
  /** Override the crossover (tests, benchmarks): 0 always uses workers. */
  minLines?: number;
  chunkChars?: number;
  signal?: AbortSignal;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Streams JSON lines from `input` to `output` like `runBatch`, spreading large inputs over
 * worker threads. Same output bytes and summary as `runBatch`.
 */
export async function runBatchParallel(
  input: Readable | AsyncIterable<string | Buffer>,
  output: WritableLike,
  options: ParallelBatchOptions,
): Promise<BatchSummary> {
  const minLines = options.minLines ?? PARALLEL_BATCH_MIN_LINES;
  const chunkChars = options.chunkChars ?? BATCH_CHUNK_CHARS;
  const source = capLongLines(input as AsyncIterable<string | Buffer>, MAX_BATCH_LINE_CHARS)[Symbol.asyncIterator]();
  // Whole-line pieces of the input, each without its last line end.
  let rest = '';
  let ended = false;
  const pieces: string[] = [];
  let seenLines = 0;
  /** Reads until a piece is ready (or the end); false at the end with nothing left. */
  const fill = async (): Promise<boolean> => {
    while (pieces.length === 0) {
      if (ended) {
        if (rest.length === 0) return false;
        pieces.push(rest);
        rest = '';
        return true;
      }
      const next = await source.next();
      if (next.done) {
        ended = true;
        continue;
      }
      rest += next.value;
      while (rest.length >= chunkChars) {
        const cut = rest.lastIndexOf('\n', chunkChars);
        const at = cut === -1 ? rest.indexOf('\n', chunkChars) : cut;
        if (at === -1) break; // one very long line: wait for its end
        pieces.push(rest.slice(0, at));
        rest = rest.slice(at + 1);
      }
    }
    return true;
  };

  // Look ahead up to the crossover: a small input never starts a thread.
  const head: string[] = [];
  while (seenLines < minLines && (await fill())) {
    const piece = pieces.shift()!;
    head.push(piece);
    seenLines += countLines(piece);
  }
  const writer = new ChunkWriter(output);
  const summary: BatchSummary = { lines: 0, failed: 0, deprecated: [] };
  const take = (r: BatchChunkOutput) => {
    summary.lines += r.lines;
    summary.failed += r.failed;
    for (const d of r.deprecated) if (!summary.deprecated.includes(d)) summary.deprecated.push(d);
    return writer.push(r.text);
  };
  const small = seenLines < minLines && pieces.length === 0 && ended && rest.length === 0;
  if (small || options.workers < 1) {
    let lineNo = 1;
    for (const piece of head) {
      if (take(evaluateBatchChunk({ text: piece, firstLineNo: lineNo }))) await writer.flush();
      lineNo += countLines(piece);
    }
    await writer.flush();
    return summary;
  }

  async function* chunks(): AsyncGenerator<Task<BatchChunkInput>> {
    let lineNo = 1;
    const emit = (piece: string): Task<BatchChunkInput> => {
      const lines = countLines(piece);
      const task = { kind: 'erlang-batch-chunk', input: { text: piece, firstLineNo: lineNo }, label: `lines ${lineNo}–${lineNo + lines - 1}` };
      lineNo += lines;
      return task;
    };
    for (const piece of head) yield emit(piece);
    while (await fill()) yield emit(pieces.shift()!);
  }

  const pool = await openPool({ workers: options.workers, modules: [siblingUrl(import.meta.url, './tasks')] });
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
