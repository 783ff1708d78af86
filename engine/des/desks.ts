/**
 * Capacity slots of the agents of *desk groups* — groups with a chat skill — tracked one by
 * one, because with chat an agent is no longer simply idle or busy: it holds 0…cap chat
 * sessions, or a call (voice, video, or a deferred item, one at a time), and the rules of
 * routing.ts ask which agent can take what. (Groups without chat keep anonymous counters
 * in engine.ts: an agent is one slot.)
 *
 * An agent is ABSENT (off shift), PRESENT, or LEAVING (off shift but finishing its work,
 * taking none). When staff drop, empty agents leave at once, then agents with a free chat
 * slot (least loaded first) turn LEAVING; each further departure is *owed* and taken by the
 * next agent to finish something, who turns LEAVING. PRESENT agents not on a call sit in their group's *level list* for their
 * number of sessions, so "the least loaded agent with a free chat slot" is the last member
 * of the first non-empty level — O(cap), nothing scanned per agent.
 *
 * Chat pace (limited processor sharing): an agent's sessions progress together at pace
 * 1 / (1 + s·(n − 1)) for n sessions in progress, s = the group's chat `slowdown`. Each
 * agent keeps a virtual clock `vNow` (work done per session since it was last empty);
 * a session started with work w at virtual time v ends when the clock reaches v + w. So the
 * sessions of an agent end in the order of their virtual ends whatever the pace does, and
 * only the earliest needs an event: its real time is tLast + (vEnd − vNow)·(1 + s·(n − 1)).
 * When n changes the clock is advanced to now first (the work left carries over; the pace
 * changes from that moment). The clock restarts at 0 whenever the agent is empty, so a
 * single session ends exactly at start + w, as a call does.
 *
 * Plain typed arrays, sized once from the schedule's maximum: nothing is allocated per event.
 */
export const enum AgentState {
  ABSENT = 0,
  PRESENT = 1,
  LEAVING = 2,
}

/** How one desk group is laid out. */
export interface DeskGroupSpec {
  /** agents to allocate: the most on duty in any interval of the cycle */
  agents: number;
  /** the highest `concurrency` among the group's chat skills */
  cap: number;
  /** the group's chat slowdown, ≥ 0 */
  slowdown: number;
}

export class Desks {
  /** group → first agent index; agents of group g are first[g] … first[g + 1) (G + 1 entries) */
  readonly first: Int32Array;
  readonly cap: Int32Array;
  readonly slowdown: Float64Array;
  /** agent → its group */
  readonly group: Int32Array;
  /** agent → chat sessions in progress */
  readonly load: Int32Array;
  /** agent → 1 + channel of its call (voice, video or deferred item) in progress; 0: none */
  readonly call: Int32Array;
  /** agent → ABSENT | PRESENT | LEAVING */
  readonly state: Uint8Array;
  /** group → agents PRESENT or LEAVING (on duty) */
  readonly onDuty: Int32Array;
  /** group → agents LEAVING */
  readonly leaving: Int32Array;
  /**
   * group → departures owed: staff dropped at a boundary when too few agents were empty to
   * leave at once; the next agents to finish something (a session or a call) turn LEAVING,
   * one per departure owed — as in pool groups, where the next agents to finish leave.
   */
  readonly owed: Int32Array;
  // ---- level lists: list L = levelFirst[g] + load; members[levelBase[L] … + levelCount[L])
  readonly levelFirst: Int32Array;
  readonly levelBase: Int32Array;
  readonly levelCount: Int32Array;
  /**
   * level list L = levelFirst[g] + n → the inverse pace 1 + s·(n − 1) of an agent of group g
   * with n sessions (s = slowdown[g]): a table, not a method returning a double (V8 boxed
   * that return wherever it did not inline the call — an allocation per session event).
   */
  readonly levelStretch: Float64Array;
  readonly members: Int32Array;
  /** agent → its position in its level list, −1 when in none */
  readonly pos: Int32Array;
  // ---- absent agents: a stack per group in absent[first[g] …)
  readonly absent: Int32Array;
  readonly absentCount: Int32Array;
  // ---- sessions: agent a's slots sesFirst[a] … + cap, sorted by virtual end (head first)
  readonly sesFirst: Int32Array;
  readonly vEnd: Float64Array;
  readonly sesChannel: Int32Array;
  // ---- pace clocks
  readonly vNow: Float64Array;
  readonly tLast: Float64Array;
  /** agent → version of its SESSION_END event; an event carrying another version is stale */
  readonly version: Float64Array;
  /**
   * agent → time of its pending SESSION_END event, Infinity when none. The event may fire
   * early (sessions added since slowed the others): it is then re-armed at the true end.
   */
  readonly armed: Float64Array;

