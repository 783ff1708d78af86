/**
 * Old spellings of renamed names (docs/vocabulary.md, "Deprecated spellings"): each still works
 * for one release and prints a warning on stderr naming the new spelling. One table per
 * place a name is typed: command-line flags, `erlang --batch` fields, `--vary` and `--hold` names.
 */

/** When the old spellings go. */
export const REMOVAL = 'the next release';

/** A renamed flag: `--old` still works in `commands`, as `--now`. */
export interface RenamedFlag {
  old: string;
  now: string;
  commands: readonly string[];
}

export const DEPRECATED_FLAGS: readonly RenamedFlag[] = [
  { old: 'target', now: 'target-seconds', commands: ['erlang', 'staff', 'simulate'] },
  { old: 'interval', now: 'interval-seconds', commands: ['erlang', 'staff'] },
  { old: 'sl', now: 'sl-target', commands: ['erlang', 'staff'] },
  { old: 'asa', now: 'asa-target', commands: ['erlang', 'staff'] },
  { old: 'max-abandon', now: 'abandon-target', commands: ['erlang', 'staff'] },
  { old: 'calls', now: 'calls-per-replication', commands: ['simulate'] },
  { old: 'warmup', now: 'warmup-seconds', commands: ['simulate'] },
];

/** Renamed `erlang --batch` input fields: old → new. */
export const DEPRECATED_BATCH_FIELDS: Readonly<Record<string, string>> = { target: 'targetSeconds' };

/** Renamed names typed in `--vary NAME=…`: old → new. */
export const DEPRECATED_AXIS_NAMES: Readonly<Record<string, string>> = { 'self-service': 'selfService' };

/** The warning for an old spelling. @example deprecation('--sl', '--sl-target') */
export function deprecation(old: string, now: string): string {
  return `ccsim: ${old} is deprecated and will be removed in ${REMOVAL}; write ${now}`;
}

/**
 * The command line with deprecated flags of its command renamed, and a warning for each one
 * found. The command is the first token naming one of `commands`; `--` ends the flags.
 * @example renameDeprecatedFlags(['erlang', '--sl', '0.8'], ['erlang']) // { argv: ['erlang', '--sl-target', '0.8'], warnings: [...] }
 */
export function renameDeprecatedFlags(argv: readonly string[], commands: readonly string[]): { argv: string[]; warnings: string[] } {
  const command = argv.find((t) => commands.includes(t));
  const out = [...argv];
  const warnings: string[] = [];
  if (command === undefined) return { argv: out, warnings };
  const renames = DEPRECATED_FLAGS.filter((r) => r.commands.includes(command));
  for (let i = 0; i < out.length; i++) {
    const token = out[i]!;
    if (token === '--') break;
    for (const r of renames) {
      if (token === `--${r.old}` || token.startsWith(`--${r.old}=`)) {
        out[i] = `--${r.now}${token.slice(2 + r.old.length)}`;
        const w = deprecation(`--${r.old}`, `--${r.now}`);
        if (!warnings.includes(w)) warnings.push(w);
      }
    }
  }
  return { argv: out, warnings };
}

/**
 * The help text's line on a command's old spellings (empty when it has none), e.g.
 * `Deprecated spellings (still accepted, with a warning): --sl → --sl-target, …`.
 */
export function deprecatedHelp(command: string, extra: readonly string[] = []): string {
  const renames = DEPRECATED_FLAGS.filter((r) => r.commands.includes(command)).map((r) => `--${r.old} → --${r.now}`);
  const all = [...renames, ...extra];
  return all.length === 0 ? '' : `Deprecated spellings (accepted until ${REMOVAL}, with a warning): ${all.join(', ')}.`;
}
