/**
 * The JSON reviver of report documents: a sweep's columns, written by cli/report/html.ts as
 * `{ f32: base64 }` (little-endian 32-bit floats) or `{ f32fill: value, length }`, become
 * Float32Arrays again (a null fill is NaN: a column without values).
 * @example JSON.parse(text, reviveReport)
 */
export function reviveReport(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as { f32?: unknown; f32fill?: unknown; length?: unknown };
  if (typeof o.f32 === 'string') {
    const text = atob(o.f32);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }
  if ('f32fill' in o && typeof o.length === 'number') return new Float32Array(o.length).fill(typeof o.f32fill === 'number' ? o.f32fill : NaN);
  return v;
}
