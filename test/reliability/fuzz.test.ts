/**
 * Fuzzing (issue 14, point 8): random and mutated scenario files, `--set` overrides, batch
 * lines and flag values thrown at the loader, the batch evaluator and the CLI. Properties:
 * the loader never throws (every problem is a listed problem), a batch line always gives one
 * JSON line (figures or an error) and the same on a worker, the CLI ends with exit 0, 1 or 2
 * and — when not 0 — with lines on stderr that carry no stack trace, in bounded time, leaving
 * no partial, temporary or lock file; a few runs in a child process are also measured for CPU
 * time and memory. Bounded to well under a minute: fixed run counts, small inputs.
 * A failure prints fast-check's seed and the shrunk counterexample; FUZZ_SEED=n replays a seed,
 * FUZZ_SCALE=10 runs ten times as many cases (a longer hunt than CI's).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFormulaEngine, loadScenarioText } from '../../scenarios/index.js';
import { evaluateBatchLine } from '../../cli/batch/evaluate.js';
import { evaluateBatchChunk } from '../../cli/batch/tasks.js';
import { run } from '../cli/run.js';
import { probe, PROBE_CPU_SECONDS, PROBE_RSS_MB, ROOT, tempDir } from './probe.js';

const seed = process.env.FUZZ_SEED !== undefined ? { seed: Number(process.env.FUZZ_SEED) } : {};
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * scale));
const tiny = readFileSync(join(ROOT, 'test/parallel/fixtures/tiny.yaml'), 'utf8');
const lines = tiny.split('\n');

/** Values a careless user or an attacker might put anywhere. */
const nasty = fc.constantFrom(
  '0', '-1', '1e308', '-1e308', '1e15', '.nan', '.inf', 'null', '~', '""', '"x"', '[]', '{}', '[1, 2, 3]',
  '"zeros(1e5, 1e5)"', '"sum(range(0, 2e8))"', '"nthRoots(1, 1e7)"', '"random()"', '"f(h) = f(h)"', '"1:1e9"',
  '"import({}, {override: true})"', '"[1,2][1]"', '"constructor"', '"__proto__"', '{ __proto__: { polluted: 1 } }',
  '*a', '&a 1', '!!js/function "x"', '"x".repeat(9)', '"' + 'x'.repeat(3000) + '"', '{ kind: exponential, mean: -3 }',
);

/** A mutation of the tiny scenario: a line dropped, a value replaced, a line duplicated, garbage inserted. */
const mutatedScenario = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('value' as const), at: fc.nat(), value: nasty }),
    fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
  ),
  { minLength: 1, maxLength: 4 },
).map((ops) => {
  const out = [...lines];
  for (const o of ops) {
    const i = o.at % out.length;
    if (o.op === 'drop') out.splice(i, 1);
    else if (o.op === 'dup') out.splice(i, 0, out[i]!);
    else if (o.op === 'insert') out.splice(i, 0, o.text);
    else out[i] = out[i]!.replace(/:\s.*$/, `: ${o.value}`);
  }
  return out.join('\n');
});

/** `--set` overrides: real paths, prototype paths, junk. */
const sets = fc.array(
  fc.tuple(fc.constantFrom('channels[voice].callsPerDay', 'groups[0].staffShare', '__proto__.polluted', 'constructor.prototype.x', 'dayTypes[0].intradayProfile', 'simulation.warmupSeconds', 'nope.x', 'channels[9].x', ''), nasty)
    .map(([p, v]) => `${p}=${v}`),
  { maxLength: 2 },
);

/** CPU seconds this process spends in `fn` (vitest runs each file in its own process: other tests and the machine's load do not count). */
async function cpuSeconds(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1e6;
}

describe('fuzz: the loader', () => {
  beforeAll(async () => {
    await loadFormulaEngine(); // mathjs's one-off import (~1 s) is not a formula's cost
  });

  it('never throws on a mutated file with random --set: valid, or invalid with listed problems; nothing reaches Object.prototype', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenario, sets, async (text, s) => {
        let r: Awaited<ReturnType<typeof loadScenarioText>> | undefined;
        expect(await cpuSeconds(async () => { r = await loadScenarioText(text, s); })).toBeLessThan(PROBE_CPU_SECONDS);
        r = r!;
        if (r.state === 'invalid') {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(typeof p.message === 'string' && p.message.length > 0).toBe(true);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: runs(150), ...seed },
    );
  });
});

