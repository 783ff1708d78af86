import type { Desks } from './desks.js';
import { Kind } from './kinds.js';
import { Flag, type ContactQueue } from './queue.js';

/*
 * THE ROUTING RULES — the one place in the code that decides who takes what (mirrored in
 * docs/channels.md). Everything else only keeps the books.
 *
 * Kinds: voice, video and deferred items are *calls* here — one at a time per agent, never
 * interrupted; chat *sessions* share an agent, up to the channel's `concurrency`.
 *
 * 1. An offered contact (a new arrival after self-service, a redial, a return) tries the
 *    groups that list its channel, in model order; the first with an agent able to take
 *    it now takes it, with no wait:
 *      voice / video   an agent with nothing in progress; or, in a group with
 *                      `callsWhileChatting`, one with chat sessions but no call;
 *      chat            an agent not on a call with fewer chat sessions in progress (of any
 *                      chat channel) than this channel's `concurrency` — the least loaded
 *                      such agent (an empty one first);
 *      deferred        an agent with nothing in progress ("deferred work fills idle time").
 *    Otherwise it waits in its channel's FIFO line (chat and voice may abandon there;
 *    deferred items never do).
 * 2. An agent who finishes something takes work from its group's skills in the listed
 *    priority order (deferred channels are always listed after real-time ones, so real-time
 *    work is taken first):
 *      a chat skill    sessions from the head of the line while it has fewer than the
 *                      channel's `concurrency` sessions and is not on a call;
 *      a call skill    the head of the line if it has nothing in progress (voice and video
 *                      also with sessions in progress when `callsWhileChatting`), and then
 *                      it stops: a call occupies it.
 *    Heads whose patience has run out are dropped (abandoned) on the way. Sessions of one
 *    agent that end at the same moment all end before it looks for work.
 * 3. Nothing is pre-empted: a call or deferred item in progress runs to its end; an agent on
 *    a call takes no chat; an agent with chat sessions takes no call (unless
 *    `callsWhileChatting`, for voice and video) and no deferred item until they all end.
 * 4. Agents joining at an interval boundary take waiting work at once (rule 2). When staff
 *    drop, agents with nothing in progress leave at once, then agents with a free chat slot
 *    (least loaded first); each further departure is taken by the next agent to finish
 *    something. A leaving agent finishes what it has, takes nothing new, and goes.
 *
 * Groups without a chat skill ("pool groups") keep anonymous idle counters: there rule 1 is
 * "an idle agent", rule 2 "the head of the first non-empty line", which is the same rule.
 */

/**
 * What the rules read of the simulator's state, and the actions they ask of it (engine.ts
 * `Sim` provides them: the rules decide, the simulator keeps the books).
 */
export interface RoutingState {
  /** current time, seconds */
  readonly now: number;
  /** groups serving channel c, in model order: chGroups[chGroupStart[c] … chGroupStart[c + 1]) */
  readonly chGroupStart: Int32Array;
  readonly chGroups: Int32Array;
  /** skills of group g, in priority order: grSkills[grSkillStart[g] … grSkillStart[g + 1]) */
  readonly grSkillStart: Int32Array;
  readonly grSkills: Int32Array;
  /** channel → kind code (kinds.ts), sessions per agent (chat; 1 otherwise) */
  readonly kind: Uint8Array;
  readonly conc: Int32Array;
  /** group → 1 when it has a chat skill (its agents are in `desks`), 1 when its agents may take calls while chatting */
  readonly deskGroup: Uint8Array;
  readonly callsWhileChatting: Uint8Array;
  /** pool groups: idle agents */
  readonly idle: Int32Array;
  readonly queues: readonly ContactQueue[];
  readonly desks: Desks;
  /** out: the desk agent `takerOf` chose */
  agentOut: number;
  /** answers the waiting contact at ring index i of channel c's line (group g; desk agent or −1) and removes it */
  answerWaiting(c: number, i: number, g: number, agent: number): void;
  /** desk agent a starts the session / call just answered */
  startSession(a: number, c: number): void;
  startCall(a: number, c: number): void;
  /** counts the abandonment of the head at ring index i of channel c's line (its patience ran out) */
  abandonHead(c: number, q: ContactQueue, i: number): void;
}

