/** `ccsim serve` as a child process for tests (the compiled CLI, a free port; bench/browser.ts). */
import type { ChildProcess } from 'node:child_process';
import { startServe as start } from '../../bench/browser.js';
import { build, ROOT } from '../cli/run.js';

/** Builds the project once, then starts `ccsim serve ARGS --port 0`; resolves with its URL once it listens. */
export function startServe(args: string[]): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  build();
  return start(ROOT, args);
}
