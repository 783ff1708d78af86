/**
 * JSON that gives back every number exactly: NaN, ±Infinity and −0 (which `JSON.stringify`
 * turns into `null` and `0`) travel as `{"$number":"NaN"}` and the like; finite numbers
 * already round-trip exactly (shortest decimal form). With `sorted`, object keys are written
 * in sorted order, so equal data gives equal text whatever the order its keys were set in
 * (what a content hash needs). For plain data only: a typed array, Map or Set throws.
 * @example exactParse(exactStringify({ a: -0, b: [Infinity] })) // { a: -0, b: [Infinity] }
 */

const TAG = '$number';

function replacer(sorted: boolean) {
  return function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'number') {
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { [TAG]: Object.is(value, -0) ? '-0' : String(value) };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Map || value instanceof Set) {
      throw new TypeError(`exactStringify: plain data only, got a ${value.constructor.name}`);
    }
    if (!sorted) return value;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = (value as Record<string, unknown>)[k];
    return out;
  };
}

/** JSON text of plain data, numbers exact; `sorted`: keys in sorted order (canonical). */
export function exactStringify(value: unknown, sorted = false): string {
  return JSON.stringify(value, replacer(sorted));
}

/** The data `exactStringify` wrote. */
export function exactParse(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === TAG) return Number((value as Record<string, string>)[TAG]);
    }
    return value;
  });
}
