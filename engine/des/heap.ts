/**
 * The future-event list: a binary min-heap of event *slots*, ordered by (time, sequence
 * number) as in SimPy's `(time, priority, seq)` — events at equal times run in the order
 * they were scheduled, so a run is reproducible bit for bit.
 *
 * Struct of arrays: each slot's time, sequence number, code and two payloads live in
 * parallel typed arrays; the heap itself is an `Int32Array` of slot ids, so a sift moves one
 * integer per level. Nothing is allocated per event: slots are recycled through a free
 * stack and every array grows by doubling (amortised, never per event).
 *
 * The handled event stays at the root while it is handled: the caller writes its new time
 * (and code/payload) and re-sifts it in place (`resiftTop`, or `resiftTopDeep` when it
 * will land deep) — one sift instead of pop-then-push, the common case (an agent's next
 * contact, the next interval boundary). Events scheduled while handling are inserted below
 * it (their time is ≥ now and their sequence number larger, so the root stays the root).
 * External arrivals are kept outside the heap (engine.ts).
 */
export class EventHeap {
  /** Slot → event time, seconds. */
  time: Float64Array;
  /** Slot → sequence number (tie order); a double, exact to 2⁵³ events. */
  seq: Float64Array;
  /** Slot → event code (kind and channel, see engine.ts). */
  code: Int32Array;
  /** Slot → integer payload (a group, a contact id). */
  payload: Int32Array;
  /** Slot → real payload (a queue ticket, an arrival time). */
  aux: Float64Array;
  /** Heap position → slot. */
  heap: Int32Array;
  /**
   * Heap position → its slot's time (a copy of `time[heap[pos]]`, kept by the sifts): a sift
   * compares two adjacent keys per level instead of loading two slots and then their times.
   */
  key: Float64Array;
  /** Free slot ids (a stack). */
  free: Int32Array;
  size = 0;
  freeCount: number;
  nextSeq = 0;

  constructor(capacity = 64) {
    const n = Math.max(4, capacity | 0);
    this.time = new Float64Array(n);
    this.seq = new Float64Array(n);
    this.code = new Int32Array(n);
    this.payload = new Int32Array(n);
    this.aux = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.key = new Float64Array(n);
    this.free = new Int32Array(n);
    for (let i = 0; i < n; i++) this.free[i] = n - 1 - i;
    this.freeCount = n;
  }

  /** Slot of the earliest event; only valid when size > 0. */
  top(): number {
    return this.heap[0]!;
  }

  /** Schedules an event; returns its slot. `time` must not be earlier than the current event's. */
  push(time: number, code: number, payload: number, aux: number): number {
    const slot = this.alloc();
    this.time[slot] = time;
    this.code[slot] = code;
    this.payload[slot] = payload;
    this.aux[slot] = aux;
    this.insert(slot);
    return slot;
  }

  /**
   * Takes a free slot for the caller to fill (time, code, payload, aux) before `insert` —
   * the allocation-free way to schedule from optimised code: only integers cross the call,
   * so no double is boxed when the call is not inlined.
   */
  alloc(): number {
    if (this.freeCount === 0) this.grow();
    return this.free[--this.freeCount]!;
  }

  /** Inserts a slot filled after `alloc` (gives it the next sequence number). */
  insert(slot: number): void {
    this.seq[slot] = this.nextSeq++;
    this.siftUp(this.size++, slot);
  }

  /**
   * Re-sifts the root after the caller wrote its new (later or equal) time into
   * `time[top()]`: gives it the next sequence number and sifts it down in place.
   */
  resiftTop(): void {
    const slot = this.heap[0]!;
    this.seq[slot] = this.nextSeq++;
    this.siftDown(0, slot);
  }

  /**
   * Like {@link resiftTop}, for a root whose new time is probably among the latest (an
   * agent's next completion): Floyd's bottom-up sift — the hole walks down the smaller
   * children to a leaf (one comparison per level), then the event sifts up the few levels
   * it needs. About half the comparisons of the top-down sift when the event lands deep.
   */
  resiftTopDeep(): void {
    const slot = this.heap[0]!;
    this.seq[slot] = this.nextSeq++;
    this.siftDownDeep(slot);
  }

