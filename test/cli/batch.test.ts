/**
 * The batch contract of `ccsim erlang --batch`: one output line per non-blank input line, in
 * order; figures equal the engine's; Infinity → null; a bad line yields {"id","error"} naming
 * the line, the field and the range, later lines go on; exit 1 when any line failed; stdin `-`.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { erlangAFigures, erlangB, erlangCFigures, solveAgents } from '../../engine/erlang/index.js';
import { mmngFigures, patienceCurve } from '../../engine/erlang/index.js';
import { evaluateBatchLine, evaluateBatchRecord, runBatch } from '../../cli/batch/evaluate.js';
import { lineBatches } from '../../cli/io/lines.js';
import { ChunkWriter } from '../../cli/io/output.js';
import { hasStack, run, spawnCli, tempFile } from './run.js';

const C = { model: 'erlang-c', agents: 14, erlangs: 10, aht: 180, targetSeconds: 20 };

describe('evaluateBatchRecord (pure, the unit a worker runs)', () => {
  it('erlang-c fields equal erlangCFigures; no blocking', () => {
    const r = evaluateBatchRecord({ id: 'x', ...C });
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    const f = erlangCFigures(14, 10, 180, 20);
    expect(r.figures).toEqual({ id: 'x', model: 'erlang-c', agents: 14, erlangs: 10, pWait: f.pWait, serviceLevel: f.serviceLevel, slAnswered: f.slAnswered, asa: f.asa, meanWait: f.meanWait, pAbandon: f.pAbandon, answerRate: f.answerRate, occupancy: f.occupancy });
  });

  it('erlang-b gives id, model, agents, erlangs, blocking only', () => {
    const r = evaluateBatchRecord({ id: 2, model: 'erlang-b', agents: 5, erlangs: 3 });
    expect(r).toEqual({ state: 'ok', figures: { id: 2, model: 'erlang-b', agents: 5, erlangs: 3, blocking: erlangB(5, 3) } });
  });

  it('arrivalRate × aht is the load; model defaults to erlang-a when patience is given', () => {
    const r = evaluateBatchRecord({ id: 3, agents: 14, arrivalRate: 0.05, aht: 200, targetSeconds: 20, patience: 300 });
    expect(r.state === 'ok' && r.figures.model).toBe('erlang-a');
    expect(r.state === 'ok' && r.figures.erlangs).toBeCloseTo(10, 14);
    expect(r.state === 'ok' && r.figures.pAbandon).toBe(erlangAFigures(14, 0.05 * 200, 200, 300, 20).pAbandon);
  });

  it('patience with patienceDist/patienceCv, or as a whole distribution, selects mmng: fields equal mmngFigures', () => {
    const P = { agents: 14, erlangs: 10, aht: 180, target: 20 };
    const flags = evaluateBatchRecord({ ...P, agents: 100, erlangs: 95, aht: 300, patience: 120, patienceDist: 'lognormal', patienceCv: 2.5 });
    const f = mmngFigures(100, 95, 300, patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 }), 20);
    expect(flags.state === 'ok' && flags.figures).toMatchObject({ model: 'mmng', serviceLevel: f.serviceLevel, asa: f.asa, pAbandon: f.pAbandon });
    const mixture = { kind: 'mixture', components: [{ weight: 0.2, kind: 'exponential', mean: 5 }, { weight: 0.8, kind: 'weibull', mean: 150, shape: 0.7 }] } as const;
    const whole = evaluateBatchRecord({ ...P, patience: mixture });
    expect(whole.state === 'ok' && whole.figures.serviceLevel).toBe(mmngFigures(14, 10, 180, patienceCurve(mixture), 20).serviceLevel);
    // a mean alone is exponential: Erlang A
    const a = evaluateBatchRecord({ ...P, patience: 120 });
    expect(a.state === 'ok' && a.figures.model).toBe('erlang-a');
  });

  it('solve: agents = requiredAgents of solveAgents; requiredStaff after shrinkage', () => {
    const r = evaluateBatchRecord({ id: 4, model: 'erlang-c', solve: 'agents', erlangs: 10, aht: 180, targetSeconds: 20, slTarget: 0.8, shrinkage: 0.3 });
    const s = solveAgents({ model: 'erlang-c', erlangs: 10, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8, shrinkage: 0.3 });
    expect(r.state === 'ok' && r.figures).toMatchObject({ agents: s.requiredAgents, requiredAgents: s.requiredAgents, requiredStaff: s.requiredStaff, serviceLevel: s.figures.serviceLevel });
  });

  it('calls per interval: load = calls / intervalSeconds × aht (as --calls with --interval-seconds)', () => {
    const r = evaluateBatchRecord({ id: 'c', agents: 14, calls: 100, intervalSeconds: 1800, aht: 180, targetSeconds: 20 });
    expect(r.state === 'ok' && r.figures.erlangs).toBe(10);
    expect(r.state === 'ok' && r.figures.serviceLevel).toBe(erlangCFigures(14, 10, 180, 20).serviceLevel);
    const noInterval = evaluateBatchRecord({ agents: 14, calls: 100, aht: 180 });
    expect(noInterval.state === 'error' && noInterval.error).toMatch(/^missing field "intervalSeconds" \(interval length, seconds, with "calls"\)/);
    const stray = evaluateBatchRecord({ ...C, intervalSeconds: 1800 });
    expect(stray.state === 'error' && stray.error).toMatch(/"intervalSeconds" applies only with "calls"/);
  });

  it('targetSeconds defaults to 20 s, as --target-seconds', () => {
    const { targetSeconds: _t, ...noTarget } = C;
    const r = evaluateBatchRecord(noTarget);
    const s = evaluateBatchRecord(C);
    expect(r.state === 'ok' && s.state === 'ok' && r.figures).toEqual(s.state === 'ok' && s.figures);
  });

  it('the old field "target" still works, marked deprecated; with "targetSeconds" too it is an error', () => {
    const { targetSeconds: _t, ...noTarget } = C;
    const old = evaluateBatchRecord({ ...noTarget, target: 15 });
    const now = evaluateBatchRecord({ ...noTarget, targetSeconds: 15 });
    expect(old.deprecated).toBe('target');
    expect(old.state === 'ok' && now.state === 'ok' && old.figures).toEqual(now.state === 'ok' && now.figures);
    expect(now.deprecated).toBeUndefined();
    const both = evaluateBatchRecord({ ...C, target: 15 });
    expect(both.state === 'error' && both.error).toBe('give "targetSeconds" once: "target" is its old name');
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['negative agents', { ...C, agents: -1 }, /^agents must be a whole number ≥ 0, got -1$/],
    ['fractional agents', { ...C, agents: 2.5 }, /^agents must be a whole number ≥ 0, got 2\.5$/],
    ['agents as a string', { ...C, agents: '14' }, /^agents must be a whole number ≥ 0, got "14"$/],
    ['NaN (as JSON can carry it: a string)', { ...C, erlangs: 'NaN' }, /^erlangs must be a number ≥ 0 erlangs, got "NaN"$/],
    ['missing aht', { model: 'erlang-c', agents: 14, erlangs: 10, targetSeconds: 20 }, /^missing field "aht"/],
    ['missing agents', { model: 'erlang-c', erlangs: 10, aht: 180, targetSeconds: 20 }, /^missing field "agents"/],
    ['missing load', { model: 'erlang-c', agents: 14, aht: 180, targetSeconds: 20 }, /^missing field "erlangs".*"arrivalRate".*"calls"/],
    ['both loads', { ...C, arrivalRate: 0.05 }, /give one load: "erlangs", "arrivalRate" or "calls".*not "erlangs" and "arrivalRate"/],
    ['unknown model', { ...C, model: 'erlang-x' }, /^model must be "erlang-b", "erlang-c", "erlang-a" or "mmng", got "erlang-x"$/],
    ['patience CV 0', { ...C, patience: 120, patienceDist: 'lognormal', patienceCv: 0 }, /^patienceCv must be a number in \(0, 100\]/],
    ['mixture weights not summing to 1', { ...C, patience: { kind: 'mixture', components: [{ weight: 0.5, kind: 'exponential', mean: 5 }, { weight: 0.6, kind: 'exponential', mean: 200 }] } },
      /^patience\.components weights must sum to 1, got 0\.5 \+ 0\.6 = 1\.1$/],
    ['empirical patience with a negative value', { ...C, patience: { kind: 'empirical', values: [-4, 30] } }, /^patience\.values\[0\] must be ≥ 0 seconds \(finite\), got -4$/],
    ['patienceDist without patience', { ...C, patienceDist: 'lognormal' }, /"patienceDist" and "patienceCv" need "patience"/],
    ['erlang-a with lognormal patience', { ...C, model: 'erlang-a', patience: 120, patienceCv: 2 }, /"erlang-a" assumes exponential patience, got lognormal/],
    ['unknown field', { ...C, ahtt: 3 }, /^unknown field "ahtt"; allowed fields: id, model/],
    ['erlang-a without patience', { ...C, model: 'erlang-a' }, /^missing field "patience"/],
    ['SL target 1', { ...C, agents: undefined, solve: 'agents', slTarget: 1 }, /^slTarget must be a number in \(0, 1\)/],
    ['solve with agents', { ...C, solve: 'agents', slTarget: 0.8 }, /either "agents" or "solve"/],
    ['solve with no target', { ...C, agents: undefined, solve: 'agents' }, /needs at least one of "slTarget"/],
    ['target field without solve', { ...C, slTarget: 0.8 }, /apply only with "solve": "agents"/],
    ['not an object', [1, 2] as unknown as Record<string, unknown>, /^expected a JSON object, got \[1,2\]$/],
  ];
  for (const [name, rec, message] of bad) {
    it(`${name} → error naming the field and range`, () => {
      const r = evaluateBatchRecord(rec);
      expect(r.state).toBe('error');
      if (r.state === 'error') expect(r.error).toMatch(message);
    });
  }

  it('evaluateBatchLine: unparseable JSON → id null, names the line; blank line → nothing', () => {
    const out = evaluateBatchLine('{"id": 1, agents: 3}', 42);
    expect(out?.failed).toBe(true);
    const doc = JSON.parse(out?.text ?? '');
    expect(doc.id).toBeNull();
    expect(doc.error).toMatch(/^line 42: not valid JSON/);
    expect(evaluateBatchLine('   ', 7)).toBeUndefined();
  });
});

describe('ccsim erlang --batch FILE', () => {
  const input = [
    JSON.stringify({ id: 'first', ...C }),
    JSON.stringify({ id: 2, model: 'erlang-b', agents: 5, erlangs: 3 }),
    '',
    JSON.stringify({ id: { k: [1] }, model: 'erlang-c', agents: 5, erlangs: 10, aht: 180, targetSeconds: 20 }),
    'not json',
    JSON.stringify({ id: 5, ...C, agents: -1 }),
    JSON.stringify({ id: 6, ...C, model: 'erlang-a', patience: 300 }),
  ].join('\r\n');

  it('keeps order, one line each, errors per line, Infinity → null, exit 1', async () => {
    const path = tempFile('in.jsonl', input);
    const r = await run(['erlang', '--batch', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ccsim: 2 of 6 batch lines failed; see their "error" fields\n');
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['first', 2, { k: [1] }, null, 5, 6]);
    expect(out[0].pWait).toBe(erlangCFigures(14, 10, 180, 20).pWait);
    expect(out[1]).toEqual({ id: 2, model: 'erlang-b', agents: 5, erlangs: 3, blocking: erlangB(5, 3) });
    expect(out[2].asa).toBeNull(); // 5 agents for 10 erlangs: the queue grows without bound
    expect(out[2].meanWait).toBeNull();
    expect(out[2].serviceLevel).toBe(0);
    expect(out[3].error).toMatch(/^line 5: not valid JSON/);
    expect(out[4]).toEqual({ id: 5, error: 'line 6: agents must be a whole number ≥ 0, got -1' });
    expect(out[5].pAbandon).toBe(erlangAFigures(14, 10, 180, 300, 20).pAbandon);
    expect(r.stdout).not.toMatch(/Infinity|NaN/);
  });

  it('all lines good → exit 0, nothing on stderr', async () => {
    const path = tempFile('ok.jsonl', `${JSON.stringify({ id: 1, ...C })}\n${JSON.stringify({ id: 2, ...C, agents: 15 })}\n`);
    const r = await run(['erlang', '--batch', path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toHaveLength(3);
  });

  it('old field "target": the same output, one warning on stderr for the whole run', async () => {
    const { targetSeconds: _t, ...noTarget } = C;
    const old = tempFile('old.jsonl', `${JSON.stringify({ id: 1, ...noTarget, target: 20 })}\n${JSON.stringify({ id: 2, ...noTarget, target: 20 })}\n`);
    const r = await run(['erlang', '--batch', old]);
    const now = await run(['erlang', '--batch', tempFile('new.jsonl', `${JSON.stringify({ id: 1, ...C })}\n${JSON.stringify({ id: 2, ...C })}\n`)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(now.stdout);
    expect(r.stderr).toBe('ccsim: batch field "target" is deprecated and will be removed in the next release; write "targetSeconds"\n');
  });

  it('the shipped sample scenarios/examples/cells.jsonl: every line answers; pyworkforce\'s example gives SL 0.88835', async () => {
    const r = await run(['erlang', '--batch', 'scenarios/examples/cells.jsonl']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(out.every((o) => o.error === undefined)).toBe(true);
    // pyworkforce ErlangC(transactions=100, aht=3 min, interval=30 min, asa=20/60 min): service_level(14) = 0.8883500191794669
    const py = out.find((o) => o.id === 'pyworkforce');
    expect(Math.abs(py.serviceLevel - 0.8883500191794669)).toBeLessThanOrEqual(1e-12);
    expect(out.find((o) => o.id === 'erlang-b')).toEqual({ id: 'erlang-b', model: 'erlang-b', agents: 2, erlangs: 1, blocking: 0.2 }); // B(2, 1) = (1/2) / (1 + 1 + 1/2)
  });

  it('a missing file → exit 1, one line naming it', async () => {
    const r = await run(['erlang', '--batch', '/nonexistent/cells.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ccsim: /nonexistent/cells.jsonl: cannot read (no such file); give a file path, or - for stdin\n');
  });

  it('--batch with other value flags is a usage error (exit 2)', async () => {
    const r = await run(['erlang', '--batch', '-', '--agents', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--batch takes every value from the file; drop --agents/);
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('reads stdin with `-` (end to end, compiled)', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, ...C, agents: 11 + (i % 10) }));
    lines[1234] = '{"id": 1234, "model": "erlang-c", "agents": 1.5, "erlangs": 1, "aht": 1, "targetSeconds": 1}';
    const r = spawnCli(['erlang', '--batch', '-'], `${lines.join('\n')}\n`);
    expect(r.code).toBe(1);
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(2000);
    expect(out.map((o) => o.id)).toEqual(lines.map((_, i) => i));
    expect(out[1234].error).toBe('line 1235: agents must be a whole number ≥ 0, got 1.5');
    expect(out[7].serviceLevel).toBe(erlangCFigures(18, 10, 180, 20).serviceLevel);
    expect(hasStack(r.stderr)).toBe(false);
  });
});

describe('streaming pieces', () => {
  it('lineBatches joins lines split across chunks, strips \\r, keeps a last line without newline', async () => {
    const chunks = ['ab', 'c\r\nde', 'f\n', '\ng', 'h'];
    const got: string[] = [];
    for await (const b of lineBatches(Readable.from(chunks))) got.push(...b);
    expect(got).toEqual(['abc', 'def', '', 'gh']);
  });

  it('lineBatches decodes a UTF-8 character split across chunks when the stream is in string mode', async () => {
    const bytes = Buffer.from('{"id":"é"}\n', 'utf8');
    const s = Readable.from([bytes.subarray(0, 8), bytes.subarray(8)], { objectMode: false });
    s.setEncoding('utf8');
    const got: string[] = [];
    for await (const b of lineBatches(s)) got.push(...b);
    expect(got).toEqual(['{"id":"é"}']);
  });

  it('ChunkWriter waits for drain when the destination is full, and loses nothing', async () => {
    const sink = new EventEmitter() as EventEmitter & { write(c: string): boolean; written: string[] };
    sink.written = [];
    let full = true;
    sink.write = (c: string) => {
      sink.written.push(c);
      return !full;
    };
    const w = new ChunkWriter(sink, 10);
    expect(w.push('12345')).toBe(false);
    expect(w.push('67890')).toBe(true);
    let done = false;
    const p = w.flush().then(() => (done = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    full = false;
    sink.emit('drain');
    await p;
    expect(done).toBe(true);
    expect(sink.written).toEqual(['1234567890']);
  });

  it('runBatch over 50,000 lines: every line answered, in order', async () => {
    const n = 50_000;
    async function* gen(): AsyncGenerator<string> {
      for (let i = 0; i < n; i += 1000) {
        let s = '';
        for (let j = i; j < i + 1000; j++) s += `{"id":${j},"model":"erlang-b","agents":${j % 50},"erlangs":7}\n`;
        yield s;
      }
    }
    let text = '';
    const sink = { write: (c: string) => ((text += c), true), once: () => undefined };
    const summary = await runBatch(gen(), sink);
    expect(summary).toEqual({ lines: n, failed: 0, deprecated: [] });
    const out = text.trimEnd().split('\n');
    expect(out).toHaveLength(n);
    expect(JSON.parse(out[n - 1] as string)).toEqual({ id: n - 1, model: 'erlang-b', agents: (n - 1) % 50, erlangs: 7, blocking: erlangB((n - 1) % 50, 7) });
  });
});