/**
 * Rule 1: who takes a contact of channel c offered now. Returns the group — a pool group
 * with an idle agent, or a desk group with an agent able to take it (that agent in
 * `sim.agentOut`) — or −1: nobody can, it waits in line. Decides only; engine.ts `offer`
 * keeps the books.
 */
export function takerOf(sim: RoutingState, c: number): number {
  const end = sim.chGroupStart[c + 1]!;
  for (let k = sim.chGroupStart[c]!; k < end; k++) {
    const g = sim.chGroups[k]!;
    if (sim.deskGroup[g] === 0) {
      if (sim.idle[g]! > 0) return g;
    } else if (deskTaker(sim, c, g)) return g;
  }
  return -1;
}

/** Rule 1 in desk group g: the agent who can take a contact of channel c now, into `sim.agentOut` (true), or none (false). */
function deskTaker(sim: RoutingState, c: number, g: number): boolean {
  const kind = sim.kind[c]!;
  const a = kind === Kind.CHAT
    ? sim.desks.forChat(g, sim.conc[c]!)
    : sim.desks.forCall(g, kind !== Kind.DEFERRED && sim.callsWhileChatting[g] === 1);
  sim.agentOut = a;
  return a >= 0;
}

/**
 * A free agent of pool group g takes the head of its highest-priority non-empty line (rule
 * 2): returns the channel taken (answered and removed from the line; its handle time in
 * `sim.handleOut`; the caller starts it), or −1 when every line is empty.
 */
export function poolNext(sim: RoutingState, g: number): number {
  const end = sim.grSkillStart[g + 1]!;
  for (let k = sim.grSkillStart[g]!; k < end; k++) {
    const c = sim.grSkills[k]!;
    const i = liveHead(sim, c);
    if (i >= 0) {
      sim.answerWaiting(c, i, g, -1);
      return c;
    }
  }
  return -1;
}

/** Desk agent a (on duty, not leaving) has room: it takes work by rule 2, starting it. */
export function deskNext(sim: RoutingState, a: number): void {
  const d = sim.desks;
  if (d.call[a] !== 0) return; // on a call: takes nothing
  const g = d.group[a]!;
  const whileChatting = sim.callsWhileChatting[g] === 1;
  const end = sim.grSkillStart[g + 1]!;
  for (let k = sim.grSkillStart[g]!; k < end; k++) {
    const c = sim.grSkills[k]!;
    const kind = sim.kind[c]!;
    if (kind === Kind.CHAT) {
      const limit = sim.conc[c]!;
      while (d.load[a]! < limit) {
        const i = liveHead(sim, c);
        if (i < 0) break;
        sim.answerWaiting(c, i, g, a);
        sim.startSession(a, c);
      }
    } else if (d.load[a] === 0 || (whileChatting && kind !== Kind.DEFERRED)) {
      const i = liveHead(sim, c);
      if (i >= 0) {
        sim.answerWaiting(c, i, g, a);
        sim.startCall(a, c);
        return;
      }
    }
  }
}

/**
 * Ring index of the first contact still waiting in channel c's line, after dropping the
 * heads whose patience has run out (counted as abandoned); −1 when the line is empty.
 */
export function liveHead(sim: RoutingState, c: number): number {
  const q = sim.queues[c]!;
  if (q.length === 0) return -1;
  const i = q.head;
  if (!(q.flags[i]! & Flag.GONE) && q.deadline[i]! > sim.now) return i;
  return dropGoneHeads(sim, c);
}

/** liveHead's slow path (kept out so that liveHead inlines): drops gone and abandoned heads. */
function dropGoneHeads(sim: RoutingState, c: number): number {
  const q = sim.queues[c]!;
  const t = sim.now;
  while (q.length > 0) {
    const i = q.head;
    if (q.flags[i]! & Flag.GONE) { q.shift(); continue; }
    if (q.deadline[i]! <= t) { sim.abandonHead(c, q, i); q.shift(); continue; }
    return i;
  }
  return -1;
}
