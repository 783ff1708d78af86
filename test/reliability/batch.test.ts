/**
 * One batch line can never spoil the batch (issue 14, point 4): ids come back as their raw
 * text (no recursion, whatever their depth), a line nested too deep, too long, or with a key
 * given twice is an error of that line only, a byte-order mark is ignored, and the output
 * bytes are the same on the main thread and on any number of workers.
 */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateBatchLine, MAX_BATCH_DEPTH, MAX_BATCH_LINE_CHARS, runBatch } from '../../cli/batch/evaluate.js';
import { runBatchParallel } from '../../cli/batch/parallel.js';
import { capLongLines, lineBatches } from '../../cli/io/lines.js';
import { erlangB } from '../../engine/erlang/index.js';
import { probe, PROBE_CPU_SECONDS, PROBE_RSS_MB, tempDir } from './probe.js';

const B = '"model":"erlang-b","agents":2,"erlangs":1';
const good = (id: string) => `{"id":${id},${B}}`;
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Collects what a batch writes. */
function sink() {
  let text = '';
  return { out: { write: (c: string) => ((text += c), true), once: () => undefined }, text: () => text };
}

async function viaRunBatch(input: string): Promise<string> {
  const s = sink();
  await runBatch(Readable.from([input]), s.out);
  return s.text();
}

async function viaWorkers(input: string, workers: number): Promise<string> {
  const s = sink();
  await runBatchParallel(Readable.from([input]), s.out, { workers, minLines: 0, chunkChars: 256 });
  return s.text();
}

describe('batch ids: echoed as their raw text', () => {
  it('any JSON id comes back byte for byte (spacing, number spelling, nesting)', () => {
    for (const id of ['1.0', '1e3', '"a\\u00e9\\"b"', '{ "region" : "north", "cell": [1, 2] }', 'null', 'true', '-0', nested(MAX_BATCH_DEPTH - 1)]) {
      const out = evaluateBatchLine(good(id), 1)!;
      expect(out.failed).toBe(false);
      expect(out.text.startsWith(`{"id":${id},"model":"erlang-b"`), id).toBe(true);
      expect(JSON.parse(out.text).blocking).toBe(erlangB(2, 1));
    }
  });

  it('the id of a line with an error is echoed too; no id is null', () => {
    expect(evaluateBatchLine('{"id": [7, "x"], "model": "erlang-q"}', 3)!.text).toBe('{"id":[7, "x"],"error":"line 3: model must be \\"erlang-b\\", \\"erlang-c\\", \\"erlang-a\\" or \\"mmng\\", got \\"erlang-q\\""}');
    expect(JSON.parse(evaluateBatchLine(`{${B}}`, 1)!.text).id).toBeNull();
  });
});

describe('per-line limits: one bad line spoils only itself', () => {
  it('nested deeper than the limit (5,000 levels; 100,000 is over the length limit first): that line\'s error, the others answered, same bytes with 0, 1 and 2 workers', async () => {
    const lines = [good('1'), good(nested(5_000)), good('3'), good(nested(100_000)), good('5')];
    const input = `${lines.join('\n')}\n`;
    const single = await viaRunBatch(input);
    const out = single.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: unknown; error?: string; blocking?: number });
    expect(out).toHaveLength(5);
    expect(out.map((o) => o.id)).toEqual([1, null, 3, null, 5]);
    expect(out[1]!.error).toBe(`line 2: nested 5001 levels deep, more than the ${MAX_BATCH_DEPTH} allowed in a batch line`);
    expect(out[3]!.error).toBe(`line 4: longer than ${MAX_BATCH_LINE_CHARS} characters (the limit of a batch line)`);
    for (const k of [0, 2, 4]) expect(out[k]!.blocking).toBe(erlangB(2, 1));
    expect(await viaWorkers(input, 1)).toBe(single);
    expect(await viaWorkers(input, 2)).toBe(single);
  });

  it('a line over the length limit: its error; memory bounded by the cap, the next line answered', async () => {
    const huge = `{"id":"${'x'.repeat(MAX_BATCH_LINE_CHARS * 3)}",${B}}`;
    const input = `${good('1')}\n${huge}\n${good('3')}\n`;
    const out = (await viaRunBatch(input)).trimEnd().split('\n').map((l) => JSON.parse(l) as { id: unknown; error?: string });
    expect(out.map((o) => o.id)).toEqual([1, null, 3]);
    expect(out[1]!.error).toBe(`line 2: longer than ${MAX_BATCH_LINE_CHARS} characters (the limit of a batch line)`);
    expect(await viaWorkers(input, 2)).toBe(await viaRunBatch(input));
  });

  it('capLongLines keeps at most max + 1 characters of a line, across chunks, and drops a leading BOM', async () => {
    const chunks = ['\uFEFFab', 'cdefgh', 'ij\nkl', 'm\nnopqrstuvw', 'xyz'];
    const kept: string[] = [];
    for await (const batch of lineBatches(capLongLines(Readable.from(chunks), 4))) kept.push(...batch);
    expect(kept).toEqual(['abcde', 'klm', 'nopqr']);
  });

  it('a key given twice is an error of its line, naming the key; escaped spellings count as the same key', () => {
    expect(JSON.parse(evaluateBatchLine(`{"id":9,${B},"agents":3}`, 4)!.text)).toEqual({ id: 9, error: 'line 4: the key "agents" is given twice; give each field once' });
    expect(JSON.parse(evaluateBatchLine(`{"id":9,${B},"\\u0061gents":3}`, 4)!.text).error).toMatch(/the key "agents" is given twice/);
    // A duplicate that drops a nested value (found by the fuzz test): the id echoed is the one JSON.parse keeps.
    expect(evaluateBatchLine('{"id":[null,""],"id":""}', 1)!.text).toBe('{"id":"","error":"line 1: the key \\"id\\" is given twice; give each field once"}');
    expect(JSON.parse(evaluateBatchLine(`{"x":{"id":1},"x":2,"id":3,${B}}`, 1)!.text).id).toBe(3);
    // Keys nested inside the id are the id's business: echoed, not judged.
    expect(evaluateBatchLine(good('{"a":1,"a":2}'), 1)!.failed).toBe(false);
  });

  it('a byte-order mark before the first line is ignored (file and stdin, main thread and workers)', async () => {
    const input = `\uFEFF${good('1')}\n${good('2')}\n`;
    const out = await viaRunBatch(input);
    expect(out).toBe(`${evaluateBatchLine(good('1'), 1)!.text}\n${evaluateBatchLine(good('2'), 2)!.text}\n`);
    expect(await viaWorkers(input, 2)).toBe(out);
    expect(evaluateBatchLine(`\uFEFF${good('1')}`, 1)!.failed).toBe(false);
  });

  it('end to end: a file with a 5,000-deep id and a BOM, one thread and two workers: same bytes, good lines kept, one stderr line, bounded', () => {
    const dir = tempDir('batch');
    const path = join(dir, 'deep.jsonl');
    writeFileSync(path, `\uFEFF${good('"a"')}\n${good(nested(5_000))}\n${good('"c"')}\n`);
    const one = probe(['erlang', '--batch', path, '--workers', '1']);
    const two = probe(['erlang', '--batch', path, '--workers', '2']);
    for (const r of [one, two]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('ccsim: 1 of 3 batch lines failed; see their "error" fields\n');
      expect(r.cpuSeconds <= PROBE_CPU_SECONDS && r.maxRssMb <= PROBE_RSS_MB, `${r.cpuSeconds} s, ${r.maxRssMb} MB`).toBe(true);
    }
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: unknown }).id)).toEqual(['a', null, 'c']);
  });
});
