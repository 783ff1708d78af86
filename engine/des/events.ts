/*
 * Event kinds of the contact-centre event loop (engine.ts). An event's code is
 * `kind | channel << KIND_BITS`; its integer payload and real `aux` are described per kind.
 * External arrivals are not events: each channel's next arrival time is kept outside the
 * heap and compared with the heap's root (arrivals first on equal times).
 */

/** Bits of the code that hold the kind. */
export const KIND_BITS = 4;
export const KIND_MASK = (1 << KIND_BITS) - 1;

/** A contact leaves self-service and asks for an agent (payload id, aux arrival time). */
export const OFFER = 1;
/** An agent of a pool group (payload) finishes a contact of the channel; rescheduled in place when it takes the next. */
export const COMPLETE = 2;
/** An interval boundary: flush time integrals, sample the backlog, apply the schedule (one pending). */
export const BOUNDARY = 3;
/** The end of the warm-up: flush into the discard row, record the backlog, start counting. */
export const WARMUP = 4;
/** Only for channels with retrials: a waiting contact's patience runs out (aux = queue ticket). */
export const ABANDON = 5;
/** A redial of an abandoned contact reaches the agent queue (skips self-service). */
export const REDIAL = 6;
/** A self-served caller comes back to the agent queue (`selfService.returnShare`). */
export const RETURN = 7;
/** A desk agent (payload: agent index in engine/des/desks.ts) finishes its call or deferred item. */
export const CALL_END = 8;
/** A desk agent's (payload) earliest chat session ends; aux = the agent's schedule version (stale if it moved). */
export const SESSION_END = 9;
