/**
 * Terminal width: default tables and prose fit `TERMINAL_COLUMNS` (120) columns; prose is
 * wrapped at word boundaries, with an indent for continuation lines.
 */

/** The widest a default table or line may be, in code points. */
export const TERMINAL_COLUMNS = 120;

/**
 * Wraps one paragraph at spaces to at most `width` code points per line (a word longer than
 * that stays whole on its own line); continuation lines start with `indent`.
 * @example wrapText('a b c', 3) // 'a b\nc'
 */
export function wrapText(text: string, width = TERMINAL_COLUMNS, indent = ''): string {
  if ([...text].length <= width) return text;
  const lead = /^\s*/.exec(text)![0];
  const words = text.slice(lead.length).split(' ');
  const lines: string[] = [];
  let line = lead;
  for (const w of words) {
    const fresh = line === lead || line === indent;
    const candidate = fresh ? `${line}${w}` : `${line} ${w}`;
    if ([...candidate].length <= width || fresh) {
      line = candidate;
    } else {
      lines.push(line);
      line = `${indent}${w}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** Each line of `text` wrapped (`wrapText`), list items (`- `) continued under their text. */
export function wrapLines(text: string, width = TERMINAL_COLUMNS): string {
  return text
    .split('\n')
    .map((l) => wrapText(l, width, l.startsWith('- ') ? '  ' : /^\s+/.exec(l)?.[0] ?? ''))
    .join('\n');
}
