/**
 * The documents stand on their own: every link in README.md, scenarios/README.md and docs/
 * resolves to a file in the repository (and an anchor to a heading of it), no link leaves the
 * repository, and no tracked file refers to documents kept outside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const documents = ['README.md', 'scenarios/README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Markdown links outside code blocks and inline code: [text](target). */
function links(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    out.add(m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return out;
}

describe('documents', () => {
  it('has docs/ with the model, figures, vocabulary, scenario format, levers, batch format and the report', () => {
    for (const f of ['README', 'model', 'figures', 'vocabulary', 'scenario-format', 'levers', 'batch', 'report-2017']) {
      expect(documents, `docs/${f}.md`).toContain(`docs/${f}.md`);
    }
  });

  it('every link resolves inside the repository, anchors included', () => {
    const bad: string[] = [];
    let count = 0;
    for (const doc of documents) {
      for (const link of links(readFileSync(join(root, doc), 'utf8'))) {
        count++;
        if (/^[a-z]+:/i.test(link)) {
          bad.push(`${doc}: ${link} points outside the repository`);
          continue;
        }
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path === '' ? join(root, doc) : resolve(dirname(join(root, doc)), path);
        if (relative(root, target).startsWith('..')) bad.push(`${doc}: ${link} leaves the repository`);
        else if (!existsSync(target)) bad.push(`${doc}: ${link} does not exist`);
        else if (anchor !== undefined && !anchors(readFileSync(target, 'utf8')).has(anchor)) bad.push(`${doc}: ${link} names no heading of ${relative(root, target)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(count).toBeGreaterThan(30);
  });

  it('no tracked file refers to the design notes or the shared folder outside the repository', () => {
    const outside = ['DES' + 'IGN', '\\.\\./sha' + 'red'];
    let hits = '';
    try {
      hits = execFileSync('git', ['grep', '-n', ...outside.flatMap((p) => ['-e', p]), '--', '.', ':!test/docs/links.test.ts'], { cwd: root, encoding: 'utf8' });
    } catch (err) {
      // git grep exits 1 when nothing matches
      if ((err as { status?: number }).status !== 1) throw err;
    }
    expect(hits).toBe('');
  });
});