  constructor(groups: readonly (DeskGroupSpec | undefined)[]) {
    const G = groups.length;
    this.first = new Int32Array(G + 1);
    this.cap = new Int32Array(G);
    this.slowdown = new Float64Array(G);
    this.levelFirst = new Int32Array(G + 1);
    let agents = 0, levels = 0, slots = 0, members = 0;
    for (let g = 0; g < G; g++) {
      const spec = groups[g];
      this.first[g] = agents;
      this.levelFirst[g] = levels;
      if (spec === undefined) continue;
      this.cap[g] = spec.cap;
      this.slowdown[g] = spec.slowdown;
      agents += spec.agents;
      levels += spec.cap + 1;
      slots += spec.agents * spec.cap;
      members += spec.agents * (spec.cap + 1);
    }
    this.first[G] = agents;
    this.levelFirst[G] = levels;
    this.group = new Int32Array(agents);
    this.load = new Int32Array(agents);
    this.call = new Int32Array(agents);
    this.state = new Uint8Array(agents);
    this.onDuty = new Int32Array(G);
    this.leaving = new Int32Array(G);
    this.owed = new Int32Array(G);
    this.levelBase = new Int32Array(levels);
    this.levelStretch = new Float64Array(levels);
    this.levelCount = new Int32Array(levels);
    this.members = new Int32Array(members);
    this.pos = new Int32Array(agents).fill(-1);
    this.absent = new Int32Array(agents);
    this.absentCount = new Int32Array(G);
    this.sesFirst = new Int32Array(agents);
    this.vEnd = new Float64Array(slots);
    this.sesChannel = new Int32Array(slots);
    this.vNow = new Float64Array(agents);
    this.tLast = new Float64Array(agents);
    this.version = new Float64Array(agents);
    this.armed = new Float64Array(agents).fill(Infinity);
    let m = 0, s = 0;
    for (let g = 0; g < G; g++) {
      const spec = groups[g];
      if (spec === undefined) continue;
      for (let k = 0; k <= spec.cap; k++) {
        this.levelBase[this.levelFirst[g]! + k] = m; m += spec.agents;
        this.levelStretch[this.levelFirst[g]! + k] = 1 + spec.slowdown * (k - 1);
      }
      const f = this.first[g]!;
      for (let i = 0; i < spec.agents; i++) {
        const a = f + i;
        this.group[a] = g;
        this.sesFirst[a] = s; s += spec.cap;
        // Absent stack: agent f is on top, so agents join in index order.
        this.absent[f + i] = f + spec.agents - 1 - i;
      }
      this.absentCount[g] = spec.agents;
    }
  }

  /** Is group g a desk group? */
  isDesk(g: number): boolean {
    return this.levelFirst[g + 1]! > this.levelFirst[g]!;
  }

  // ---------------------------------------------------------------- who can take what

  /**
   * The least loaded PRESENT agent of group g not on a call with fewer than `limit` chat
   * sessions (a session of a channel with concurrency `limit`); the most recently listed of
   * that level. −1: none.
   */
  forChat(g: number, limit: number): number {
    const l0 = this.levelFirst[g]!;
    const top = limit < this.cap[g]! ? limit : this.cap[g]!;
    for (let k = 0; k < top; k++) {
      const n = this.levelCount[l0 + k]!;
      if (n > 0) return this.members[this.levelBase[l0 + k]! + n - 1]!;
    }
    return -1;
  }

