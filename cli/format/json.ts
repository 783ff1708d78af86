/**
 * JSON output with one rule on top of `JSON.stringify`: a non-finite number (an infinite
 * ASA when agents ≤ erlangs, or NaN) is written as `null`, never as the invalid tokens
 * `Infinity`/`NaN` and never silently as a string.
 */

/** `JSON.stringify` replacer mapping ±Infinity and NaN to null (stringify already does, but explicitly). */
export function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/**
 * Serialises a value as JSON; infinite numbers become `null`.
 * @param indent spaces per level; 0 (the default) for one line, as in JSON lines output
 * @example toJson({ asa: Infinity, pWait: 1 }) // '{"asa":null,"pWait":1}'
 */
export function toJson(value: unknown, indent = 0): string {
  return JSON.stringify(value, finiteOrNull, indent) ?? 'null';
}

/**
 * A number as a JSON token: full precision (shortest round-trip form), `null` when infinite
 * or NaN. Used by hand-written serialisers on hot paths (the batch writer).
 * @example jsonNumber(0.1 + 0.2) // '0.30000000000000004'; jsonNumber(Infinity) // 'null'
 */
export function jsonNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}
