/**
 * `ccsim simulate FILE --check-targets`: the same report, then exit 1 with one stderr line per
 * exact target whose reported value lies outside the simulated 95% interval (CI runs the
 * baseline with it, so a broken baseline cannot go green). Soft targets never fail it.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { run } from './run.js';

const BASELINE = fileURLToPath(new URL('../../scenarios/china-banking-2017.yaml', import.meta.url));
const TINY = fileURLToPath(new URL('../parallel/fixtures/tiny.yaml', import.meta.url));
/** The report from its first table on (the heading paragraph carries the wall-clock time, wrapped to the terminal). */
const untimed = (stdout: string): string => stdout.slice(stdout.indexOf('\n\n'));

describe('ccsim simulate FILE --check-targets', () => {
  it('the calibrated baseline passes: exit 0, nothing on stderr, the same report as without the flag', async () => {
    // the file's own replications, as .ci/run and the README run it (3 would put ASA's narrow interval at the edge)
    const args = ['simulate', BASELINE];
    const checked = await run([...args, '--check-targets']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    // the soft self-service share misses (65.6% vs 69%) and is shown as such, without failing
    expect(checked.stdout).toMatch(/selfServiceShare\[voice\]\s+soft .* no \(soft\)/);
    expect(untimed(checked.stdout)).toBe(untimed((await run(args)).stdout));
  });

  it('a broken baseline (staff share 0.4: answer rate ≈ 56%) fails: exit 1, one line per missed exact target, table still printed', async () => {
    const broken = ['simulate', BASELINE, '--replications', '3', '--set', 'groups[voice-agents].staffShare=0.4', '--check-targets'];
    const r = await run(broken);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' (exact)')[0])).toEqual(['ccsim: --check-targets: answered[voice]', 'ccsim: --check-targets: answerRate[voice]', 'ccsim: --check-targets: asa[voice]']);
    expect(lines[1]).toMatch(/^ccsim: --check-targets: answerRate\[voice\] \(exact\) reported 91\.220% lies outside the simulated 95% interval 5\d\.\d{3}% ± 0\.\d{3}%$/);
    expect(r.stdout).toMatch(/answerRate\[voice\]\s+exact\s+91\.220%.* no\n/);
    const json = await run([...broken, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).targets.filter((t: { withinCi: boolean; kind: string }) => t.kind === 'exact' && !t.withinCi).map((t: { figure: string }) => t.figure))
      .toEqual(['answered', 'answerRate', 'asa']); // each on voice
  });

  it('refuses what it cannot check: quick mode (exit 2) and a file without exact targets (exit 1)', async () => {
    const quick = await run(['simulate', '--agents', '3', '--erlangs', '2', '--aht', '100', '--check-targets']);
    expect([quick.code, quick.stderr]).toEqual([2, 'ccsim: --check-targets needs a scenario FILE (its targets), without --full-year\n']);
    const none = await run(['simulate', TINY, '--check-targets']);
    expect([none.code, none.stderr]).toEqual([1, `ccsim: --check-targets: ${TINY} has no exact target to check (targets[].kind: exact)\n`]);
  });
});
