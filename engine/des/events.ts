/*
 * Event kinds of the contact-centre event loop (engine.ts). An event's code is
 * `kind | channel << Code.KIND_BITS`; its integer payload and real `aux` are described per kind.
 * External arrivals are not events: each channel's next arrival time is kept outside the
 * heap and compared with the heap's root (arrivals first on equal times).
 *
 * `const enum`s (as tallies.ts `Cell`): their numbers are written into the event loop.
 */

/** Bits of the code that hold the kind, and their mask. */
export const enum Code {
  KIND_BITS = 4,
  KIND_MASK = 15,
}

/** Event kinds. */
export const enum EventKind {
  /** A contact leaves self-service and asks for an agent (payload id, aux arrival time). */
  OFFER = 1,
  /** An agent of a pool group (payload) finishes a contact of the channel; rescheduled in place when it takes the next. */
  COMPLETE = 2,
  /** An interval boundary: flush time integrals, sample the backlog, apply the schedule (one pending). */
  BOUNDARY = 3,
  /** The end of the warm-up: flush into the discard row, record the backlog, start counting. */
  WARMUP = 4,
  /** Only for channels with retrials: a waiting contact's patience runs out (aux = queue ticket). */
  ABANDON = 5,
  /** A redial of an abandoned contact reaches the agent queue (skips self-service). */
  REDIAL = 6,
  /** A self-served caller comes back to the agent queue (`selfService.returnShare`). */
  RETURN = 7,
  /** A desk agent (payload: agent index in engine/des/desks.ts) finishes its call or deferred item. */
  CALL_END = 8,
  /** A desk agent's (payload) earliest chat session ends; aux = the agent's schedule version (stale if it moved). */
  SESSION_END = 9,
}
