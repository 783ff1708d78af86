/**
 * `.ci/run` against stub `npm`/`npx` commands (a scratch copy, PATH pointing at the stubs):
 * every step must stop the script when it fails — the reason for one command per line
 * under `set -euo pipefail` (bash does not exit on a failure left of `&&`) — and the script
 * must run exactly the README's two set-up commands, in order, before the benchmark gate.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The README's set-up commands (its first code block), `a && b` split into steps. */
function readmeSteps(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '')
    .flatMap((l) => l.split('&&').map((s) => s.trim()));
}

/**
 * Runs a scratch copy of .ci/run with `npm` and `npx` stubs that log their arguments and fail
 * on the step named by `failOn` (e.g. 'npm ci'). Returns the exit code and the steps that ran.
 */
function runCi(failOn?: string): { code: number | null; ran: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-ci-'));
  mkdirSync(join(dir, '.ci'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(root, '.ci/run'), join(dir, '.ci/run'));
  const log = join(dir, 'ran.log');
  for (const tool of ['npm', 'npx']) {
    const stub = join(dir, 'bin', tool);
    writeFileSync(stub, `#!/usr/bin/env bash\necho "${tool} $*" >> "${log}"\n[ "${tool} $*" != "${failOn ?? ''}" ]\n`);
    chmodSync(stub, 0o755);
  }
  writeFileSync(log, '');
  const r = spawnSync('bash', [join(dir, '.ci/run')], { encoding: 'utf8', env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
  return { code: r.status, ran: readFileSync(log, 'utf8').trimEnd().split('\n').filter((l) => l !== '') };
}

describe('.ci/run', () => {
  const steps = [...readmeSteps(), 'npm run bench:ci'];

  it("runs the README's set-up commands (the first with --check-targets), then the bench gate", () => {
    expect(readmeSteps()).toEqual(['npm ci', 'npx ccsim simulate scenarios/china-banking-2017.yaml --check-targets', 'npm test']);
    expect(runCi()).toEqual({ code: 0, ran: steps });
  });

  it.each(steps.map((s, i) => [s, i] as const))('a failing "%s" stops it: exit ≠ 0 and no later step runs', (step, i) => {
    const r = runCi(step);
    expect(r.code).not.toBe(0);
    expect(r.ran).toEqual(steps.slice(0, i + 1));
  });
});
