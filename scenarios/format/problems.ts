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

/** One line per problem: `file: path message, got value`. */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  return problems
    .map((p) => `${file}: ${p.path} ${p.message}${'value' in p ? `, got ${show(p.value)}` : ''}`)
    .join('\n');
}
