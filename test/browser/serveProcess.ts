/** `ccsim serve` as a child process for tests (the compiled CLI, a free port). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build, ROOT } from '../cli/run.js';

/** Starts `ccsim serve ARGS --port 0`; resolves with its URL once it listens. */
export function startServe(args: string[]): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  build();
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'serve', ...args, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/[^ ]+\/)/.exec(out);
      if (m) ok({ url: m[1]!, child, stderr: () => err });
    });
    child.once('exit', (code) => fail(new Error(`ccsim serve exited ${code}: ${err}`)));
  });
}