  /**
   * An agent of group g free to take a call: an empty one (most recently listed), or — when
   * `whileChatting` — the least loaded agent not on a call. −1: none.
   */
  forCall(g: number, whileChatting: boolean): number {
    const l0 = this.levelFirst[g]!;
    const top = whileChatting ? this.cap[g]! : 0;
    for (let k = 0; k <= top; k++) {
      const n = this.levelCount[l0 + k]!;
      if (n > 0) return this.members[this.levelBase[l0 + k]! + n - 1]!;
    }
    return -1;
  }

  /** True when agent a has nothing in progress. */
  isEmpty(a: number): boolean {
    return this.load[a] === 0 && this.call[a] === 0;
  }

  // ---------------------------------------------------------------- calls

  /** Agent a (PRESENT) starts a call of channel c: it leaves its level list. */
  startCall(a: number, c: number): void {
    if (this.pos[a]! >= 0) this.unlist(a);
    this.call[a] = c + 1;
  }

  /** Agent a's call ends; returns its channel. A PRESENT agent goes back to its level list. */
  endCall(a: number): number {
    const c = this.call[a]! - 1;
    this.call[a] = 0;
    if (this.state[a] === AgentState.PRESENT) this.list(a);
    return c;
  }

  // ---------------------------------------------------------------- chat sessions

  /**
   * Inputs and output of the session methods, as fields so that only integers cross calls
   * (a double argument or return value of a call V8 does not inline is boxed: an allocation
   * per event). Set `now` (and `work`) before calling; read `endAt` after `nextEnd`.
   */
  now = 0;
  work = 0;
  endAt = 0;

  /** Advances agent a's virtual clock to `now` at its current pace. */
  private advance(a: number): void {
    const n = this.load[a]!;
    if (n === 0) { this.vNow[a] = 0; this.tLast[a] = this.now; return; }
    this.vNow[a] = this.vNow[a]! + (this.now - this.tLast[a]!) / this.levelStretch[this.levelFirst[this.group[a]!]! + n]!;
    this.tLast[a] = this.now;
  }

  /**
   * Agent a starts a session of channel c with `work` seconds of work (at pace 1) at `now`.
   * Returns true when the time of its earliest session end changed (a new earliest session,
   * or a new pace).
   */
  addSession(a: number, c: number): boolean {
    this.advance(a);
    const n = this.load[a]!;
    const f = this.sesFirst[a]!;
    const v = this.vNow[a]! + this.work;
    let i = f + n;
    while (i > f && this.vEnd[i - 1]! > v) {
      this.vEnd[i] = this.vEnd[i - 1]!; this.sesChannel[i] = this.sesChannel[i - 1]!;
      i--;
    }
    this.vEnd[i] = v; this.sesChannel[i] = c;
    this.relist(a, n + 1);
    return i === f || (n > 0 && this.slowdown[this.group[a]!]! > 0);
  }

  /** Real time at which agent a's earliest session ends, into `endAt` (Infinity without sessions). */
  nextEnd(a: number): void {
    const n = this.load[a]!;
    if (n === 0) { this.endAt = Infinity; return; }
    const left = this.vEnd[this.sesFirst[a]!]! - this.vNow[a]!; // ≥ 0 up to rounding: never schedule in the past
    this.endAt = this.tLast[a]! + (left > 0 ? left * this.levelStretch[this.levelFirst[this.group[a]!]! + n]! : 0);
  }

  /** Does agent a's earliest session end at the same moment as the one `endSession` just ended (same virtual end)? */
  headDue(a: number): boolean {
    return this.load[a]! > 0 && this.vEnd[this.sesFirst[a]!]! <= this.vNow[a]!;
  }

  /** Agent a's earliest session ends at `now`; returns its channel. */
  endSession(a: number): number {
    const f = this.sesFirst[a]!;
    const n = this.load[a]!;
    const c = this.sesChannel[f]!;
    this.vNow[a] = this.vEnd[f]!;
    this.tLast[a] = this.now;
    for (let i = f + 1; i < f + n; i++) {
      this.vEnd[i - 1] = this.vEnd[i]!; this.sesChannel[i - 1] = this.sesChannel[i]!;
    }
    if (n === 1) this.vNow[a] = 0;
    this.relist(a, n - 1);
    return c;
  }

  // ---------------------------------------------------------------- shifts

