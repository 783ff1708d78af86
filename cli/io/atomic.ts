/**
 * Whole-file outputs written atomically: the text goes to a temporary file beside the target
 * (same folder, so the rename stays on one file system), is flushed to disk, and is renamed
 * over the target. A reader sees the old file or the new one, never a part; a full disk or a
 * kill leaves the old file untouched (and at most a `.tmp-` file, removed on failure).
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** The temporary file a write of `path` goes through. */
export const tempPathOf = (path: string): string => join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);

/**
 * Writes `text` to `path` atomically (temporary file, fsync, rename).
 * @param what the flag or role of the file, for the message (e.g. `--out`)
 * @throws {InputError} the file cannot be written (names it and the reason, e.g. ENOSPC: disk full); the old file is unchanged
 */
export function writeFileAtomic(path: string, text: string, what: string): void {
  const tmp = tempPathOf(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) {
      try { closeSync(fd); } catch { /* already closed */ }
    }
    try { unlinkSync(tmp); } catch { /* never created */ }
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'ENOSPC: the disk is full' : code === 'EACCES' ? 'EACCES: permission denied' : (code ?? (err as Error).message);
    throw new InputError(`${what} ${path}: cannot write (${why}); an existing file there is unchanged`);
  }
}
