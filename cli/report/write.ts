/**
 * `--report FILE.html`: a report body from the scenarios layer, with where it came from and
 * its figures' definitions, written as one HTML file (through FILE.partial, renamed when
 * whole, so a reader never sees half a report).
 */
import { createHash } from 'node:crypto';
import type { ReportBody, ReportDocument, ReportProvenance } from '../../scenarios/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { packageVersion } from '../io/package.js';
import { definitionsOf } from './definitions.js';
import { reportHtml } from './html.js';

/** SHA-256 of a text's UTF-8 bytes, hex. */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A word of a command line, quoted for a POSIX shell when it needs it. */
export function shellWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** `ccsim a b 'c d'`. */
export function commandLine(argv: readonly string[]): string {
  return ['ccsim', ...argv].map(shellWord).join(' ');
}

/**
 * A whole report document: the body, its provenance and the definitions of its figures.
 * @param targetSeconds the service-level threshold T in labels; ignored when the body's channels have different ones (labels then say "own T")
 */
export function reportDocument(body: ReportBody, provenance: Omit<ReportProvenance, 'version'>, targetSeconds?: number): ReportDocument {
  const own = new Set(body.channels.map((c) => c.targetSeconds)).size > 1;
  return { ...body, provenance: { ...provenance, version: packageVersion() }, definitions: definitionsOf(body.figures, own ? 'own' : targetSeconds) };
}

/**
 * Writes a report; returns its size in bytes.
 * @throws {InputError} the file cannot be written (names the path and why)
 */
export function writeReport(path: string, doc: ReportDocument): number {
  const html = reportHtml(doc);
  writeFileAtomic(path, html, '--report'); // temporary file, fsync, rename: whole or not at all
  return Buffer.byteLength(html);
}
