/**
 * One writer per output file: before writing `FILE` a command creates `FILE.lock` holding its
 * pid, host and command — exclusively and whole at once (the text is written to a private
 * file, then hard-linked to `FILE.lock`, which fails if the lock exists: O_EXCL semantics with
 * no moment where the lock is empty); a second ccsim that wants the same file
 * finds the lock and is refused with one line naming the holder. The lock is removed when the
 * command ends (normally, by an error, by Ctrl-C, or by `process.exit`). A lock left by a
 * process that no longer runs (SIGKILL, a crash, a reboot) is stale: it is detected by its pid
 * (no such process, or a process that is not node) and taken over.
 *
 * Which process to signal: the lock names the pid of the node process that writes. Stop that
 * one (`kill PID`, or Ctrl-C in its terminal). With `npx ccsim`, the pid of `npx` is not the
 * writer: killing it leaves its node child running and writing; run `ccsim` installed
 * globally, or `node dist/cli/main.js`, to have one process to signal.
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { InputError } from '../errors.js';

/** The lock file of an output path. */
export const lockPathOf = (path: string): string => `${path}.lock`;

/** Locks held by this process (released on exit, whatever the way out, and after each CLI run). */
const held = new Set<string>();
let exitHook = false;

/** What a lock file says about its holder. */
interface Holder {
  pid: number;
  host: string;
}

function readHolder(lock: string): Holder | undefined {
  try {
    const [pid, host] = readFileSync(lock, 'utf8').split('\n');
    const n = Number(pid);
    return Number.isInteger(n) && n > 0 ? { pid: n, host: host ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

/** True when `pid` on this host is a running node process (a pid reused by another program is not the holder). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|ccsim/.test(cmd);
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

/** An exclusive lock on one output file; `release()` (idempotent) removes it. */
export interface OutputLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the lock of `path` for this process, or refuses.
 * @param what the flag or role of the file, for the message (e.g. `--out`, `--trace`)
 * @throws {InputError} another live ccsim holds it (names its pid and the way out), or the lock cannot be created
 */
export function lockOutput(path: string, what: string): OutputLock {
  const lock = lockPathOf(path);
  const mine = `${lock}.${process.pid}`;
  try {
    writeFileSync(mine, `${process.pid}\n${hostname()}\n${process.argv.slice(1).join(' ')}\n`);
  } catch (err) {
    throw new InputError(`${what} ${path}: cannot create its lock ${lock} (${(err as NodeJS.ErrnoException).code ?? 'error'}); is the folder writable?`);
  }
  try {
    return takeLock(path, lock, mine, what);
  } finally {
    removeQuietly(mine);
  }
}

/** Links `mine` (this process's lock text) to `lock`; a stale lock is removed and the link tried once more. */
function takeLock(path: string, lock: string, mine: string, what: string): OutputLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      linkSync(mine, lock); // atomic: fails with EEXIST when the lock is held
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new InputError(`${what} ${path}: cannot create its lock ${lock} (${code ?? 'error'}); is the folder writable?`);
      const holder = readHolder(lock);
      const here = holder !== undefined && holder.host === hostname();
      // Stale: its process is gone, or is this process (a reused pid) without holding it.
      const stale = holder !== undefined && here && (holder.pid === process.pid ? !held.has(lock) : !alive(holder.pid));
      if (stale && attempt === 0) {
        try {
          unlinkSync(lock); // stale: its writer is gone
        } catch { /* taken by someone else meanwhile: the next attempt says so */ }
        continue;
      }
      const who = holder ? `pid ${holder.pid}${here ? '' : ` on ${holder.host}`}` : 'another process';
      throw new InputError(`${what} ${path} is being written by another ccsim (${who}; lock ${lock}): wait for it to finish or stop that process (kill ${holder?.pid ?? 'PID'}), then run again; delete the lock only if that process is gone`);
    }
    held.add(lock);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const l of held) removeQuietly(l);
      });
    }
    let released = false;
    return {
      path,
      release() {
        if (released) return;
        released = true;
        held.delete(lock);
        removeQuietly(lock);
      },
    };
  }
  throw new InputError(`${what} ${path}: its lock ${lock} could not be taken; run again`);
}

/** Releases every lock this process holds (cli/main.ts, once a command has ended: in-process runs start clean). */
export function releaseHeldLocks(): void {
  for (const l of held) removeQuietly(l);
  held.clear();
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch { /* already gone */ }
}
