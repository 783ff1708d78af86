/**
 * `erlang --batch` and `staff` on worker threads give the bytes of the serial code: chunks of
 * lines cut anywhere (tiny chunks here), CRLF line ends, blank and bad lines (their line
 * numbers in the error messages), a last line without a newline; staff rows equal
 * `staffIntervals` key for key. Needs `npx tsc -p tsconfig.json` (workers run dist/).
 */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { runBatch } from '../../cli/batch/evaluate.js';
import { runBatchParallel } from '../../cli/batch/parallel.js';
import { staffIntervals, staffIntervalsParallel } from '../../scenarios/studies/staffDay.js';
import type { Forecast } from '../../cli/io/forecast.js';

function sink() {
  return { text: '', write(c: string) { this.text += c; return true; }, once() { return this; } };
}

function input(): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const a = 1 + (i % 37);
    if (i % 97 === 5) lines.push('');
    if (i % 101 === 7) lines.push('{"id":"bad","agents":-1,"erlangs":2,"aht":180,"target":20}');
    if (i % 131 === 9) lines.push('not json');
    lines.push(i % 3 === 0
      ? `{"id":${i},"model":"erlang-a","agents":${a},"erlangs":${(a * 0.9).toFixed(2)},"aht":300,"target":20,"patience":120}`
      : i % 3 === 1 ? `{"id":${i},"agents":${a},"erlangs":${(a * 0.8).toFixed(2)},"aht":180,"target":20}`
        : `{"id":${i},"model":"erlang-b","agents":${a},"erlangs":${(a * 0.7).toFixed(2)}}`);
  }
  return lines.join('\r\n'); // CRLF, and no newline after the last line
}

describe('runBatchParallel', () => {
  it('equals runBatch byte for byte, in small chunks over 1 and 3 workers, and on the main thread below the crossover', async () => {
    const text = input();
    const serial = sink();
    const s = await runBatch(Readable.from([text.slice(0, 5000), text.slice(5000)]), serial);
    expect(s.failed).toBeGreaterThan(0);
    expect(serial.text).toMatch(/"error":"line \d+: /);
    for (const [workers, chunkChars, minLines] of [[1, 300, 0], [3, 1000, 0], [2, 1 << 19, 1e9]] as const) {
      const out = sink();
      const p = await runBatchParallel(Readable.from([text.slice(0, 777), text.slice(777)]), out, { workers, chunkChars, minLines });
      expect(out.text).toBe(serial.text);
      expect(p).toEqual(s);
    }
  });
});

describe('staffIntervalsParallel', () => {
  it('equals staffIntervals row for row (Erlang A, two targets), over 2 workers', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({ row: i + 1, line: i + 2, start: `r${i}`, startSeconds: i * 900, calls: 50 + ((i * 37) % 900), aht: 150 + (i % 60) }));
    const forecast: Forecast = { rows, intervalSeconds: 900, intervalSource: 'flag', hasPatience: false };
    const opts = { model: 'erlang-a' as const, targetSeconds: 20, slTarget: 0.8, abandonTarget: 0.05, patienceSeconds: 120, shrinkage: 0.3 };
    const serial = staffIntervals(forecast, opts, 'f.csv');
    const par = await staffIntervalsParallel(forecast, opts, 'f.csv', { workers: 2, minRows: 0 });
    expect(JSON.stringify(par)).toBe(JSON.stringify(serial));
    expect(serial.some((r) => r.binding.length === 2 || r.binding.includes('abandon'))).toBe(true);
  });

  it('an Erlang A row without patience is the serial error, before any thread starts', async () => {
    const forecast: Forecast = { rows: [{ row: 1, line: 2, start: '00:00', startSeconds: 0, calls: 10, aht: 180 }], intervalSeconds: 900, intervalSource: 'flag', hasPatience: false };
    const opts = { model: 'erlang-a' as const, targetSeconds: 20, slTarget: 0.8 };
    await expect(staffIntervalsParallel(forecast, opts, 'f.csv', { workers: 2, minRows: 0 })).rejects.toThrow('f.csv: row 1 (line 2) has no patience; give --patience SECONDS or a patience column for Erlang A');
  });
});
