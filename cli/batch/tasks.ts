/**
 * Worker handlers for `ccsim erlang --batch`: a chunk of JSON lines in, their output lines
 * out, with the same pure per-line function as the main thread (`evaluateBatchLine`), so the
 * output is byte-identical whoever evaluates it. Loaded by worker threads through
 * `engine/parallel` (by URL): lives in `cli/` because the batch contract does.
 */
import { evaluateBatchLine } from './evaluate.js';

export interface BatchChunkInput {
  /** The chunk's lines, joined by '\n' (or '\r\n'); no line end after the last. */
  text: string;
  /** Number of the chunk's first line in the whole input (1-based, blank lines counted). */
  firstLineNo: number;
}

export interface BatchChunkOutput {
  /** Output lines, each ending with '\n'. */
  text: string;
  /** Non-blank lines evaluated. */
  lines: number;
  /** Of which answered with an error object. */
  failed: number;
  /** Old field spellings seen (each once). */
  deprecated: string[];
}

/** Evaluates a chunk of lines (pure). */
export function evaluateBatchChunk({ text, firstLineNo }: BatchChunkInput): BatchChunkOutput {
  let out = '';
  let lines = 0;
  let failed = 0;
  const deprecated: string[] = [];
  let lineNo = firstLineNo;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    let line = nl === -1 ? text.slice(start) : text.slice(start, nl);
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1); // \r\n line ends, as lineBatches

    const r = evaluateBatchLine(line, lineNo++);
    if (r !== undefined) {
      lines++;
      if (r.failed) failed++;
      if (r.deprecated !== undefined && !deprecated.includes(r.deprecated)) deprecated.push(r.deprecated);
      out += r.text;
      out += '\n';
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return { text: out, lines, failed, deprecated };
}

export const handlers = {
  'erlang-batch-chunk': evaluateBatchChunk,
};
