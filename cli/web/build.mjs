// Bundles the browser code of reports and of `ccsim serve`'s page (this folder) into
// dist/cli/web/ with esbuild at build time (`npm run build`): report.js, page.js and style.css,
// minified, every dependency (Observable Plot) inside — nothing is fetched when a report opens.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'dist', 'cli', 'web');
const common = { bundle: true, minify: true, format: 'iife', target: ['chrome100', 'firefox100', 'safari15'], legalComments: 'none', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: [join(here, 'report.ts')], outfile: join(out, 'report.js') }),
  build({ ...common, entryPoints: [join(here, 'page.ts')], outfile: join(out, 'page.js') }),
  build({ ...common, entryPoints: [join(here, 'style.css')], outfile: join(out, 'style.css') }),
]);
