/**
 * One channel's waiting line: a FIFO ring buffer over parallel typed arrays, growing by
 * doubling (amortised; never an allocation per contact). Each waiting contact is a row:
 * the time it was offered, its abandonment deadline (Infinity when it never abandons),
 * the tally row it is attributed to, flags, and — only when a trace is asked for — its id
 * and arrival time.
 *
 * Abandonment is lazy: nothing happens when a deadline passes; whoever takes work from the
 * head first drops heads whose deadline has passed (`deadline ≤ now`) and counts them as
 * abandoned at their deadline. FIFO order makes this exact: a contact behind a live head is
 * never served before it, so discovering its abandonment later changes no figure.
 *
 * Rows are addressed by *tickets*: the n-th contact ever pushed has ticket n (a double,
 * exact to 2⁵³), so an abandonment event can ask "is ticket k still waiting?".
 */

/** Flag bits of a waiting contact (a `const enum`, as tallies.ts `Cell`). */
export const enum Flag {
  /** the contact is a retrial of an abandoned attempt */
  RETRIAL = 1,
  /** the contact's abandonment was already counted (by an abandonment event); skip it */
  GONE = 2,
  /** the contact is a return from self-service (`selfService.returnShare`) */
  RETURN = 4,
}

export class ContactQueue {
  offered: Float64Array;
  deadline: Float64Array;
  /** Tally row base (cycle interval × channels, or the discard row during warm-up). */
  row: Int32Array;
  flags: Uint8Array;
  /** Only allocated (grown) when tracing. */
  id: Float64Array;
  arrival: Float64Array;
  /** capacity − 1 (capacity is a power of two). */
  mask: number;
  /** Ring index of the head. */
  head = 0;
  length = 0;
  /** Ticket of the head (= contacts ever removed). */
  headTicket = 0;
  readonly traced: boolean;

  constructor(traced: boolean, capacity = 64) {
    let n = 16;
    while (n < capacity) n *= 2;
    this.traced = traced;
    this.mask = n - 1;
    this.offered = new Float64Array(n);
    this.deadline = new Float64Array(n);
    this.row = new Int32Array(n);
    this.flags = new Uint8Array(n);
    this.id = new Float64Array(traced ? n : 0);
    this.arrival = new Float64Array(traced ? n : 0);
  }

  /**
   * Appends an empty row and returns its ring index, for the caller to fill (offered,
   * deadline, row, flags, and id/arrival when traced): only integers cross the call, so no
   * double is boxed if it is not inlined. The new row's ticket is `headTicket + length − 1`.
   */
  reserve(): number {
    if (this.length > this.mask) this.grow();
    return (this.head + this.length++) & this.mask;
  }

  /** Removes the head. */
  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.length--;
    this.headTicket++;
  }

  /** Ring index of ticket k if it is still in the line, else −1. */
  indexOfTicket(ticket: number): number {
    const k = ticket - this.headTicket;
    return k >= 0 && k < this.length ? (this.head + k) & this.mask : -1;
  }

  private grow(): void {
    const old = this.mask + 1, n = old * 2;
    const reorder64 = (a: Float64Array): Float64Array => {
      if (a.length === 0) return a;
      const b = new Float64Array(n);
      b.set(a.subarray(this.head));
      b.set(a.subarray(0, this.head), old - this.head);
      return b;
    };
    const row = new Int32Array(n);
    row.set(this.row.subarray(this.head));
    row.set(this.row.subarray(0, this.head), old - this.head);
    const flags = new Uint8Array(n);
    flags.set(this.flags.subarray(this.head));
    flags.set(this.flags.subarray(0, this.head), old - this.head);
    this.offered = reorder64(this.offered);
    this.deadline = reorder64(this.deadline);
    this.id = reorder64(this.id);
    this.arrival = reorder64(this.arrival);
    this.row = row;
    this.flags = flags;
    this.head = 0;
    this.mask = n - 1;
  }
}
