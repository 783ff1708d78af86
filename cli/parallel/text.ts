/** Whole-file reads for the sweep command, as InputErrors naming the file. */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** The text of a file. @throws {InputError} it cannot be read (names the path and why) */
export function readWholeText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`);
  }
}
