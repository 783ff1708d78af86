/**
 * Writing a scenario back with changed values, keeping the file's comments and layout
 * (yaml's Document API): the `--set` overrides given on the command line, then new values at
 * concrete paths (e.g. calibrated parameters), each marked with a comment.
 */
import { parseDocument, parse as parseYaml } from 'yaml';
import { parsePath, resolvePath } from './paths.js';
import type { SetOverride } from './load.js';
import type { ValueChange } from './parameters.js';

export type { ValueChange } from './parameters.js';

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
    // a node, not a plain value: an object or a list set here stays a collection that later
    // changes (e.g. calibrated values inside it) can address
    doc.setIn(r.keys, doc.createNode(parseYaml(s.slice(eq + 1))));
  }
  for (const c of changes) {
    doc.setIn(c.keys, c.value !== null && typeof c.value === 'object' ? doc.createNode(c.value, { flow: true }) : c.value);
    const node = doc.getIn(c.keys, true) as { comment?: string | null } | undefined;
    if (node && c.comment) node.comment = ` ${c.comment}`;
  }
  if (headerComment) doc.commentBefore = ` ${headerComment}\n${doc.commentBefore ?? ''}`;
  return doc.toString({ lineWidth: 0 });
}
