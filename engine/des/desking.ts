import { AgentState } from './desks.js';
import { EventKind, Code } from './events.js';
import { Kind } from './kinds.js';
import { deskNext, type RoutingState } from './routing.js';
import { SimState } from './state.js';

/*
 * The books of desk groups — groups with a chat skill, whose agents are tracked one by one
 * (desks.ts): starting a call or a session at an agent, the end of a call or of a session
 * (then the agent takes new work by the rules of routing.ts, or leaves if its shift is
 * over), the agent's next session end kept armed as one event, and staff changes at
 * interval boundaries. Groups without chat keep their books in engine.ts.
 */
export class DeskSim extends SimState implements RoutingState {
  /**
   * Desk agent a of group g answers a contact of channel c just offered (cell `base`, already
   * counted as answered), at once: draws its work and starts its session or call.
   */
  protected startDeskNow(c: number, base: number, flags: number, id: number, g: number, a: number): void {
    this.drawHandle(c);
    const h = this.handleOut;
    if (this.deferredIndex[c]! >= 0) { this.timeToHandle = h; this.deferredStart(c, base); }
    if (this.traced) this.traceAnswer(id, c, flags, this.arrivalNow, this.now, h, g, a);
    if (this.kind[c] === Kind.CHAT) this.startSession(a, c);
    else this.startCall(a, c);
  }

  /** Desk agent a starts a call or deferred item of channel c (handle time in `handleOut`). */
  startCall(a: number, c: number): void {
    const d = this.desks, g = d.group[a]!;
    if (a !== this.handling && d.isEmpty(a)) this.workChange(g, 1);
    d.startCall(a, c);
    this.busyStart(a, g * this.nC + c);
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = this.now + this.handleOut;
    heap.code[slot] = EventKind.CALL_END | (c << Code.KIND_BITS);
    heap.payload[slot] = a;
    heap.insert(slot);
  }

  /** Desk agent a starts a chat session of channel c (its work in `handleOut`). */
  startSession(a: number, c: number): void {
    const d = this.desks, g = d.group[a]!;
    if (a !== this.handling && d.isEmpty(a)) this.workChange(g, 1);
    this.busyStart(a, g * this.nC + c);
    d.now = this.now;
    d.work = this.handleOut;
    d.addSession(a, c);
    if (a !== this.handling) this.armSessions(a);
  }

  /** Desk agent a starts a contact of (group, channel) `gc`: one more in progress, unless it replaces the one just ended. */
  protected busyStart(a: number, gc: number): void {
    if (a === this.handling && gc === this.pendingEnd) this.pendingEnd = -1;
    else this.busyChange(gc, 1);
  }

  /** Root event: desk agent a finishes its call (or deferred item) of channel c. */
  protected onCallEnd(c: number, a: number): void {
    const d = this.desks;
    this.heap.popTop();
    d.endCall(a);
    const load = d.load[a]!;
    this.pendingEnd = d.group[a]! * this.nC + c;
    this.freed(a);
    if (d.load[a] !== load) this.armSessions(a); // it took sessions (beside those it had, with callsWhileChatting)
  }

  /**
   * Desk agent a's sessions changed (outside its own SESSION_END): if its earliest session
   * now ends before its pending event, a new event is armed and the pending one goes stale;
   * if later, the pending event fires early and re-arms itself (no new event).
   */
  protected armSessions(a: number): void {
    const d = this.desks;
    d.nextEnd(a);
    const t = d.endAt;
    if (!(t < d.armed[a]!)) return;
    const v = d.version[a]! + 1;
    d.version[a] = v;
    d.armed[a] = t;
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = t;
    heap.code[slot] = EventKind.SESSION_END;
    heap.payload[slot] = a;
    heap.aux[slot] = v;
    heap.insert(slot);
  }

