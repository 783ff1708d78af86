/**
 * docs/vocabulary.md against the CLI: every command's `--help` lists exactly the flags the
 * table gives it, with the type the table says; every flag is the kebab-case of its key; the
 * deprecated spellings of the docs are those the CLI rewrites (and each still works, with one
 * warning naming the new spelling); the top-level help has examples and points to docs/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../cli/main.js';
import { DEPRECATED_AXIS_NAMES, DEPRECATED_BATCH_FIELDS, DEPRECATED_FLAGS } from '../../cli/vocabulary.js';
import { run, spawnCli } from '../cli/run.js';

const doc = readFileSync(new URL('../../docs/vocabulary.md', import.meta.url), 'utf8');

/** The rows of the markdown table under `## heading`, as cell lists (header and rule dropped). */
function table(heading: string): string[][] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/vocabulary.md has a "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start).split('\n').slice(2);
  const lines = rest.slice(rest.findIndex((l) => l.startsWith('|')));
  const rows: string[][] = [];
  for (const line of lines) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows.slice(2);
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** flag → type, for one command, from the docs table ("every command" rows apply to all). */
function documented(command: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [flag, , type, , commands] of table('Flags')) {
    const list = commands!.split(',').map((c) => c.trim());
    if (list.includes(command) || commands === 'every command') {
      const name = unquote(flag!).replace(/^--/, '');
      expect(out.has(name), `docs/vocabulary.md gives --${name} twice for ${command}`).toBe(false);
      out.set(name, type!);
    }
  }
  return out;
}

/** flag → type, from `ccsim <command> --help` (the Options section; a type may sit on a wrapped line). */
function helped(command: string): Map<string, string> {
  // yargs prints help through console.log: run the compiled CLI to read it
  const r = spawnCli([command, '--help']);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  const from = lines.indexOf('Options:');
  expect(from, `${command} --help has an Options section`).toBeGreaterThan(0);
  const out = new Map<string, string>();
  let current: string | undefined;
  let block = '';
  const flush = () => {
    if (current !== undefined) out.set(current, /\[(number|string|boolean|array)\]/.exec(block)?.[1] ?? '(none)');
  };
  for (const line of lines.slice(from + 1)) {
    if (line.trim() === '') break;
    const m = /^ {2}--([a-z][a-z-]*)\b/.exec(line); // an option starts 2 columns in; wrapped text is further in
    if (m) {
      flush();
      current = m[1]!;
      block = line;
    } else block += line;
  }
  flush();
  return out;
}

describe('docs/vocabulary.md matches the CLI', () => {
  it('the table names every command, and each command\'s --help lists exactly its flags with their types', () => {
    const inTable = new Set(table('Flags').flatMap((r) => r[4]!.split(',').map((c) => c.trim())));
    for (const c of COMMAND_NAMES) expect(inTable.has(c), `docs/vocabulary.md names ${c}`).toBe(true);
    for (const command of COMMAND_NAMES) {
      const help = helped(command);
      const docs = documented(command);
      expect([...help.keys()].sort(), `${command}: flags in --help vs docs/vocabulary.md`).toEqual([...docs.keys()].sort());
      for (const [flag, type] of help) expect(`${command} --${flag}: ${type}`).toBe(`${command} --${flag}: ${docs.get(flag)}`);
    }
  });

  it('every flag is the kebab-case of its key', () => {
    for (const [flag, key] of table('Flags')) expect(camel(unquote(flag!).replace(/^--/, ''))).toBe(unquote(key!));
  });

  it('the deprecated spellings are the ones the CLI accepts, and each still works with one warning', async () => {
    const rows = table('Deprecated spellings').map((r) => [unquote(r[0]!), unquote(r[1]!)]);
    const flags = rows.filter(([old]) => old!.startsWith('--') && !old!.startsWith('--vary'));
    expect(flags.map(([old, now]) => `${old} → ${now}`).sort()).toEqual(DEPRECATED_FLAGS.map((f) => `--${f.old} → --${f.now}`).sort());
    for (const [old, now] of Object.entries(DEPRECATED_BATCH_FIELDS)) expect(rows).toContainEqual([`"${old}"`, `"${now}"`]);
    for (const [old, now] of Object.entries(DEPRECATED_AXIS_NAMES)) expect(rows).toContainEqual([`--vary ${old}=…`, `--vary ${now}=…`]);
    // Old and new spellings give the same output; the old one adds one warning line.
    const pairs: [string[], string[]][] = [
      [['erlang', '--agents', '14', '--calls', '100', '--interval', '1800', '--aht', '180', '--target', '15', '--json'],
        ['erlang', '--agents', '14', '--calls', '100', '--interval-seconds', '1800', '--aht', '180', '--target-seconds', '15', '--json']],
      [['erlang', '--solve', 'agents', '--erlangs', '10', '--aht', '180', '--patience', '200', '--sl=0.8', '--asa', '20', '--max-abandon', '0.05', '--json'],
        ['erlang', '--solve', 'agents', '--erlangs', '10', '--aht', '180', '--patience', '200', '--sl-target=0.8', '--asa-target', '20', '--abandon-target', '0.05', '--json']],
    ];
    for (const [oldArgs, newArgs] of pairs) {
      const [o, n] = [await run(oldArgs), await run(newArgs)];
      expect(o.code).toBe(0);
      expect(o.stdout).toBe(n.stdout);
      expect(n.stderr).toBe('');
      const warned = o.stderr.trim().split('\n');
      for (const w of warned) expect(w).toMatch(/^ccsim: --[a-z-]+ is deprecated and will be removed in the next release; write --[a-z-]+$/);
      const erlangRenames = DEPRECATED_FLAGS.filter((f) => f.commands.includes('erlang'));
      expect(warned).toHaveLength(oldArgs.filter((a) => erlangRenames.some((f) => a === `--${f.old}` || a.startsWith(`--${f.old}=`))).length);
    }
    // --calls means calls per interval in erlang: not rewritten there.
    expect((await run(['erlang', '--agents', '14', '--calls', '100', '--interval-seconds', '1800', '--aht', '180'])).stderr).toBe('');
  });

  it('each command\'s help lists its deprecated spellings; the top-level help has examples and points to docs/', () => {
    for (const command of COMMAND_NAMES) {
      const r = spawnCli([command, '--help']);
      for (const f of DEPRECATED_FLAGS.filter((d) => d.commands.includes(command))) expect(r.stdout.replace(/\s+/g, ' ')).toContain(`--${f.old} → --${f.now}`);
    }
    const top = spawnCli(['--help']);
    expect(top.stdout).toMatch(/\nExamples:\n/);
    expect(top.stdout).toMatch(/Documentation: .*docs[/\\]README\.md/);
    for (const command of COMMAND_NAMES) expect(top.stdout).toMatch(new RegExp(`\\n  ccsim ${command}\\b`));
  });
});
