/**
 * Writing a scenario back with changed values, keeping the file's comments and layout
 * (yaml's Document API): the `--set` overrides given on the command line, then new values at
 * concrete paths (e.g. calibrated parameters), each marked with a comment.
 */
import { parseDocument, parse as parseYaml } from 'yaml';
import { parsePath, resolvePath } from './paths.js';
import { staleCalibration, type SetOverride } from './load.js';
import { isDerivedParameter, parameterWrites, setParameter, type ValueChange } from './parameters.js';

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
    const value: unknown = parseYaml(s.slice(eq + 1));
    const before: unknown = doc.toJS();
    if (typeof value === 'number' && isDerivedParameter(before, r.keys)) {
      // as applySets: a mixture's mean rescales it, a weight rescales the others
      const data = structuredClone(before);
      setParameter(data, r.keys, value);
      for (const w of parameterWrites(data, r.keys, '')) setValue(doc, w.keys, w.value);
      continue;
    }
    // a node, not a plain value: an object or a list set here stays a collection that later
    // changes (e.g. calibrated values inside it) can address
    doc.setIn(r.keys, doc.createNode(value));
    // as applySets: calibration entries pointing inside what the set replaced are dropped
    const stale = staleCalibration(before, doc.toJS(), r.keys, s);
    for (const i of stale.parameters) doc.deleteIn(['calibration', 'parameters', i]);
    for (const i of stale.ranges) doc.deleteIn(['calibration', 'ranges', i]);
    const ranges = doc.getIn(['calibration', 'ranges']) as { items?: unknown[] } | undefined;
    if (stale.ranges.length > 0 && ranges?.items?.length === 0) doc.deleteIn(['calibration', 'ranges']);
  }
  for (const c of changes) {
    setValue(doc, c.keys, c.value);
    if (c.comment) commentOn(doc, c.keys, c.comment);
  }
  if (headerComment) doc.commentBefore = ` ${headerComment}\n${doc.commentBefore ?? ''}`;
  return doc.toString({ lineWidth: 0 });
}

type Doc = ReturnType<typeof parseDocument>;
type Commented = { comment?: string | null; flow?: boolean };

function setValue(doc: Doc, keys: readonly (string | number)[], value: unknown): void {
  doc.setIn(keys, value !== null && typeof value === 'object' ? doc.createNode(value, { flow: true }) : value);
}

/**
 * Marks the value at `keys` with a trailing comment. Inside a one-line flow collection
 * (`{ weight: 0.9, kind: exponential, mean: 425.76 }`) the comment goes after the outermost one,
 * before any comment it had, so the line stays one line.
 */
function commentOn(doc: Doc, keys: readonly (string | number)[], comment: string): void {
  for (let i = 1; i < keys.length; i++) {
    const outer = doc.getIn(keys.slice(0, i), true) as Commented | undefined;
    if (outer?.flow) {
      const had = outer.comment?.trim();
      if (!had?.startsWith(comment)) outer.comment = ` ${comment}${had ? `; ${had}` : ''}`;
      return;
    }
  }
  const node = doc.getIn(keys, true) as Commented | undefined;
  if (node) node.comment = ` ${comment}`;
}