  /** Root event `slot`: a desk agent's earliest chat session ends (unless the event is stale). */
  protected onSessionEnd(slot: number): void {
    const heap = this.heap, d = this.desks;
    const a = heap.payload[slot]!;
    if (heap.aux[slot] !== d.version[a]) { heap.popTop(); return; }
    d.nextEnd(a);
    if (d.endAt > this.now) { heap.time[slot] = d.endAt; d.armed[a] = d.endAt; heap.resiftTop(); return; } // slowed since armed: moves a little
    const g = d.group[a]!;
    d.now = this.now;
    this.pendingEnd = g * this.nC + d.endSession(a);
    // Sessions ending at the same moment all end before the agent takes new work.
    while (d.headDue(a)) this.busyChange(g * this.nC + d.endSession(a), -1);
    this.freed(a);
    // Reuse the event for the agent's next session end (freed() armed none: handling = a).
    if (d.load[a]! > 0) {
      d.nextEnd(a);
      heap.time[slot] = d.endAt;
      d.armed[a] = d.endAt;
      heap.resiftTopDeep();
    } else {
      d.armed[a] = Infinity;
      heap.popTop();
    }
  }

  /**
   * Desk agent a has just finished some work (it was busy; `pendingEnd` names what): it
   * turns LEAVING if a departure is owed, else takes new work by the rules (routing.ts
   * deskNext); then, if it has nothing in progress, it is idle — or, leaving, goes off duty.
   */
  protected freed(a: number): void {
    const d = this.desks;
    if (d.owed[d.group[a]!]! > 0 && d.state[a] !== AgentState.LEAVING) d.markLeaving(a);
    if (d.state[a] !== AgentState.LEAVING && this.anyWaiting(d.group[a]!)) {
      this.handling = a;
      deskNext(this, a);
      this.handling = -1;
    }
    if (this.pendingEnd >= 0) { this.busyChange(this.pendingEnd, -1); this.pendingEnd = -1; }
    if (!d.isEmpty(a)) return;
    if (d.state[a] === AgentState.LEAVING) this.deskGone(a);
    else this.workChange(d.group[a]!, -1);
  }

  /** Does any line of group g's skills hold a contact? (skips the routing call when none does) */
  protected anyWaiting(g: number): boolean {
    const queues = this.queues, grSkills = this.grSkills;
    for (let k = this.grSkillStart[g]!, e = this.grSkillStart[g + 1]!; k < e; k++) if (queues[grSkills[k]!]!.length > 0) return true;
    return false;
  }

  /** A LEAVING desk agent has finished its work: it goes off duty. */
  protected deskGone(a: number): void {
    const g = this.desks.group[a]!;
    this.workChange(g, -1);
    this.desks.leaveDone(a);
    this.dutyChange(g, -1);
  }

  /**
   * Desk group g's scheduled agents change by `delta`. Down: empty agents leave now, agents
   * with a free chat slot stop taking work (Desks.markSpare); the other departures are owed,
   * taken by the next agents to finish something (Desks.owed).
   * Up: owed departures are cancelled first, then LEAVING agents stay, then absent agents
   * join; each takes waiting work at once.
   */
  protected staffDesks(g: number, delta: number): void {
    const d = this.desks, scratch = this.scratch;
    if (delta < 0) {
      const gone = d.leaveIdle(g, -delta);
      this.dutyChange(g, -gone);
      d.owed[g] = d.owed[g]! + (-delta - gone);
      d.markSpare(g);
      return;
    }
    const cancelled = Math.min(d.owed[g]!, delta);
    d.owed[g] = d.owed[g]! - cancelled;
    delta -= cancelled;
    const stayed = d.stay(g, delta, scratch);
    for (let i = 0; i < stayed; i++) deskNext(this, scratch[i]!);
    const joined = d.join(g, delta - stayed, scratch);
    this.dutyChange(g, joined);
    for (let i = 0; i < joined; i++) deskNext(this, scratch[i]!);
  }
}
