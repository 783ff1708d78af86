/**
 * A bounded memo of patience-function values at quadrature nodes, owned by one PatienceCurve.
 * The M/M/N+G kernel places its panels on a fixed lattice of waits (mmngIntegrals.ts), so the
 * same panel recurs across the intervals of a plan, the agent counts of a staffing search and
 * the cells of a sweep; its nodes' Ḡ, G, H are then read back instead of recomputed (special
 * functions cost 40–150 ns a node, a read a few). The values stored are exactly the ones the
 * direct evaluation gives, so results never depend on what is cached. It starts small, doubles
 * as it fills, and is emptied when it reaches `maxEntries`.
 *
 * Keys are pairs of non-negative 32-bit codes (the kernel's panel ends), in an open-addressing table.
 */
export class NodeCache {
  /** doubles per entry */
  readonly width: number;
  private keysA = new Int32Array(0);
  private keysB = new Int32Array(0);
  private slot = new Int32Array(0);
  private pool = new Float64Array(0);
  private used = 0;
  private entries = 0;
  private readonly maxEntries: number;

  /**
   * @param width doubles stored per entry
   * @param maxEntries entries at most before the memo is emptied
   */
  constructor(width: number, maxEntries: number) {
    this.width = width;
    this.maxEntries = maxEntries;
  }

  /** Offset in `values()` of the entry (a, b), or −1. */
  find(a: number, b: number): number {
    const keys = this.keysA;
    if (keys.length === 0) return -1;
    const mask = keys.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & mask;
    for (;;) {
      const k = keys[h]!;
      if (k === -1) return -1;
      if (k === a && this.keysB[h] === b) return this.slot[h]!;
      h = (h + 1) & mask;
    }
  }

  /** Reserves the entry (a, b) (not present) and returns its offset in `values()`; the caller fills `width` doubles. */
  add(a: number, b: number): number {
    if (this.entries >= this.maxEntries) this.clear();
    if (2 * (this.entries + 1) > this.keysA.length) this.rehash(Math.max(64, 2 * this.keysA.length));
    if (this.used + this.width > this.pool.length) {
      const grown = new Float64Array(Math.max(this.width * 32, this.pool.length * 2));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    const at = this.used;
    this.insert(a, b, at);
    this.used += this.width;
    this.entries++;
    return at;
  }

  /** The stored values (re-read after `add`: growing replaces the array). */
  values(): Float64Array {
    return this.pool;
  }

  /** Forgets everything (the memory is kept). */
  clear(): void {
    this.keysA.fill(-1);
    this.used = 0;
    this.entries = 0;
  }

  private insert(a: number, b: number, at: number): void {
    const mask = this.keysA.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & mask;
    while (this.keysA[h] !== -1) h = (h + 1) & mask;
    this.keysA[h] = a;
    this.keysB[h] = b;
    this.slot[h] = at;
  }

  private rehash(size: number): void {
    const { keysA, keysB, slot } = this;
    this.keysA = new Int32Array(size).fill(-1);
    this.keysB = new Int32Array(size);
    this.slot = new Int32Array(size);
    for (let h = 0; h < keysA.length; h++) if (keysA[h] !== -1) this.insert(keysA[h]!, keysB[h]!, slot[h]!);
  }
}
