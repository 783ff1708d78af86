/**
 * The scenario file format as JSON Schema (draft 2020-12), generated from the zod schema
 * (`z.toJSONSchema`) with its descriptions, so editors complete and check keys as planners
 * type (`# yaml-language-server: $schema=./scenario.schema.json` in a YAML file). The file
 * may hold formulas where the validated scenario holds numbers, so every number also accepts
 * a string (a formula of `constants`), and per-interval lists a string (a curve in `h`).
 * The same schema renders the key table of docs/scenario-format.md (`scenarioKeyTable`).
 * `npm run generate` writes both; a test checks that the committed copies are current.
 */
import * as z from 'zod';
import { CURVE_KEYS, scenarioSchema } from './schema.js';

type Node = Record<string, unknown>;

/** The zod schema's JSON Schema, as zod emits it (numbers only, no formulas). */
function validatedJsonSchema(): Node {
  return z.toJSONSchema(scenarioSchema, { io: 'input' }) as Node;
}

const FORMULA: Node = { type: 'string', description: 'a formula: mathjs arithmetic of the file\'s constants, e.g. "answered / rate"' };
const CURVE: Node = { type: 'string', description: 'a curve in the hour of the day h, evaluated at each interval\'s midpoint: "f(h) = 0.1 + exp(-(h - 10)^2 / 4)"' };

/** A copy of `node` where every number may be a formula and every per-interval list a curve. */
function allowFormulas(node: unknown, key?: string): unknown {
  if (Array.isArray(node)) return node.map((x) => allowFormulas(x));
  if (typeof node !== 'object' || node === null) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node as Node)) {
    // property maps hold keys of the file: recurse with the key's name
    out[k] = k === 'properties' || k === '$defs'
      ? Object.fromEntries(Object.entries(v as Node).map(([name, sub]) => [name, allowFormulas(sub, name)]))
      : allowFormulas(v);
  }
  const { description, default: fallback, ...rest } = out;
  const head: Node = { ...(description !== undefined ? { description } : {}), ...(fallback !== undefined ? { default: fallback } : {}) };
  if (rest.type === 'number' || rest.type === 'integer') return { ...head, anyOf: [rest, FORMULA] };
  if (key !== undefined && CURVE_KEYS.has(key) && rest.type === 'array') return { ...head, anyOf: [rest, CURVE] };
  return out;
}

/**
 * The JSON Schema of a scenario file (YAML or JSON, formulas allowed).
 * @example JSON.stringify(scenarioJsonSchema(), null, 2) // the text of scenarios/scenario.schema.json
 */
export function scenarioJsonSchema(): Node {
  const { $schema, ...rest } = validatedJsonSchema();
  return {
    $schema,
    title: 'ccsim scenario',
    description: 'A contact-centre scenario for ccsim (docs/scenario-format.md). Generated from scenarios/format/schema.ts by npm run generate; do not edit.',
    ...(allowFormulas(rest) as Node),
  };
}

/** The text of scenarios/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** A constraint in words: `> 0`, `[0, 1]`, `whole number ≥ 1`, `900, 1800 or 3600`. */
function allowed(n: Node): string {
  if (Array.isArray(n.enum)) return (n.enum as unknown[]).join(', ');
  if (Array.isArray(n.anyOf) && (n.anyOf as Node[]).every((x) => 'const' in x)) return (n.anyOf as Node[]).map((x) => String(x.const)).join(', ');
  const parts: string[] = [];
  const lo = n.minimum ?? n.exclusiveMinimum;
  const hi = n.maximum !== undefined && n.maximum !== Number.MAX_SAFE_INTEGER ? n.maximum : n.exclusiveMaximum;
  if (lo !== undefined && hi !== undefined) parts.push(`${n.minimum !== undefined ? '[' : '('}${lo}, ${hi}${n.maximum !== undefined && n.maximum !== Number.MAX_SAFE_INTEGER ? ']' : ')'}`);
  else if (lo !== undefined) parts.push(`${n.minimum !== undefined ? '≥' : '>'} ${lo}`);
  else if (hi !== undefined) parts.push(`${n.maximum !== undefined ? '≤' : '<'} ${hi}`);
  if (typeof n.minItems === 'number') parts.push(`at least ${n.minItems} item${n.minItems === 1 ? '' : 's'}`);
  if (typeof n.minLength === 'number') parts.push('not empty');
  return parts.join(', ');
}

function typeOf(n: Node): string {
  if (n.$ref) return 'distribution';
  if (Array.isArray(n.anyOf)) return (n.anyOf as Node[]).every((x) => 'const' in x) ? 'number' : (n.anyOf as Node[]).map(typeOf).join(' or ');
  if (Array.isArray(n.type)) return (n.type as string[]).map((t) => (t === 'string' ? 'text' : t)).join(' or ');
  if (n.type === 'array') return (n.items as Node).type === 'object' ? 'list' : `list of ${typeOf(n.items as Node)}`;
  if (n.type === 'integer') return 'whole number';
  if (n.type === 'string') return 'text';
  if (n.type === 'object' && n.additionalProperties && typeof n.additionalProperties === 'object') return 'map of names to numbers';
  return String(n.type);
}

/** One row per key of the file, depth first, list items as `[]`. */
function rows(n: Node, path: string, required: boolean, out: string[][]): void {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  if (path !== '') {
    const fallback = n.default === undefined ? (required ? 'required' : 'optional') : `optional, default ${String(n.default)}`;
    const limits = n.type === 'array' ? [allowed(n.items as Node), allowed(n)] : [allowed(n)];
    out.push([`\`${path}\``, typeOf(n), limits.filter(Boolean).join('; '), fallback, cell(String(n.description ?? ''))]);
  }
  const object = n.type === 'array' && (n.items as Node).type === 'object' ? (n.items as Node) : n.type === 'object' ? n : undefined;
  if (!object?.properties) return;
  const req = new Set((object.required as string[] | undefined) ?? []);
  const prefix = n.type === 'array' ? `${path}[]` : path;
  for (const [k, sub] of Object.entries(object.properties as Record<string, Node>)) rows(sub, prefix === '' ? k : `${prefix}.${k}`, req.has(k), out);
}

/**
 * The key table of docs/scenario-format.md: every key of a scenario file with its type, the
 * values it allows, whether it is required (or its default) and its meaning; then one row per
 * distribution kind with its keys.
 */
export function scenarioKeyTable(): string {
  const schema = validatedJsonSchema();
  const out: string[][] = [];
  rows(schema, '', true, out);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |\n`;
  let text = line(['key', 'type', 'allowed', 'required', 'meaning']) + line(['---', '---', '---', '---', '---']);
  for (const r of out) text += line(r);
  const dist = (schema.$defs as Record<string, Node>).distribution!;
  text += '\n### Distributions\n\nA distribution is `{ kind, … }` with the keys of its kind; every duration is in seconds.\n\n';
  text += line(['kind', 'keys', 'meaning']) + line(['---', '---', '---']);
  for (const v of dist.oneOf as Node[]) {
    const props = v.properties as Record<string, Node>;
    const kind = String(props.kind!.const);
    const keys = Object.entries(props).filter(([k]) => k !== 'kind').map(([k, p]) => `\`${k}\` (${[typeOf(p), allowed(p.type === 'array' ? (p.items as Node) : p)].filter(Boolean).join(' ')})`);
    const meaning = Object.entries(props).filter(([k]) => k !== 'kind').map(([k, p]) => `${k}: ${String(p.description ?? '')}`).join('; ');
    text += line([`\`${kind}\``, keys.join(', '), meaning]);
  }
  return text;
}
