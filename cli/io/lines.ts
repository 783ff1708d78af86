/**
 * Line streaming for large inputs: text arrives in chunks, lines are cut with `indexOf`
 * (no regex, no per-line promise) and handed over a whole chunk at a time, so reading costs
 * a few nanoseconds per line. Line ends `\n` and `\r\n` are both accepted; a final line
 * without a newline is still a line.
 */
import type { Readable } from 'node:stream';

/**
 * The lines of a text stream, in order, in batches (one batch per chunk read; a line that
 * spans chunks is joined). Each line comes without its line end. Memory stays at about one
 * chunk plus the longest line, whatever the input size.
 * @param stream a stream in string mode (`setEncoding('utf8')`), e.g. from `openTextInput`
 * @example for await (const batch of lineBatches(openTextInput('-'))) for (const line of batch) …
 */
export async function* lineBatches(stream: AsyncIterable<string | Buffer> & Partial<Pick<Readable, 'setEncoding'>>): AsyncGenerator<string[]> {
  let rest = '';
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? raw : raw.toString('utf8');
    const batch: string[] = [];
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl === -1) {
      rest += chunk;
      continue;
    }
    // The first line joins the remainder of the previous chunk.
    batch.push(stripCr(rest + chunk.slice(0, nl)));
    rest = '';
    start = nl + 1;
    while ((nl = chunk.indexOf('\n', start)) !== -1) {
      batch.push(stripCr(chunk.slice(start, nl)));
      start = nl + 1;
    }
    rest = chunk.slice(start);
    yield batch;
  }
  if (rest.length > 0) yield [stripCr(rest)];
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

/**
 * The chunks of a text stream with every line cut to at most `maxChars` + 1 characters (the
 * rest of a longer line, up to its line end, is dropped), and a leading byte-order mark
 * removed: memory stays bounded whatever one line holds, and a reader sees that a line is too
 * long from its length. Costs one `lastIndexOf` per chunk.
 * @example lineBatches(capLongLines(openTextInput(path), 65_536))
 */
export async function* capLongLines(stream: AsyncIterable<string | Buffer>, maxChars: number): AsyncGenerator<string> {
  let run = 0; // characters of the current line passed on (maxChars + 1: the line is cut, drop until its end)
  let first = true;
  for await (const raw of stream) {
    let chunk = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (run > maxChars) {
      const nl = chunk.indexOf('\n');
      if (nl === -1) continue;
      chunk = chunk.slice(nl);
      run = 0;
    }
    const last = chunk.lastIndexOf('\n');
    run = last === -1 ? run + chunk.length : chunk.length - last - 1;
    if (run > maxChars) {
      chunk = chunk.slice(0, chunk.length - (run - maxChars - 1));
      run = maxChars + 1;
    }
    if (chunk.length > 0) yield chunk;
  }
}
