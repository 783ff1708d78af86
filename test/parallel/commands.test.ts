/**
 * `--workers` does not change what a command prints (timings aside): `simulate` quick mode,
 * `simulate FILE`, `whatif`, `erlang --batch` and `staff` with 1 and 2 workers (the compiled
 * CLI in dist/; `npx tsc -p tsconfig.json` first). Each spawned CLI must exit by itself.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tiny = join(root, 'test/parallel/fixtures/tiny.yaml');

function ccsim(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), ...args], { encoding: 'utf8', timeout: 60_000, cwd: root, ...(input !== undefined ? { input } : {}) });
  if (r.error) throw r.error;
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** JSON output without wall-clock fields. */
const untimed = (json: string) => json.split('\n').filter((l) => !/"(seconds|callsPerSecond)"/.test(l)).join('\n');

describe('--workers leaves the output unchanged', () => {
  it('simulate quick mode: same figures and CIs with 1 and 2 workers', () => {
    const args = ['simulate', '--agents', '10', '--erlangs', '8', '--aht', '180', '--patience', '120', '--calls', '20000', '--replications', '4', '--json'];
    const one = ccsim([...args, '--workers', '1']);
    expect(untimed(ccsim([...args, '--workers', '2']))).toBe(untimed(one));
    expect(JSON.parse(one).replications).toBe(4);
  });

  it('simulate FILE and whatif: same document with 1 and 2 workers', () => {
    for (const args of [['simulate', tiny, '--replications', '3', '--json'], ['whatif', tiny, '--staff', '-10%', '--replications', '3', '--json']]) {
      expect(untimed(ccsim([...args, '--workers', '2'])), args[0]).toBe(untimed(ccsim([...args, '--workers', '1'])));
    }
  });
});