  /** Removes the root event and frees its slot (the last leaf refills the root, bottom-up). */
  popTop(): void {
    const slot = this.heap[0]!;
    this.free[this.freeCount++] = slot;
    const n = --this.size;
    if (n > 0) this.siftDownDeep(this.heap[n]!);
  }

  /** Moves `slot` (time `time[slot]`) up from position `pos` to its place. */
  private siftUp(pos: number, slot: number): void {
    const heap = this.heap, key = this.key;
    const t = this.time[slot]!;
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const pt = key[parentPos]!;
      if (pt < t || (pt === t && this.seq[heap[parentPos]!]! < this.seq[slot]!)) break;
      heap[pos] = heap[parentPos]!;
      key[pos] = pt;
      pos = parentPos;
    }
    heap[pos] = slot;
    key[pos] = t;
  }

  private siftDown(pos: number, slot: number): void {
    const heap = this.heap, key = this.key;
    const n = this.size;
    const t = this.time[slot]!;
    for (;;) {
      const child = this.smallerChild(2 * pos + 1, n);
      if (child < 0) break;
      const ct = key[child]!;
      if (t < ct || (t === ct && this.seq[slot]! < this.seq[heap[child]!]!)) break;
      heap[pos] = heap[child]!;
      key[pos] = ct;
      pos = child;
    }
    heap[pos] = slot;
    key[pos] = t;
  }

  /** Of the children at positions `left` and `left + 1` (n events), the earlier; −1 when there is none. */
  private smallerChild(left: number, n: number): number {
    if (left >= n) return -1;
    if (left + 1 === n) return left;
    const kl = this.key[left]!, kr = this.key[left + 1]!;
    if (kr === kl) return left + +(this.seq[this.heap[left + 1]!]! < this.seq[this.heap[left]!]!);
    return left + +(kr < kl);
  }

  /**
   * Places `slot` from the root: hole to a leaf along the earlier children, then sift up.
   * The earlier child is picked without a branch: `+(kr < kl)` compiles to a flag set, not a
   * jump — on random times a branch there is mispredicted half the time, at every level —
   * and `| 0` keeps the index arithmetic in int32 without overflow checks. Measured on the
   * blended day (bench D3) with the keys by position: branch mispredictions −11% per run
   * (callgrind), time −16% (interleaved runs against the branchy sift, same process).
   */
  private siftDownDeep(slot: number): void {
    const heap = this.heap, key = this.key;
    const last = (this.size - 1) | 0;
    let pos = 0, child = 1;
    // Both children exist while child < last.
    while (child < last) {
      const kl = key[child]!, kr = key[child + 1]!;
      if (kr === kl) child = (child + +(this.seq[heap[child + 1]!]! < this.seq[heap[child]!]!)) | 0; // a tie (rare): sequence order
      else child = (child + +(kr < kl)) | 0;
      heap[pos] = heap[child]!;
      key[pos] = key[child]!;
      pos = child;
      child = (2 * pos + 1) | 0;
    }
    if (child === last) {
      heap[pos] = heap[child]!;
      key[pos] = key[child]!;
      pos = child;
    }
    this.siftUp(pos, slot);
  }

  private grow(): void {
    const old = this.time.length, n = old * 2;
    const grow64 = (a: Float64Array): Float64Array => { const b = new Float64Array(n); b.set(a); return b; };
    const grow32 = (a: Int32Array): Int32Array => { const b = new Int32Array(n); b.set(a); return b; };
    this.time = grow64(this.time);
    this.seq = grow64(this.seq);
    this.aux = grow64(this.aux);
    this.code = grow32(this.code);
    this.payload = grow32(this.payload);
    this.heap = grow32(this.heap);
    this.key = grow64(this.key);
    this.free = grow32(this.free);
    for (let i = old; i < n; i++) this.free[this.freeCount++] = n - 1 - (i - old);
  }
}
