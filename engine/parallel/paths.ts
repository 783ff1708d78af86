/**
 * Where compiled code lives. Worker threads run JavaScript, so a worker entry or a handler
 * module given as a TypeScript source (vitest runs sources; `import.meta.url` ends in `.ts`)
 * is mapped to its compiled twin in `dist/`: `<root>/engine/parallel/worker.ts` →
 * `<root>/dist/engine/parallel/worker.js`. JavaScript URLs (`.js`, `.mjs`, `.cjs`) pass
 * unchanged. Run `npx tsc -p tsconfig.json` before using workers from sources.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project root: two levels above this file, whether it runs from sources or from `dist/`. */
function projectRoot(): URL {
  const here = new URL('../../', import.meta.url);
  // From dist/engine/parallel/paths.js, ../../ is <root>/dist/.
  return here.pathname.endsWith('/dist/') ? new URL('../', here) : here;
}

/**
 * The compiled JavaScript URL of a module URL.
 * @throws {Error} a `.ts` module whose compiled file is missing (names the file and `npx tsc`)
 * @example compiledUrl(new URL('./worker.ts', import.meta.url)) // file:///…/dist/engine/parallel/worker.js
 */
export function compiledUrl(url: URL | string): URL {
  const u = new URL(url);
  if (!u.pathname.endsWith('.ts')) return u;
  const root = projectRoot();
  const path = fileURLToPath(u);
  const rootPath = fileURLToPath(root);
  if (!path.startsWith(rootPath)) throw new Error(`compiledUrl: ${path} is outside the project ${rootPath}`);
  const compiled = pathToFileURL(`${rootPath}dist/${path.slice(rootPath.length).replace(/\.ts$/, '.js')}`);
  if (!existsSync(compiled)) {
    throw new Error(`compiledUrl: ${fileURLToPath(compiled)} not found; build first (npx tsc -p tsconfig.json)`);
  }
  return compiled;
}

/**
 * The URL of a module next to `base` (pass `import.meta.url`), with the same extension as
 * `base` (`.ts` from sources, `.js` from dist/), ready for `compiledUrl` or a handler list.
 * @example siblingUrl(import.meta.url, './tasks/simulation') // …/simulation.ts under vitest, …/simulation.js from dist
 */
export function siblingUrl(base: string, relative: string): URL {
  return new URL(`${relative}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** The worker entry (compiled). */
export function workerEntryUrl(): URL {
  return compiledUrl(new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url));
}
