/**
 * Buffered output for streamed results: many small strings are joined into chunks of about
 * 64 K characters before one `write` (larger chunks measured slower: they outlive V8's young
 * generation), and the writer waits for `drain` when the destination is full, so
 * memory stays bounded when the reader is slower than we are (backpressure).
 */

/** What a chunk writer needs from a destination: `process.stdout`, a file stream, a test sink. */
export interface WritableLike {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Characters gathered before one write. */
export const WRITE_CHUNK_CHARS = 1 << 16;

/** Gathers text and writes it in large chunks, honouring backpressure. */
export class ChunkWriter {
  private buffer = '';

  constructor(
    private readonly out: WritableLike,
    private readonly chunkChars = WRITE_CHUNK_CHARS,
  ) {}

  /** Adds text; returns true when the buffer is full and `flush()` should be awaited. */
  push(text: string): boolean {
    this.buffer += text;
    return this.buffer.length >= this.chunkChars;
  }

  /** Writes what is gathered; resolves once the destination can take more. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
