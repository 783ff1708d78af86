/**
 * Problems of a scenario file: where (a path in the file), what is wrong, and the offending
 * value; formatted one per line as `file: path message, got value`. Shared by the loader and
 * the cross-field checks (neither imports the other for it).
 */

/** One problem in a scenario: where, what is wrong, and (when known) the offending value. */
export interface Problem {
  path: string;
  message: string;
  /** present when the problem is about a value (printed as `, got <value>`) */
  value?: unknown;
}

/** Thrown by `loadScenarioFile`/`mustLoad` when a scenario has problems; the message lists every one. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(readonly file: string, readonly problems: Problem[]) {
    super(formatProblems(file, problems));
  }
}

/** A value for messages: strings quoted, long lists shortened. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length > 6 ? `a list of ${value.length} items` : JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).slice(0, 80);
  return String(value);
}

/**
 * Consecutive problems that differ only in a list index (`profile[0]`, `profile[1]`, …) and
 * say the same thing become one: `profile[0–47] must be ≥ 0 …, got -1` (the value kept when
 * every item has it, else `(48 items)`), so one mistake in a per-interval list is one line,
 * not 48.
 */
export function collapseProblems(problems: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  const indexed = (p: Problem) => /^(.*)\[(\d+)\]$/.exec(p.path);
  for (let i = 0; i < problems.length;) {
    const m = indexed(problems[i]!);
    let j = i + 1;
    if (m) {
      while (j < problems.length) {
        const n = indexed(problems[j]!);
        if (!n || n[1] !== m[1] || Number(n[2]) !== Number(m[2]) + (j - i) || problems[j]!.message !== problems[i]!.message) break;
        j++;
      }
    }
    if (j - i < 3) {
      out.push(...problems.slice(i, j));
    } else {
      const run = problems.slice(i, j);
      const same = run.every((p) => 'value' in p === 'value' in run[0]! && Object.is(p.value, run[0]!.value));
      const path = `${m![1]}[${m![2]}–${Number(m![2]) + run.length - 1}]`;
      out.push(same && 'value' in run[0]! ? { path, message: run[0]!.message, value: run[0]!.value } : { path, message: `${run[0]!.message} (${run.length} items)` });
    }
    i = j;
  }
  return out;
}

/** One line per problem (list items with the same problem collapsed): `file: path message, got value`. */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  return collapseProblems(problems)
    .map((p) => `${file}: ${p.path} ${p.message}${'value' in p ? `, got ${show(p.value)}` : ''}`)
    .join('\n');
}
