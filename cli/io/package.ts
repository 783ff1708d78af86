/**
 * ccsim's own package on disk, wherever it is installed (a clone, `node_modules/ccsim`, a
 * global install): its root, its version, its documents and the example files it ships
 * (`scenarios/*.yaml` and `scenarios/examples/*.yaml` scenarios, `scenarios/*.csv` forecasts,
 * `scenarios/examples/*.jsonl` batch input). Found from this module's own location, never from the working directory.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

let root: string | undefined;

/**
 * The directory holding ccsim's package.json: the first ancestor of this module that has one
 * named `ccsim` (this module runs from `cli/io/` in sources and `dist/cli/io/` when built).
 * @throws {Error} no such directory (a broken install)
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'ccsim') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`ccsim's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** ccsim's version, from its own package.json (not the working directory's). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Where the documents are: `docs/README.md` in the package. */
export function docsIndex(): string {
  return join(packageRoot(), 'docs', 'README.md');
}

/** What a shipped example file is for. */
export type ExampleKind = 'scenario' | 'forecast' | 'batch';

/** A file ccsim ships as an example. */
export interface Example {
  /** the file name without its extension, e.g. `china-banking-2017` */
  name: string;
  kind: ExampleKind;
  /** absolute path */
  path: string;
  /** the command that reads it */
  usage: string;
  /** one line: a scenario's `description`, a forecast's first comment line */
  description: string;
}

const KINDS: { dir: string; ext: RegExp; kind: ExampleKind; usage: (name: string, path: string) => string }[] = [
  { dir: 'scenarios', ext: /\.(ya?ml|json)$/, kind: 'scenario', usage: (name) => `ccsim simulate --example ${name}` },
  { dir: 'scenarios/examples', ext: /\.(ya?ml|json)$/, kind: 'scenario', usage: (name) => `ccsim simulate --example ${name}` },
  { dir: 'scenarios', ext: /\.csv$/, kind: 'forecast', usage: (_, path) => `ccsim staff ${path}` },
  { dir: 'scenarios/examples', ext: /\.jsonl$/, kind: 'batch', usage: (_, path) => `ccsim erlang --batch ${path}` },
];

/** Every shipped example, scenarios first, each kind in name order. */
export function listExamples(): Example[] {
  const out: Example[] = [];
  for (const k of KINDS) {
    const dir = join(packageRoot(), k.dir);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => k.ext.test(f) && !f.endsWith('.schema.json')).sort()) {
      const path = join(dir, file);
      const name = file.replace(k.ext, '');
      out.push({ name, kind: k.kind, path, usage: k.usage(name, displayPath(path)), description: describe(k.kind, readFileSync(path, 'utf8')) });
    }
  }
  return out;
}

/** The first sentence of a scenario's description, or a forecast's first `#` line. */
function describe(kind: ExampleKind, text: string): string {
  if (kind === 'scenario') {
    let description: unknown;
    try {
      description = (parseYaml(text) as { description?: unknown } | null)?.description;
    } catch {
      return '';
    }
    return typeof description === 'string' ? (description.replace(/\s+/g, ' ').trim().split(/(?<=[.;:])\s/)[0] ?? '') : '';
  }
  if (kind === 'forecast') return (/^#\s*(.*)$/m.exec(text)?.[1] ?? '').trim();
  return 'input lines for ccsim erlang --batch (docs/batch.md)';
}

/**
 * The path of the shipped scenario `name`.
 * @throws {RangeError} no shipped scenario has that name (the message lists them)
 */
export function exampleScenarioPath(name: string): string {
  const scenarios = listExamples().filter((e) => e.kind === 'scenario');
  const hit = scenarios.find((e) => e.name === name);
  if (hit) return hit.path;
  throw new RangeError(`--example ${JSON.stringify(name)}: no shipped scenario of that name; shipped: ${scenarios.map((e) => e.name).join(', ')} (ccsim examples lists every example file)`);
}

/** A path as printed: relative to the working directory when inside it, else absolute. */
export function displayPath(path: string): string {
  const r = relative(process.cwd(), path);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}
