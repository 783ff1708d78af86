/**
 * The layout's rules, read from the sources' import statements: imports point one way
 * (cli → scenarios → engine; within scenarios, studies → plan → format), the engine has no
 * I/O modules, and no two modules import each other, directly or through others.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Relative module imports of a file (static and dynamic, type-only included), as project paths without extension. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(join(root, file), 'utf8');
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|siblingUrl\([^,]+,\s*)'([^']+)'/g)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) local.push(normalize(join(dirname(file), spec)).replace(/\.(js|ts)$/, ''));
    else packages.push(spec);
  }
  return { local, packages };
}

const files = ['engine', 'scenarios', 'cli'].flatMap(sources);
const graph = new Map(files.map((f) => [f.replace(/\.ts$/, ''), importsOf(f)]));

/** The layer of a module: a lower number may never import a higher one. */
function layer(mod: string): number {
  if (mod.startsWith('engine/')) return 0;
  if (mod.startsWith('scenarios/format/')) return 1;
  if (mod.startsWith('scenarios/plan/')) return 2;
  if (mod.startsWith('scenarios/studies/')) return 3;
  if (mod.startsWith('scenarios/')) return 4; // scenarios/index.ts re-exports all three
  if (mod.startsWith('cli/')) return 5;
  return 6;
}

describe('layout', () => {
  it('reads every source module', () => {
    expect(graph.size).toBeGreaterThan(100);
    for (const [mod, { local }] of graph) {
      for (const target of local) expect(graph.has(target), `${mod} imports ${target}, which is not a source module`).toBe(true);
    }
  });

  it('imports point one way: cli → scenarios (studies → plan → format) → engine', () => {
    const upward: string[] = [];
    for (const [mod, { local }] of graph) {
      for (const target of local) if (layer(target) > layer(mod)) upward.push(`${mod} → ${target}`);
    }
    expect(upward).toEqual([]);
  });

  it('the engine does no I/O: no node:fs, node:net, node:http, node:child_process, process.stdout', () => {
    const io: string[] = [];
    for (const [mod, { packages }] of graph) {
      if (!mod.startsWith('engine/')) continue;
      for (const p of packages) if (/^node:(fs|net|http|https|child_process|readline)/.test(p)) io.push(`${mod} imports ${p}`);
      const text = readFileSync(join(root, `${mod}.ts`), 'utf8');
      if (/process\.(stdout|stderr|stdin)/.test(text)) io.push(`${mod} uses process streams`);
    }
    // engine/parallel/paths.ts checks that a compiled worker module exists (existsSync): its one file-system call.
    expect(io).toEqual(['engine/parallel/paths imports node:fs']);
  });

  it('no import cycles between modules', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (m: string) => {
      state.set(m, 'open');
      stack.push(m);
      for (const t of graph.get(m)?.local ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map((x) => relative('.', x)).join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(m, 'done');
    };
    for (const m of graph.keys()) if (!state.has(m)) visit(m);
    expect(cycles).toEqual([]);
  });
});
