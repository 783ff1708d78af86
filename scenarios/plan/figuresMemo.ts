/**
 * A fixed-size memo of kernel results keyed by their inputs, for the period-by-period model: a
 * plan's intervals recur from one evaluation to the next (the baseline side of every what-if,
 * `serve` change and report chart; in a sweep over staff, the cells around one with the same
 * whole agent counts in many intervals), and the kernels are pure functions of their inputs, so
 * a result found here is the very numbers the kernel would give.
 *
 * Set-associative: the hash of the key's bits picks a set of `ways` slots (1: direct-mapped), the
 * key is looked for in each, and a new result takes an empty slot of the set or else the one
 * least recently used. No allocation after construction, never emptied on its own (`clear`
 * does); a slot's key is compared with the asked one in full (===, so a NaN key never matches),
 * so a collision costs a recomputation, never a wrong result. Memory: slots × (key + value)
 * doubles, and 12 bytes a slot more in sets (a use stamp and a hash tag).
 *
 * @example const memo = new FiguresMemo(3, 12, 1 << 16);
 *          memo.key[0] = lo; memo.key[1] = erlangs; memo.key[2] = aht;
 *          const at = memo.find(); if (at >= 0) { read memo.values[at … at + 11] } else { compute into out; memo.store(out, 0) }
 */
export class FiguresMemo {
  /** The key of the next `find`/`store`: fill its `keyLength` doubles first. */
  readonly key: Float64Array;
  /** The stored results, `valueLength` doubles per slot (read at the offset `find` returns). */
  readonly values: Float64Array;
  private readonly keys: Float64Array;
  private readonly filled: Uint8Array;
  /** when each slot was last found or stored (a running count of uses) */
  private readonly used: Float64Array;
  /** each slot's key hash, compared before the key itself: a set of 8 tags is one cache line, 8 keys are five */
  private readonly tags: Int32Array;
  private readonly keyBits: Int32Array;
  private readonly mask: number;
  private readonly setMask: number;
  private clock = 0;
  private slot = 0;
  /** the hash of the last `find`'s key (sets only) */
  private tag = 0;
  /** lookups that found their result, and all lookups (for benchmarks and tests) */
  hits = 0;
  lookups = 0;

  /**
   * @param keyLength doubles per key
   * @param valueLength doubles per result
   * @param slots a power of two
   * @param ways slots per set, a power of two ≤ slots (default 1: direct-mapped)
   */
  constructor(readonly keyLength: number, readonly valueLength: number, slots: number, readonly ways = 1) {
    if (!(Number.isInteger(Math.log2(slots)) && slots >= 1)) throw new RangeError(`FiguresMemo: slots must be a power of two, got ${slots}`);
    if (!(Number.isInteger(Math.log2(ways)) && ways >= 1 && ways <= slots)) throw new RangeError(`FiguresMemo: ways must be a power of two from 1 to slots (${slots}), got ${ways}`);
    this.key = new Float64Array(keyLength);
    this.keyBits = new Int32Array(this.key.buffer);
    this.keys = new Float64Array(slots * keyLength);
    this.values = new Float64Array(slots * valueLength);
    this.filled = new Uint8Array(slots);
    this.used = new Float64Array(ways > 1 ? slots : 0);
    this.tags = new Int32Array(ways > 1 ? slots : 0);
    this.mask = slots - 1;
    this.setMask = slots / ways - 1;
  }

  /** Offset in `values` of the result stored for `key`, or −1 (the slot a result would take is remembered for `store`). */
  find(): number {
    const bits = this.keyBits;
    let h = 0x811c9dc5;
    for (let i = 0; i < bits.length; i++) h = Math.imul(h ^ bits[i]!, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    if (this.ways === 1) return this.findIn(h);
    this.tag = h;
    this.lookups++;
    const first = (h & this.setMask) * this.ways;
    let victim = first;
    let oldest = Infinity;
    for (let slot = first; slot < first + this.ways; slot++) {
      if (this.filled[slot] === 0) {
        if (oldest >= 0) { victim = slot; oldest = -1; }
        continue;
      }
      if (this.tags[slot] === h && this.matches(slot)) return this.hit(slot);
      const when = this.used[slot]!;
      if (when < oldest) { oldest = when; victim = slot; }
    }
    this.slot = victim;
    return -1;
  }

  /**
   * As `find`, in slot `place` (modulo the slots) instead of the key's hash: for a caller that
   * knows where its key was last stored (a *site*: the same interval of the same run, asked again
   * by the next plan of a sweep). Use one memo either by place or by hash, not both.
   */
  findIn(place: number): number {
    this.lookups++;
    const slot = place & this.mask;
    this.slot = slot;
    return this.filled[slot] !== 0 && this.matches(slot) ? this.hit(slot) : -1;
  }

  /** Whether slot `slot` holds `key` (=== per double: NaN never matches, so a NaN key is always recomputed). */
  private matches(slot: number): boolean {
    const n = this.keyLength;
    const keys = this.keys;
    const key = this.key;
    const o = slot * n;
    for (let i = 0; i < n; i++) if (keys[o + i] !== key[i]) return false;
    return true;
  }

  private hit(slot: number): number {
    this.hits++;
    this.slot = slot;
    if (this.ways > 1) this.used[slot] = ++this.clock;
    return slot * this.valueLength;
  }

  /** Stores `valueLength` doubles of `from` (from offset `at`) for the key of the last `find`; returns their offset in `values`. */
  store(from: Float64Array, at: number): number {
    const slot = this.slot;
    this.keys.set(this.key, slot * this.keyLength);
    const v = this.valueLength;
    const values = this.values;
    const o = slot * v;
    for (let i = 0; i < v; i++) values[o + i] = from[at + i]!;
    this.filled[slot] = 1;
    if (this.ways > 1) {
      this.used[slot] = ++this.clock;
      this.tags[slot] = this.tag;
    }
    return o;
  }

  /** Forgets every result. */
  clear(): void {
    this.filled.fill(0);
  }
}
