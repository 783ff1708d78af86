/**
 * Test harness: runs the CLI in-process with stdout/stderr captured, or as a child process
 * (for stdin) from the compiled `dist/cli/main.js`.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../cli/main.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ccsim <argv>` in this process, capturing what it writes. */
export async function run(argv: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  let code: number;
  try {
    code = await runCli(argv);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
  }
  return { code, stdout, stderr };
}

export const ROOT = resolve(import.meta.dirname, '../..');
let built = false;

/** Compiles the project once (tsc emits even when another module has type errors). */
export function build(): void {
  if (built) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // type errors elsewhere in the tree still emit JavaScript; the spawned runs below tell
  }
  built = true;
}

/** Runs `node dist/cli/main.js <argv>` with `stdin` piped in. */
export function spawnCli(argv: string[], stdin = ''): Ran {
  build();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...argv], { cwd: ROOT, input: stdin, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `text` to a fresh temporary file and returns its path. */
export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-cli-test-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** True when stderr holds a stack trace. */
export const hasStack = (stderr: string): boolean => /\n\s+at /.test(stderr);
