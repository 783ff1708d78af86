/**
 * A report as one self-contained HTML file: the page's script (the charts, bundled at build
 * time from cli/web/ with Observable Plot), its styles and the report's data, all inline, so
 * the file opens offline and nothing is fetched. The data is JSON in a
 * `<script type="application/json">` element; numbers are kept to 10 significant digits
 * (whole counts of billions stay exact; finer than any figure prints) and NaN or infinite values
 * are null. A `Float32Array` (a sweep's column) is written as `{ "f32": base64 }` (its
 * little-endian bytes), or `{ "f32fill": value, "length": n }` when every element is the same;
 * the page's reviver (cli/web/revive.ts) turns both back into a Float32Array.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDocument } from '../../scenarios/index.js';
import { packageRoot } from '../io/package.js';

/** The built browser assets (dist/cli/web/, made by `npm run build`). */
export function webAsset(name: 'report.js' | 'page.js' | 'style.css'): string {
  const path = join(packageRoot(), 'dist', 'cli', 'web', name);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: run npm run build (it bundles the report's script)`);
  }
}

/** A number as a report stores it: 10 significant digits, NaN and ±Infinity as null. */
const stored = (v: number): number | null => (Number.isFinite(v) ? (Number.isInteger(v) ? v : Number(v.toPrecision(10))) : null);

/** A Float32Array as JSON: its bytes in base64, or one value when all are the same (NaN alike). */
function float32Json(a: Float32Array): { f32: string } | { f32fill: number | null; length: number } {
  const bits = new Uint32Array(a.buffer, a.byteOffset, a.length);
  if (a.length > 0 && bits.every((b) => b === bits[0])) return { f32fill: stored(a[0]!), length: a.length };
  // bytes as stored on this machine: little-endian on every platform Node runs on (checked)
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('reportJson: a big-endian machine; Float32Array columns are written little-endian');
  return { f32: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') };
}

/** JSON of a report: numbers to 10 significant digits, NaN and ±Infinity as null, Float32Arrays in base64. */
export function reportJson(doc: ReportDocument): string {
  return JSON.stringify(doc, (_, v: unknown) => (typeof v === 'number' ? stored(v) : v instanceof Float32Array ? float32Json(v) : v));
}

/** Text safe inside a <script> element (no `</script>`, no `<!--`). */
const scriptSafe = (s: string): string => s.replace(/</g, '\\u003c');

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The whole HTML file of a report. */
export function reportHtml(doc: ReportDocument): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ccsim ${escapeHtml(doc.provenance.version)}">
<title>${escapeHtml(doc.title)}</title>
<style>${webAsset('style.css')}</style>
</head>
<body>
<main id="app"><noscript>This report draws its charts with JavaScript (inline, nothing is fetched): allow scripts for this file.</noscript></main>
<script type="application/json" id="ccsim-report">${scriptSafe(reportJson(doc))}</script>
<script>${webAsset('report.js').replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