  /** Brings up to n ABSENT agents of group g on duty (listed, empty); returns how many came, their ids in `scratch`. */
  join(g: number, n: number, scratch: Int32Array): number {
    let k = 0;
    while (k < n && this.absentCount[g]! > 0) {
      const a = this.absent[this.first[g]! + --this.absentCount[g]!]!;
      this.state[a] = AgentState.PRESENT; this.load[a] = 0; this.call[a] = 0;
      this.list(a);
      scratch[k++] = a;
    }
    this.onDuty[g] = this.onDuty[g]! + k;
    return k;
  }

  /** Keeps up to n LEAVING agents of group g on duty after all; returns how many, their ids in `scratch`. */
  stay(g: number, n: number, scratch: Int32Array): number {
    let k = 0;
    for (let a = this.first[g]!, e = this.first[g + 1]!; a < e && k < n; a++) {
      if (this.state[a] !== AgentState.LEAVING) continue;
      this.state[a] = AgentState.PRESENT;
      if (this.call[a] === 0) this.list(a);
      scratch[k++] = a;
    }
    this.leaving[g] = this.leaving[g]! - k;
    return k;
  }

  /** Sends up to n empty agents of group g off duty now; returns how many left. */
  leaveIdle(g: number, n: number): number {
    const L = this.levelFirst[g]!;
    let k = 0;
    while (k < n && this.levelCount[L]! > 0) {
      const a = this.members[this.levelBase[L]! + this.levelCount[L]! - 1]!;
      this.unlist(a);
      this.depart(a);
      k++;
    }
    return k;
  }

  /** PRESENT agent a of group g is owed a departure (see `owed`): it turns LEAVING — takes no new work, leaves when empty. */
  markLeaving(a: number): void {
    const g = this.group[a]!;
    if (this.pos[a]! >= 0) this.unlist(a);
    this.state[a] = AgentState.LEAVING;
    this.leaving[g] = this.leaving[g]! + 1;
    this.owed[g] = this.owed[g]! - 1;
  }

  /**
   * Group g owes departures: agents with a free chat slot (fewer sessions than the group's
   * cap, not on a call), least loaded first, turn LEAVING now — they would otherwise keep
   * taking new sessions — one per departure owed. (Agents with every slot taken, or on a call,
   * take no new work anyway; they turn LEAVING when they next finish something.)
   */
  markSpare(g: number): void {
    for (let lvl = 1; lvl < this.cap[g]! && this.owed[g]! > 0; lvl++) {
      const L = this.levelFirst[g]! + lvl;
      while (this.owed[g]! > 0 && this.levelCount[L]! > 0) this.markLeaving(this.members[this.levelBase[L]! + this.levelCount[L]! - 1]!);
    }
  }

  /** A LEAVING agent whose work is done goes off duty. */
  leaveDone(a: number): void {
    this.leaving[this.group[a]!] = this.leaving[this.group[a]!]! - 1;
    this.depart(a);
  }

  private depart(a: number): void {
    const g = this.group[a]!;
    this.state[a] = AgentState.ABSENT;
    this.absent[this.first[g]! + this.absentCount[g]!++] = a;
    this.onDuty[g] = this.onDuty[g]! - 1;
  }

  // ---------------------------------------------------------------- level lists

  private list(a: number): void {
    const L = this.levelFirst[this.group[a]!]! + this.load[a]!;
    const n = this.levelCount[L]!;
    this.members[this.levelBase[L]! + n] = a;
    this.pos[a] = n;
    this.levelCount[L] = n + 1;
  }

  private unlist(a: number): void {
    const L = this.levelFirst[this.group[a]!]! + this.load[a]!;
    const n = this.levelCount[L]! - 1;
    const base = this.levelBase[L]!;
    const i = this.pos[a]!;
    const last = this.members[base + n]!;
    this.members[base + i] = last;
    this.pos[last] = i;
    this.pos[a] = -1;
    this.levelCount[L] = n;
  }

  /** Sets agent a's load to n, moving it between level lists if it is listed. */
  private relist(a: number, n: number): void {
    const listed = this.pos[a]! >= 0;
    if (listed) this.unlist(a);
    this.load[a] = n;
    if (listed) this.list(a);
  }
}