describe('fuzz: batch lines', () => {
  const field = fc.constantFrom('id', 'model', 'agents', 'erlangs', 'arrivalRate', 'aht', 'target', 'patience', 'solve', 'slTarget', 'maxAgents', 'x', '__proto__', 'constructor');
  const value = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 8 }), fc.constantFrom('erlang-b', 'erlang-c', 'erlang-a', 'agents', null, true), fc.jsonValue({ maxDepth: 3 }));
  const record = fc.array(fc.tuple(field, value), { maxLength: 9 }).map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`);
  const line = fc.oneof(record, fc.string({ maxLength: 60 }), fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), record.map((r) => `\uFEFF${r}`));

  it('every line gives one JSON line (figures or an error), the same through the worker function', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (ls) => {
        const outs = ls.map((l, i) => evaluateBatchLine(l.replace(/\n/g, ' '), i + 1));
        for (const o of outs) {
          if (o === undefined) continue;
          const parsed = JSON.parse(o.text) as Record<string, unknown>;
          expect('id' in parsed).toBe(true);
          expect(o.failed).toBe('error' in parsed);
        }
        const chunk = evaluateBatchChunk({ text: ls.map((l) => l.replace(/\n/g, ' ')).join('\n'), firstLineNo: 1 });
        expect(chunk.text).toBe(outs.filter((o) => o !== undefined).map((o) => `${o!.text}\n`).join(''));
      }),
      { numRuns: runs(400), ...seed },
    );
  });
});

/** Files a run must never leave behind. */
const leftovers = (dir: string) => readdirSync(dir).filter((f) => /\.partial$|\.tmp-|\.lock$/.test(f));

describe('fuzz: the CLI', () => {
  const dir = tempDir('fuzz');
  const quickFlag = fc.tuple(
    fc.constantFrom('--agents', '--erlangs', '--aht', '--patience', '--calls-per-replication', '--replications', '--warmup-seconds', '--target-seconds', '--aht-cv', '--seed', '--workers', '--aht-dist', '--calls'),
    fc.constantFrom('0', '1', '10', '-5', '1e10', 'NaN', 'Infinity', '', 'x', '1e-300', '95', '300', '2000', '3', 'gamma', '1.5'),
  );
  const base = ['simulate', '--agents', '10', '--erlangs', '8', '--aht', '180', '--calls-per-replication', '2000', '--replications', '2', '--workers', '1', '--json'];

  it('quick-mode flag values: exit 0, 1 or 2; errors are lines without a stack; nothing left behind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(quickFlag, { maxLength: 3 }), async (flags) => {
        const argv = [...base, ...flags.flat(), '--trace', join(dir, 'trace.csv')];
        let r: Awaited<ReturnType<typeof run>> | undefined;
        expect(await cpuSeconds(async () => { r = await run(argv); })).toBeLessThan(3 * PROBE_CPU_SECONDS); // a valid run simulates up to ~1e5 calls
        r = r!;
        expect([0, 1, 2]).toContain(r.code);
        if (r.code !== 0) {
          expect(r.stderr).toMatch(/^ccsim: /);
          expect(r.stderr).not.toMatch(/\n\s+at /);
        }
        expect(leftovers(dir)).toEqual([]);
      }),
      { numRuns: runs(25), ...seed },
    );
  });

  it('mutated scenario files through validate and sweep: exit 0, 1 or 2, no stack, nothing left behind', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutatedScenario, sets, fc.constantFrom('validate', 'sweep'), async (text, s, command) => {
        const file = join(dir, `s${n++}.yaml`);
        writeFileSync(file, text);
        const out = join(dir, `out${n}.csv`);
        const argv = command === 'validate'
          ? ['validate', file, ...s.flatMap((x) => ['--set', x])]
          : ['sweep', file, '--vary', 'staff=-10%:0%:10%', '--replications', '2', '--workers', '1', '--model', 'analytic', '--quiet', '--out', out, ...s.flatMap((x) => ['--set', x])];
        const r = await run(argv);
        expect([0, 1, 2]).toContain(r.code);
        if (r.code !== 0) {
          expect(r.stderr).toMatch(/^ccsim: /);
          expect(r.stderr).not.toMatch(/\n\s+at /);
        }
        expect(leftovers(dir)).toEqual([]);
      }),
      { numRuns: runs(30), ...seed },
    );
  });

  it('a few mutated files in a child process: bounded CPU time and memory', () => {
    fc.assert(
      fc.property(mutatedScenario, (text) => {
        const file = join(dir, 'child.yaml');
        writeFileSync(file, text);
        const r = probe(['simulate', file, '--workers', '1']);
        expect([0, 1, 2]).toContain(r.code);
        if (r.code !== 0) expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.cpuSeconds <= PROBE_CPU_SECONDS * 2 && r.maxRssMb <= PROBE_RSS_MB, `${r.cpuSeconds} s, ${r.maxRssMb} MB`).toBe(true);
      }),
      { numRuns: runs(4), ...seed },
    );
  });
});
