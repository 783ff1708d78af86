/**
 * Paths into a scenario's plain data, as users write them in `--set`, in calibration
 * parameters and in assumption lists: dots between keys, brackets for list items, either by
 * index or by the item's `name`:
 *   `channels[0].patienceSeconds.mean`, `centreClasses[large].staffPerCentre`, `groups.0.shrinkage`.
 * Printed paths use the item's name when the data is at hand and the name is unique in its list
 * (`channels[voice].patienceSeconds.mean`), else its index (`channels[1].patienceSeconds.mean`).
 */

/** Path segments refused anywhere in a path: they reach an object's prototype, not a value of the file. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** One step of a path: an object key, a list index, or a list item selected by its `name`. */
export type PathStep = { key: string } | { index: number } | { name: string };

/**
 * Parses a path string into steps.
 * @throws {RangeError} an empty path, an empty key, an unclosed bracket, or a segment
 *   `__proto__`, `constructor` or `prototype` (they would reach Object.prototype)
 * @example parsePath('channels[voice].selfService.share') // [{key:'channels'},{name:'voice'},{key:'selfService'},{key:'share'}]
 */
export function parsePath(text: string): PathStep[] {
  const steps: PathStep[] = [];
  const s = text.trim();
  if (s === '') throw new RangeError('path must not be empty; write e.g. channels[voice].handleTimeSeconds.mean');
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') { i++; continue; }
    if (c === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) throw new RangeError(`path ${text}: unclosed '[' at character ${i + 1}`);
      const inner = s.slice(i + 1, end).trim().replace(/^['"]|['"]$/g, '');
      if (inner === '') throw new RangeError(`path ${text}: empty [] at character ${i + 1}`);
      steps.push(/^\d+$/.test(inner) ? { index: Number(inner) } : { name: inner });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
    const key = s.slice(i, j);
    steps.push(/^\d+$/.test(key) ? { index: Number(key) } : { key });
    i = j;
  }
  for (const step of steps) {
    const seg = 'key' in step ? step.key : 'name' in step ? step.name : undefined;
    if (seg !== undefined && FORBIDDEN_SEGMENTS.has(seg)) {
      throw new RangeError(`path ${text}: the segment '${seg}' is not allowed (__proto__, constructor and prototype name no value of a scenario)`);
    }
  }
  return steps;
}

/**
 * A path in printed form from concrete keys: `['channels', 1, 'mean']` → `channels[1].mean`, or,
 * given the data, `channels[voice].mean` — a list item by its `name` when that name is text,
 * unique in its list and free of `[`, `]` and `.` (so `parsePath` reads it back to the same item).
 * @example formatPath(['groups', 0, 'shrinkage'], { groups: [{ name: 'voice-agents' }] }) // 'groups[voice-agents].shrinkage'
 */
export function formatPath(keys: readonly PropertyKey[], data?: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const k of keys) {
    if (typeof k === 'number') out += `[${Array.isArray(node) ? (uniqueName(node, k) ?? k) : k}]`;
    else out += out === '' ? String(k) : `.${String(k)}`;
    node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[k] : undefined;
  }
  return out === '' ? '(top level)' : out;
}

/** The `name` of list item `i` when it can stand for the index in a path, else undefined. */
function uniqueName(list: readonly unknown[], i: number): string | undefined {
  const nameOf = (x: unknown) => (typeof x === 'object' && x !== null ? (x as { name?: unknown }).name : undefined);
  const name = nameOf(list[i]);
  if (typeof name !== 'string' || name === '' || /^\d+$/.test(name) || /[[\].'"]/.test(name) || name.trim() !== name) return undefined;
  return list.filter((x) => nameOf(x) === name).length === 1 ? name : undefined;
}

/**
 * Resolves steps against data into concrete keys (name selectors become indices). The last
 * step may name a key that does not exist yet (for `--set` adding an optional value).
 * @returns the keys, or an error message naming the step that failed
 */
export function resolvePath(data: unknown, steps: readonly PathStep[]): { keys: (string | number)[] } | { error: string } {
  const keys: (string | number)[] = [];
  let node: unknown = data;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const last = i === steps.length - 1;
    const where = formatPath(keys, data);
    if ('key' in step) {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) {
        return { error: `${where} is not an object, so it has no key '${step.key}'` };
      }
      const obj = node as Record<string, unknown>;
      if (!Object.hasOwn(obj, step.key) && !last) return { error: `${formatPath([...keys, step.key], data)} does not exist` };
      keys.push(step.key);
      node = obj[step.key];
    } else if ('index' in step) {
      if (!Array.isArray(node)) return { error: `${where} is not a list, so it has no item [${step.index}]` };
      if (step.index >= node.length && !(last && step.index === node.length)) {
        return { error: `${where}[${step.index}] does not exist (the list has ${node.length} items)` };
      }
      keys.push(step.index);
      node = node[step.index];
    } else {
      if (!Array.isArray(node)) return { error: `${where} is not a list, so it has no item named '${step.name}'` };
      const idx = node.findIndex((x) => typeof x === 'object' && x !== null && (x as { name?: unknown }).name === step.name);
      if (idx < 0) {
        const names = node.map((x) => (x as { name?: unknown })?.name).filter((n) => typeof n === 'string');
        return { error: `${where} has no item named '${step.name}' (names: ${names.join(', ') || 'none'})` };
      }
      keys.push(idx);
      node = node[idx];
    }
  }
  return { keys };
}

/** The value at concrete keys, or undefined. */
export function getAt(data: unknown, keys: readonly (string | number)[]): unknown {
  let node: unknown = data;
  for (const k of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node;
}

/** Sets the value at concrete keys (the parent must exist), in place. */
export function setAt(data: unknown, keys: readonly (string | number)[], value: unknown): void {
  if (keys.length === 0) throw new RangeError('cannot set the whole scenario; name a path');
  const parent = getAt(data, keys.slice(0, -1));
  if (typeof parent !== 'object' || parent === null) {
    throw new RangeError(`${formatPath(keys.slice(0, -1))} is not an object or list`);
  }
  (parent as Record<string | number, unknown>)[keys[keys.length - 1]!] = value;
}
