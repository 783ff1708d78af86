/**
 * ccsim as a package: the `npm pack` tarball installs into an empty folder (dependencies from
 * the npm cache, `--prefer-offline`: a CI machine that ran `npm ci` has them) and works there —
 * `npx ccsim --help`, `--version` (ccsim's own, not the folder's), a shipped scenario run from
 * another working directory by `--example`, `ccsim examples`, the library entry points with
 * their types (tsc on a consumer file), and pyworkforce's Erlang C example from 'ccsim/erlang'.
 * Needs the build (`npm test` builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let dir: string;
let app: string;

/** The environment without the npm_* variables of the `npm test` that runs us (they would steer the child npm). */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccsim-pack-'));
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, env, encoding: 'utf8' })) as { filename: string }[];
  app = join(dir, 'app');
  mkdirSync(join(app, 'deeper', 'folder'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '9.9.9', private: true, type: 'module' }));
  const install = sh(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed[0]!.filename)], app);
  expect(install.code, install.stderr).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm pack → npm install in an empty folder', () => {
  it('ships the build, the scenarios, the schema, the samples and the docs; not the sources, tests or benchmarks', () => {
    const pkg = join(app, 'node_modules', 'ccsim');
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/engine/erlang/index.d.ts', 'scenarios/china-banking-2017.yaml',
      'scenarios/scenario.schema.json', 'scenarios/examples/cells.jsonl', 'scenarios/bank-day-96.csv', 'docs/README.md', 'docs/figures.md', 'README.md']) {
      expect(existsSync(join(pkg, f)), f).toBe(true);
    }
    for (const f of ['test', 'bench', 'dist/bench', 'engine/erlang/erlangC.ts', 'tsconfig.json']) expect(existsSync(join(pkg, f)), f).toBe(false);
  });

  it('npx ccsim --help and --version (ccsim\'s own version, not the folder\'s)', () => {
    const help = sh(npx, ['ccsim', '--help'], app);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*ccsim simulate[\s\S]*Documentation: .*docs[/\\]README\.md/);
    const v = sh(npx, ['ccsim', '--version'], join(app, 'deeper'));
    expect(v.stdout.trim()).toBe(version);
  });

  it('npx ccsim simulate --example china-banking-2017 runs from another working directory; ccsim examples lists the files', () => {
    const r = sh(npx, ['ccsim', 'simulate', '--example', 'china-banking-2017', '--replications', '2', '--json'], join(app, 'deeper', 'folder'));
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { staff: number; byChannel: { channel: string; simulated: { figures: { answerRate: number } } }[] };
    expect(doc.staff).toBe(51_200); // the report's head count, an input of the baseline
    // voice, calibrated to the report's 91.22% (the blend of all channels is not a reported figure)
    const voice = doc.byChannel.find((c) => c.channel === 'voice')!;
    expect(Math.abs(voice.simulated.figures.answerRate - 0.9122)).toBeLessThan(0.02);
    const list = JSON.parse(sh(npx, ['ccsim', 'examples', '--json'], app).stdout) as { name: string; kind: string; path: string }[];
    expect(list.map((e) => `${e.kind}:${e.name}`)).toEqual(expect.arrayContaining(['scenario:china-banking-2017', 'forecast:bank-day-96', 'batch:cells']));
    for (const e of list) expect(existsSync(join(app, e.path)) || existsSync(e.path), e.path).toBe(true);
  });

  it("import { erlangC… } from 'ccsim/erlang' gives pyworkforce's SL 0.88835; 'ccsim', 'ccsim/des' and 'ccsim/scenarios' load", () => {
    const script = [
      "const e = await import('ccsim/erlang');",
      "const all = await import('ccsim');",
      "const des = await import('ccsim/des');",
      "const sc = await import('ccsim/scenarios');",
      'console.log(JSON.stringify({ sl: e.erlangCServiceLevel(14, 10, 180, 20), pWait: e.erlangC(14, 10), same: all.erlangC === e.erlangC,',
      "  des: typeof des.simulate, scenarios: typeof sc.loadScenarioFile, pool: typeof all.parallel.openPool }));",
    ].join('\n');
    const r = sh(process.execPath, ['--input-type=module', '-e', script], app);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { sl: number; pWait: number; same: boolean; des: string; scenarios: string; pool: string };
    // pyworkforce ErlangC(transactions=100, aht=3, interval=30, asa=20/60).service_level(positions=14) = 0.8883500191794669
    expect(Math.abs(out.sl - 0.8883500191794669)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(out.pWait - 0.1741319335950498)).toBeLessThanOrEqual(1e-12);
    expect(out).toMatchObject({ same: true, des: 'function', scenarios: 'function', pool: 'function' });
  });

  it('the types come with it: a TypeScript consumer type-checks against ccsim, ccsim/erlang, ccsim/des, ccsim/scenarios', () => {
    writeFileSync(join(app, 'use.ts'), [
      "import { erlangC } from 'ccsim/erlang';",
      "import type { Model } from 'ccsim/des';",
      "import { buildPlan, type Scenario } from 'ccsim/scenarios';",
      "import { solveAgents } from 'ccsim';",
      'const p: number = erlangC(14, 10);',
      "const r = solveAgents({ model: 'erlang-c', erlangs: 10, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8 });",
      'const n: number = r.requiredAgents;',
      'export const use = (s: Scenario, m: Model) => [p, n, buildPlan(s).staff, m.intervalSeconds];',
      '// @ts-expect-error: erlangC takes numbers',
      "erlangC('14', 10);",
    ].join('\n'));
    // A Node project has Node's types (the worker pool's types name node:worker_threads): the repository's @types/node.
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, typeRoots: [join(root, 'node_modules', '@types')], types: ['node'] },
      files: ['use.ts'],
    }));
    const r = sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
