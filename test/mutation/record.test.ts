/**
 * The mutation record (test/mutation/record.mjs): Stryker's report is folded onto the mutants its
 * instrumenter plans, position by position (the report counts lines and columns from 1, the
 * instrumenter from 0), and a record of another version of a file is not used.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the mutation tooling, without types
import { foldReport, plannedMutants, sha1, standing } from './record.mjs';

const SOURCE = 'export function next(a: number): number {\n  return a + 1;\n}\n';

/** A Stryker JSON report (mutation-testing-report-schema: 1-based lines and columns) of `file`. */
function report(file: string, source: string, mutants: { start: [number, number]; end: [number, number]; mutatorName: string; replacement: string; status: string }[]) {
  return {
    files: {
      [file]: {
        source,
        mutants: mutants.map((m, i) => ({ id: String(i), mutatorName: m.mutatorName, replacement: m.replacement, status: m.status, location: { start: { line: m.start[0], column: m.start[1] }, end: { line: m.end[0], column: m.end[1] } } })),
      },
    },
  };
}

/** Runs `check` on a temporary folder holding next.ts (SOURCE), then removes the folder. */
async function withSource(check: (file: string, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-record-'));
  try {
    const file = join(dir, 'next.ts');
    writeFileSync(file, SOURCE);
    await check(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('mutation record', () => {
  it('plans the function body and the + of a one-line function, and folds a report onto them by 1-based position', () => withSource(async (file, dir) => {
    const planned: string[] = await plannedMutants(file);
    // Stryker's mutators on this source: the block emptied, and a + 1 → a - 1
    expect(planned).toEqual(['1:41-3:2 BlockStatement: {}', '2:10-2:15 ArithmeticOperator: a - 1']);
    const reportPath = join(dir, 'report.json');
    writeFileSync(reportPath, JSON.stringify(report(file, SOURCE, [
      { start: [1, 41], end: [3, 2], mutatorName: 'BlockStatement', replacement: '{}', status: 'Killed' },
      { start: [2, 10], end: [2, 15], mutatorName: 'ArithmeticOperator', replacement: 'a - 1', status: 'Survived' },
    ])));
    const record: Record<string, { source: string; statuses: string }> = {};
    expect(await foldReport(record, 'erlang', file, reportPath)).toBe(`${file}: 2 mutants folded`);
    expect(record[file]!.statuses).toBe('KS');
    expect(record[file]!.source).toBe(sha1(SOURCE));
    // the same positions counted from 0 (an off-by-one) match nothing and fold nothing
    writeFileSync(reportPath, JSON.stringify(report(file, SOURCE, [{ start: [0, 40], end: [2, 1], mutatorName: 'BlockStatement', replacement: '{}', status: 'Killed' }])));
    expect(await foldReport({}, 'erlang', file, reportPath)).toMatch(/1 reported mutants match no planned one/);
  }));

  it('does not fold a report of another version of the file, and counts a record of another version as not measured', () => withSource(async (file, dir) => {
    const reportPath = join(dir, 'report.json');
    writeFileSync(reportPath, JSON.stringify(report(file, SOURCE.replace('+ 1', '+ 2'), [])));
    expect(await foldReport({}, 'erlang', file, reportPath)).toMatch(/another version of the file/);
    const record = { [file]: { source: sha1('older'), tests: '', folded: '', statuses: 'KK' } };
    const s = await standing(record, 'erlang', file);
    expect(s.stale).toBe(true);
    expect(s.count).toEqual({ detected: 0, undetected: 0, equivalent: 0, unmeasured: 2, notCounted: 0 });
  }));

  it('counts a survivor listed as equivalent apart (Stryker\'s counts unchanged), and names list entries that cannot hold', () => withSource(async (file) => {
    const body = '1:41-3:2 BlockStatement: {}';
    const plus = '2:10-2:15 ArithmeticOperator: a - 1';
    const record = { [file]: { source: sha1(SOURCE), tests: '', folded: '', statuses: 'KS' } };
    const listed = (mutants: Record<string, string>, source = sha1(SOURCE)) => ({ [file]: { source, mutants } });
    // the survivor listed: one equivalent, still one undetected (Stryker's score is 1/2 either way)
    let s = await standing(record, 'erlang', file, '', listed({ [plus]: 'reason' }));
    expect(s.count).toEqual({ detected: 1, undetected: 1, equivalent: 1, unmeasured: 0, notCounted: 0 });
    expect(s.problems).toEqual([]);
    expect(s.survivors).toEqual([`${file}:${plus} (survived; reviewed equivalent)`]);
    // a detected mutant listed as equivalent: the review was wrong
    s = await standing(record, 'erlang', file, '', listed({ [body]: 'reason' }));
    expect(s.count.equivalent).toBe(0);
    expect(s.problems).toEqual([`${file}: "${body}" is listed as equivalent in test/mutation/equivalent.json, but a test detects it`]);
    // a key that is no mutant of the source (a typo, a moved line)
    s = await standing(record, 'erlang', file, '', listed({ '2:11-2:15 ArithmeticOperator: a - 1': 'reason' }));
    expect(s.count.equivalent).toBe(0);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatch(/is no mutant of the file/);
    // a list of another version of the file is not used
    s = await standing(record, 'erlang', file, '', listed({ [plus]: 'reason' }, sha1('older')));
    expect(s.count.equivalent).toBe(0);
    expect(s.problems[0]).toMatch(/another version of the file, not used/);
  }));
});
