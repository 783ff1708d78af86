/**
 * Writing a scenario back with changed values, keeping the file's comments and layout
 * (yaml's Document API): the `--set` overrides given on the command line, then new values at
 * concrete paths (e.g. calibrated parameters), each marked with a comment.
 */
import { parseDocument, parse as parseYaml } from 'yaml';
import { parsePath, resolvePath } from './paths.js';
import type { SetOverride } from './load.js';

/** A new value at a concrete path, with an optional trailing comment. */
export interface ValueChange {
  keys: (string | number)[];
  value: unknown;
  comment?: string;
}

/**
 * The text of a scenario with overrides and changes applied (comments kept).
 * @throws {RangeError} a path that names nothing in the file
 */
export function rewriteScenario(text: string, sets: readonly SetOverride[], changes: readonly ValueChange[], headerComment?: string): string {
  const doc = parseDocument(text);
  for (const s of sets) {
    const eq = s.indexOf('=');
    const r = resolvePath(doc.toJS(), parsePath(s.slice(0, eq)));
    if ('error' in r) throw new RangeError(`--set ${s}: ${r.error}`);
    doc.setIn(r.keys, parseYaml(s.slice(eq + 1)));
  }
  for (const c of changes) {
    doc.setIn(c.keys, c.value);
    const node = doc.getIn(c.keys, true) as { comment?: string | null } | undefined;
    if (node && c.comment) node.comment = ` ${c.comment}`;
  }
  if (headerComment) doc.commentBefore = ` ${headerComment}\n${doc.commentBefore ?? ''}`;
  return doc.toString({ lineWidth: 0 });
}
