import { EXPONENTIAL, encodeSampler, sampleEncoded } from '../rng/encoded.js';
import { standardExponential } from '../rng/exponential.js';
import { streamState } from '../rng/stream.js';
import { uniform } from '../rng/uniform.js';
import { HISTOGRAM_BINS } from '../stats/histogram.js';
import { countDeferredStart, waitingIn } from './backlog.js';
import { Desks, LEAVING, type DeskGroupSpec } from './desks.js';
import { EventHeap } from './heap.js';
import {
  ABANDON, BOUNDARY, CALL_END, COMPLETE, KIND_BITS, KIND_MASK, OFFER, REDIAL, RETURN, SESSION_END, WARMUP,
} from './events.js';
import { CHAT, DEFERRED, kindCode } from './kinds.js';
import type { Model, TraceSink } from './model.js';
import { DEFAULT_CHAT_CONCURRENCY, DEFAULT_CHAT_SLOWDOWN } from './model.js';
import { ContactQueue, FLAG_GONE, FLAG_RETRIAL, FLAG_RETURN } from './queue.js';
import { deskNext, poolNext, takerOf, type RoutingState } from './routing.js';
import {
  ABANDONED, ANSWERED, BACKLOG, BUSY, F, OFFERED, RETRIALS, RETURNS, SELF_SERVICE, STILL_WAITING, WAIT_ALL,
  WAIT_ANSWERED, WITHIN_TARGET, type Accumulators,
} from './tallies.js';

/*
 * The contact-centre event loop. One `Sim` is one replication: state in typed arrays,
 * events in an `EventHeap` (kinds: events.ts), waiting contacts in one `ContactQueue` per
 * channel, figures accumulated into typed-array tallies (tallies.ts). Nothing is allocated
 * per event (trace aside).
 *
 * The parts, each in its module:
 *   routing.ts  which agent takes an offered contact, and what a freed agent takes next —
 *               the routing rules, in one place;
 *   desks.ts    the capacity of agents in groups with a chat skill, one by one (sessions,
 *               calls, the chat pace); groups without chat are anonymous counters here
 *               (`idle` / `present` / `owed`): one agent, one slot;
 *   backlog.ts  waiting counts and the deferred items' time to handle;
 *   this file   arrivals, the event loop, starting and ending service (tallies, events),
 *               time integrals and the schedule.
 */

/** Random-stream purposes; the channel name is appended, so adding a channel shifts no other's numbers. */
const streamOf = (seed: string | number, task: number, rep: number, purpose: string, channel: string): Uint32Array =>
  streamState(seed, task, rep, `${purpose}:${channel}`);

export interface SimSettings {
  seed: string | number;
  task: number;
  replication: number;
  warmupSeconds: number;
  maxArrivals: number;
  trace: TraceSink | undefined;
}

export class Sim implements Accumulators, RoutingState {
  // ---- structure (fixed after construction)
  readonly nC: number;
  readonly nG: number;
  /** Cycle length in intervals; row `cycle` of the tallies is the warm-up discard row. */
  readonly cycle: number;
  readonly interval: number;
  readonly horizon: number;
  readonly warmup: number;
  readonly maxArrivals: number;
  /** cycle × channels arrival rates per second */
  readonly rates: Float64Array;
  /** cycle × groups agents on duty */
  readonly schedule: Int32Array;
  /** groups serving a channel: chGroups[chGroupStart[c] .. chGroupStart[c + 1]) in model order */
  readonly chGroupStart: Int32Array;
  readonly chGroups: Int32Array;
  /** a group's skills, priority order: grSkills[grSkillStart[g] .. grSkillStart[g + 1]) */
  readonly grSkillStart: Int32Array;
  readonly grSkills: Int32Array;
  readonly servesChannel: Uint8Array;
  /** channel → kind code (kinds.ts) */
  readonly kind: Uint8Array;
  /** channel → sessions per agent (chat; 1 otherwise) */
  readonly conc: Int32Array;
  /** channel → deadline, seconds (deferred; Infinity otherwise) */
  readonly deadline: Float64Array;
  /** channel → index among deferred channels, −1 otherwise */
  readonly deferredIndex: Int32Array;
  readonly nDeferred: number;
  /** group → 1 when it has a chat skill (its agents live in `desks`) */
  readonly deskGroup: Uint8Array;
  /** group → 1 when its agents may take calls while chatting */
  readonly callsWhileChatting: Uint8Array;
  readonly target: Float64Array;
  readonly rateCv: Float64Array;
  readonly ssShare: Float64Array;
  readonly returnShare: Float64Array;
  readonly retrialP: Float64Array;
  readonly hasRetrial: Uint8Array;
  readonly hasPatience: Uint8Array;
  readonly hasIvr: Uint8Array;
  /** Encoded samplers (engine/rng encodeSampler) and, for the exponential fast path, kind flags and means. */
  readonly hP: Float64Array[];
  readonly hExp: Uint8Array;
  readonly hMean: Float64Array;
  readonly pP: Float64Array[];
  readonly pExp: Uint8Array;
  readonly pMean: Float64Array;
  readonly ivrP: Float64Array[];
  readonly delayP: Float64Array[];
  readonly returnP: Float64Array[];
  readonly factorP: Float64Array[];
  // ---- random streams, one per (purpose, channel)
  readonly sArr: Uint32Array[];
  readonly sHandle: Uint32Array[];
  readonly sPat: Uint32Array[];
  readonly sSelf: Uint32Array[];
  readonly sIvr: Uint32Array[];
  readonly sRetrial: Uint32Array[];
  readonly sReturn: Uint32Array[];
  readonly sFactor: Uint32Array[];
  // ---- state
  readonly heap: EventHeap;
  readonly queues: ContactQueue[];
  /** pool groups: idle agents; every group: agents on duty (for the duty integral) and scheduled */
  readonly idle: Int32Array;
  readonly present: Int32Array;
  readonly scheduled: Int32Array;
  /** pool groups: busy agents past their shift, leaving when their contact ends */
  readonly owed: Int32Array;
  readonly desks: Desks;
  /** agent ids from Desks.join / stay */
  readonly scratch: Int32Array;
  /**
   * The desk agent whose CALL_END or SESSION_END is being handled, −1: starting work does not
   * count it as newly busy nor reschedule its sessions — the handler settles both at its end.
   */
  handling = -1;
  /**
   * While `handling`: the (group, channel) index g·C + c of the contact that just ended, whose
   * busy-count decrement waits to see if the agent starts the same channel again (then the
   * count does not change at all, as in a pool group's COMPLETE); −1 when none.
   */
  pendingEnd = -1;
  /** contacts in progress per (group, channel): busyCount[g·C + c] */
  readonly busyCount: Int32Array;
  /** −Σ delta·t of busy-count changes since the last flush, minus count·t at that flush (see busyChange) */
  readonly busyMoment: Float64Array;
  /** desk groups: agents with work in progress, and its moment */
  readonly workCount: Int32Array;
  readonly workMoment: Float64Array;
  readonly dutyAcc: Float64Array;
  readonly dutyT: Float64Array;
  /** arrival process per channel: effective rate, its inverse, end of its interval, absolute interval */
  readonly arrRate: Float64Array;
  readonly arrInv: Float64Array;
  readonly arrEnd: Float64Array;
  readonly arrIdx: Float64Array;
  /** next external arrival time per channel (Infinity: none before the horizon) */
  readonly arrNext: Float64Array;
  /** the earliest of arrNext, and its channel */
  nextArr = Infinity;
  nextCh = -1;
  // ---- accumulators (tallies.ts Accumulators)
  readonly cells: Float64Array;
  readonly duty: Float64Array;
  readonly groupBusy: Float64Array;
  readonly groupContacts: Float64Array;
  readonly duration: Float64Array;
  readonly histogram: Float64Array;
  readonly startBacklog: Float64Array;
  readonly endBacklog: Float64Array;
  /** current tally row (cycle interval, or `cycle` during warm-up) */
  row: number;
  /** absolute index of the current interval */
  k = 0;
  lastFlush = 0;
  /** time of the last backlog sample (interval boundary or warm-up end) */
  lastSample = 0;
  arrivals = 0;
  events = 0;
  nextId = 0;
  endTime = 0;
  /** Current simulated time, seconds. Hot methods read it here instead of taking it as an argument: only
   * integers cross calls, so no double is boxed when V8 does not inline a call (measured: GC scavenges per run). */
  now = 0;
  /** Arrival time of the contact being offered (for the trace). */
  arrivalNow = 0;
  /** Result slot for methods computing a time (next arrival) or a duration (handle time). */
  out = 0;
  /** The desk agent routing.ts `takerOf` chose. */
  agentOut = -1;
  handleOut = 0;
  readonly trace: TraceSink | undefined;
  readonly traced: boolean;

  constructor(model: Model, st: SimSettings) {
    const C = model.channels.length, G = model.groups.length;
    const L = model.channels[0]!.arrivalRatePerSecond.length;
    this.nC = C; this.nG = G; this.cycle = L;
    this.interval = model.intervalSeconds;
    this.horizon = model.days * 86400;
    this.warmup = Math.min(st.warmupSeconds, this.horizon);
    this.maxArrivals = st.maxArrivals;
    this.trace = st.trace;
    this.traced = st.trace !== undefined;
    const names = model.channels.map((c) => c.name);
    this.rates = new Float64Array(L * C);
    this.schedule = new Int32Array(L * G);
    for (let c = 0; c < C; c++) {
      const r = model.channels[c]!.arrivalRatePerSecond;
      for (let i = 0; i < L; i++) this.rates[i * C + c] = r[i]!;
    }
    for (let g = 0; g < G; g++) {
      const d = model.groups[g]!.onDuty;
      for (let i = 0; i < L; i++) this.schedule[i * G + g] = d[i]!;
    }
    this.servesChannel = new Uint8Array(G * C);
    this.grSkillStart = new Int32Array(G + 1);
    const skills: number[] = [];
    for (let g = 0; g < G; g++) {
      this.grSkillStart[g] = skills.length;
      for (const s of model.groups[g]!.skills) {
        const c = names.indexOf(s);
        skills.push(c);
        this.servesChannel[g * C + c] = 1;
      }
    }
    this.grSkillStart[G] = skills.length;
    this.grSkills = Int32Array.from(skills);
    this.chGroupStart = new Int32Array(C + 1);
    const chg: number[] = [];
    for (let c = 0; c < C; c++) {
      this.chGroupStart[c] = chg.length;
      for (let g = 0; g < G; g++) if (this.servesChannel[g * C + c]) chg.push(g);
    }
    this.chGroupStart[C] = chg.length;
    this.chGroups = Int32Array.from(chg);

    this.kind = new Uint8Array(C); this.conc = new Int32Array(C); this.deadline = new Float64Array(C);
    this.deferredIndex = new Int32Array(C);
    this.target = new Float64Array(C); this.rateCv = new Float64Array(C); this.ssShare = new Float64Array(C);
    this.returnShare = new Float64Array(C);
    this.retrialP = new Float64Array(C); this.hasRetrial = new Uint8Array(C); this.hasPatience = new Uint8Array(C);
    this.hasIvr = new Uint8Array(C); this.hExp = new Uint8Array(C); this.hMean = new Float64Array(C);
    this.pExp = new Uint8Array(C); this.pMean = new Float64Array(C);
    this.hP = []; this.pP = []; this.ivrP = []; this.delayP = []; this.returnP = []; this.factorP = [];
    this.sArr = []; this.sHandle = []; this.sPat = []; this.sSelf = []; this.sIvr = []; this.sRetrial = [];
    this.sReturn = []; this.sFactor = [];
    const none = Float64Array.of(0, 0);
    let nDeferred = 0;
    for (let c = 0; c < C; c++) {
      const ch = model.channels[c]!;
      const p = `channels[${c}]`;
      this.kind[c] = kindCode(ch.kind);
      this.conc[c] = ch.kind === 'chat' ? ch.concurrency ?? DEFAULT_CHAT_CONCURRENCY : 1;
      this.deadline[c] = ch.kind === 'deferred' ? ch.deadlineSeconds! : Infinity;
      this.deferredIndex[c] = ch.kind === 'deferred' ? nDeferred++ : -1;
      this.target[c] = ch.targetSeconds;
      this.rateCv[c] = ch.rateCv ?? 0;
      this.ssShare[c] = ch.selfService?.share ?? 0;
      this.returnShare[c] = this.ssShare[c]! > 0 ? ch.selfService?.returnShare ?? 0 : 0;
      const h = encodeSampler(ch.handleTime, `${p}.handleTime`);
      this.hP.push(h); this.hExp[c] = h[0] === EXPONENTIAL ? 1 : 0; this.hMean[c] = h[1]!;
      if (ch.patience) {
        const pt = encodeSampler(ch.patience, `${p}.patience`);
        this.pP.push(pt); this.hasPatience[c] = 1; this.pExp[c] = pt[0] === EXPONENTIAL ? 1 : 0; this.pMean[c] = pt[1]!;
      } else this.pP.push(none);
      if (ch.selfService?.duration) {
        this.ivrP.push(encodeSampler(ch.selfService.duration, `${p}.selfService.duration`)); this.hasIvr[c] = 1;
      } else this.ivrP.push(none);
      this.returnP.push(ch.selfService?.returnDelay ? encodeSampler(ch.selfService.returnDelay, `${p}.selfService.returnDelay`) : none);
      if (ch.retrial && ch.patience) {
        this.delayP.push(encodeSampler(ch.retrial.delay, `${p}.retrial.delay`));
        this.retrialP[c] = ch.retrial.probability; this.hasRetrial[c] = 1;
      } else this.delayP.push(none);
      this.factorP.push(this.rateCv[c]! > 0
        ? encodeSampler({ kind: 'gamma', mean: 1, cv: this.rateCv[c]! }, `${p}.rateCv`) : none);
      const n = ch.name, seed = st.seed, task = st.task, rep = st.replication;
      this.sArr.push(streamOf(seed, task, rep, 'arrivals', n));
      this.sHandle.push(streamOf(seed, task, rep, 'handle', n));
      this.sPat.push(streamOf(seed, task, rep, 'patience', n));
      this.sSelf.push(streamOf(seed, task, rep, 'selfService', n));
      this.sIvr.push(streamOf(seed, task, rep, 'ivr', n));
      this.sRetrial.push(streamOf(seed, task, rep, 'retrial', n));
      this.sReturn.push(streamOf(seed, task, rep, 'return', n));
      this.sFactor.push(streamOf(seed, task, rep, 'rateFactor', n));
    }
    this.nDeferred = nDeferred;

    // Groups with a chat skill keep their agents one by one (desks.ts).
    this.deskGroup = new Uint8Array(G);
    this.callsWhileChatting = new Uint8Array(G);
    const specs: (DeskGroupSpec | undefined)[] = [];
    let widest = 0;
    for (let g = 0; g < G; g++) {
      const grp = model.groups[g]!;
      let cap = 0, slowdown = 0;
      for (const s of grp.skills) {
        const ch = model.channels[names.indexOf(s)]!;
        if (ch.kind !== 'chat') continue;
        cap = Math.max(cap, ch.concurrency ?? DEFAULT_CHAT_CONCURRENCY);
        slowdown = ch.slowdown ?? DEFAULT_CHAT_SLOWDOWN;
      }
      if (cap === 0) { specs.push(undefined); continue; }
      const agents = grp.onDuty.reduce((m, n) => (n > m ? n : m), 0);
      widest = Math.max(widest, agents);
      specs.push({ agents, cap, slowdown });
      this.deskGroup[g] = 1;
      this.callsWhileChatting[g] = grp.callsWhileChatting === true ? 1 : 0;
    }
    this.desks = new Desks(specs);
    this.scratch = new Int32Array(widest);

    this.heap = new EventHeap(64);
    this.queues = [];
    for (let c = 0; c < C; c++) this.queues.push(new ContactQueue(this.traced));
    this.idle = new Int32Array(G); this.present = new Int32Array(G); this.scheduled = new Int32Array(G);
    this.owed = new Int32Array(G);
    this.busyCount = new Int32Array(G * C); this.busyMoment = new Float64Array(G * C);
    this.workCount = new Int32Array(G); this.workMoment = new Float64Array(G);
    this.dutyAcc = new Float64Array(G); this.dutyT = new Float64Array(G);
    this.arrRate = new Float64Array(C); this.arrInv = new Float64Array(C); this.arrEnd = new Float64Array(C);
    this.arrIdx = new Float64Array(C);
    this.arrNext = new Float64Array(C);
    this.cells = new Float64Array((L + 1) * C * F);
    this.duty = new Float64Array((L + 1) * G);
    this.groupBusy = new Float64Array((L + 1) * G);
    this.groupContacts = new Float64Array((L + 1) * G);
    this.duration = new Float64Array(L + 1);
    this.histogram = new Float64Array((L + 1) * nDeferred * HISTOGRAM_BINS);
    this.startBacklog = new Float64Array(C);
    this.endBacklog = new Float64Array(C);
    this.row = this.warmup > 0 ? L : 0;
  }

  /**
   * Runs to the end of the horizon (or of the arrivals); the tallies are then final.
   * The event loop is `runInterval`, called once per planning interval: a function that
   * returns often is re-optimised by V8 after a deoptimisation (e.g. the first time a rare
   * event kind shows up), whereas one long loop, optimised on-stack once, measured stuck in
   * baseline code after its first deoptimisation (and allocating a heap number per double).
   */
  run(): void {
    const heap = this.heap, C = this.nC, G = this.nG;
    // Initial staff: interval 0's schedule, idle.
    for (let g = 0; g < G; g++) {
      const n = this.schedule[g]!;
      this.scheduled[g] = n; this.present[g] = n;
      if (this.deskGroup[g]) this.desks.join(g, n, this.scratch);
      else this.idle[g] = n;
    }
    // External arrivals are not in the heap: each channel's next arrival time sits in
    // `arrNext`, and the loop compares the earliest with the heap's root (arrivals first on
    // equal times). One comparison instead of a heap re-sift per arrival.
    const arrNext = this.arrNext;
    for (let c = 0; c < C; c++) {
      this.setArrivalInterval(c, 0);
      this.now = 0;
      this.nextArrival(c);
      arrNext[c] = this.out;
    }
    this.pickNextArrival();
    heap.push(Math.min(this.interval, this.horizon), BOUNDARY, 0, 0);
    if (this.warmup > 0 && this.warmup < this.horizon) heap.push(this.warmup, WARMUP, 0, 0);
    for (;;) {
      if (this.runInterval()) break;
      // The root is an interval boundary.
      this.events++;
      this.now = heap.time[heap.top()]!;
      if (this.onBoundary()) { this.endTime = this.now; break; }
    }
    this.now = this.endTime;
    this.finish();
  }

  /** The earliest next external arrival over the channels, into nextArr / nextCh. */
  private pickNextArrival(): void {
    let nextArr = Infinity, nextCh = -1;
    for (let c = 0; c < this.nC; c++) if (this.arrNext[c]! < nextArr) { nextArr = this.arrNext[c]!; nextCh = c; }
    this.nextArr = nextArr;
    this.nextCh = nextCh;
  }

  /**
   * Handles events until the root is an interval boundary (returns false) or the arrivals
   * run out (`maxArrivals`; returns true, `endTime` set).
   */
  private runInterval(): boolean {
    const heap = this.heap, C = this.nC;
    const arrNext = this.arrNext;
    const idle = this.idle, owed = this.owed, maxArrivals = this.maxArrivals;
    const grSkillStart = this.grSkillStart, grSkills = this.grSkills, queues = this.queues;
    let nextArr = this.nextArr, nextCh = this.nextCh;
    let events = this.events;
    let ended = false;
    for (;;) {
      const slot = heap.heap[0]!;
      const ht = heap.time[slot]!;
      if (nextArr <= ht) {
        // An external arrival of channel nextCh.
        const t = nextArr, c = nextCh;
        this.now = t;
        if (this.arrivals >= maxArrivals) { this.endTime = t; ended = true; break; }
        events++;
        this.arrivals++;
        const id = this.nextId++;
        const share = this.ssShare[c]!;
        if (share > 0 && uniform(this.sSelf[c]!) < share) this.selfServed(c, id);
        else if (this.hasIvr[c]) this.toIvr(c, id);
        else { this.arrivalNow = t; this.offer(c, 0, id); }
        this.nextArrival(c);
        arrNext[c] = this.out;
        if (C === 1) nextArr = this.out;
        else {
          nextArr = Infinity;
          for (let k = 0; k < C; k++) if (arrNext[k]! < nextArr) { nextArr = arrNext[k]!; nextCh = k; }
        }
        continue;
      }
      const code = heap.code[slot]!;
      const kind = code & KIND_MASK;
      if (kind === BOUNDARY) break;
      const t = ht;
      this.now = t;
      events++;
      const c = code >> KIND_BITS;
      if (kind === COMPLETE) {
        // An agent of pool group g finishes a contact of channel c.
        const g = heap.payload[slot]!;
        if (owed[g]! > 0) { this.leave(g, c); continue; }
        // poolNext is not inlined: skip the call when every line the group serves is empty.
        let any = false;
        for (let k = grSkillStart[g]!, e = grSkillStart[g + 1]!; k < e; k++) if (queues[grSkills[k]!]!.length > 0) { any = true; break; }
        const c2 = any ? poolNext(this, g) : -1;
        if (c2 >= 0) {
          // Same channel: the busy count is unchanged, nothing to integrate.
          if (c2 !== c) { this.busyChange(g * C + c, -1); this.busyChange(g * C + c2, 1); }
          heap.code[slot] = COMPLETE | (c2 << KIND_BITS);
          heap.time[slot] = t + this.handleOut;
          heap.resiftTopDeep();
        } else {
          idle[g] = idle[g]! + 1;
          this.busyChange(g * C + c, -1);
          heap.popTop();
        }
      } else this.onEvent(kind, c, slot);
    }
    this.nextArr = nextArr;
    this.nextCh = nextCh;
    this.events = events;
    return ended;
  }

  /**
   * Root event `slot` of any kind but COMPLETE and BOUNDARY (kept out of `runInterval` so
   * that the voice hot path stays within V8's inlining budget).
   */
  private onEvent(kind: number, c: number, slot: number): void {
    const heap = this.heap;
    if (kind === SESSION_END) this.onSessionEnd(slot);
    else if (kind === CALL_END) this.onCallEnd(c, heap.payload[slot]!);
    else if (kind === ABANDON) this.onAbandon(c, slot);
    else if (kind === REDIAL || kind === RETURN) {
      heap.popTop();
      this.arrivalNow = this.now;
      this.offer(c, kind === REDIAL ? FLAG_RETRIAL : FLAG_RETURN, this.nextId++);
    } else if (kind === OFFER) {
      const id = heap.payload[slot]!;
      this.arrivalNow = heap.aux[slot]!;
      heap.popTop();
      this.offer(c, 0, id);
    } else { // WARMUP
      heap.popTop();
      this.flush();
      this.sampleBacklog(this.startBacklog, false);
      this.lastSample = this.now;
      this.row = this.k % this.cycle;
    }
  }

  // ---------------------------------------------------------------- arrivals

  /** Enters absolute interval `idx` of channel c's arrival process (draws its over-dispersion factor). */
  private setArrivalInterval(c: number, idx: number): void {
    let rate = this.rates[(idx % this.cycle) * this.nC + c]!;
    if (this.rateCv[c]! > 0 && rate > 0) rate *= sampleEncoded(this.factorP[c]!, this.sFactor[c]!);
    this.arrIdx[c] = idx;
    this.arrRate[c] = rate;
    this.arrInv[c] = rate > 0 ? 1 / rate : 0;
    this.arrEnd[c] = (idx + 1) * this.interval;
  }

  /**
   * Next arrival after `now` of channel c's piecewise-constant-rate Poisson process, into
   * `out`, by the time change of a unit-rate process: a standard exponential amount of
   * "intensity" is spent across interval boundaries (exact at rate changes; zero-rate
   * intervals pass with no arrival). Infinity when it falls beyond the horizon.
   */
  private nextArrival(c: number): void {
    let e = standardExponential(this.sArr[c]!);
    let t = this.now;
    let end = this.arrEnd[c]!;
    for (;;) {
      const rate = this.arrRate[c]!;
      if (rate > 0) {
        const x = t + e * this.arrInv[c]!;
        if (x < end) { this.out = x; return; }
        e -= (end - t) * rate;
        if (e < 0) e = 0;
      }
      t = end;
      if (t >= this.horizon) { this.out = Infinity; return; }
      this.setArrivalInterval(c, this.arrIdx[c]! + 1);
      end = this.arrEnd[c]!;
    }
  }

  /** An arrival completed in self-service (counted at arrival); a share of them come back later (RETURN). */
  private selfServed(c: number, id: number): void {
    const i = (this.row * this.nC + c) * F + SELF_SERVICE;
    this.cells[i] = this.cells[i]! + 1;
    if (this.traced) this.trace!(id, c, false, this.now, NaN, 'self-service', 0, 0, -1, -1);
    const r = this.returnShare[c]!;
    if (r > 0 && uniform(this.sReturn[c]!) < r) {
      this.heap.push(this.now + sampleEncoded(this.returnP[c]!, this.sReturn[c]!), RETURN | (c << KIND_BITS), 0, 0);
    }
  }

  /** An arrival that spends IVR time before asking for an agent. */
  private toIvr(c: number, id: number): void {
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = this.now + sampleEncoded(this.ivrP[c]!, this.sIvr[c]!);
    heap.code[slot] = OFFER | (c << KIND_BITS);
    heap.payload[slot] = id;
    heap.aux[slot] = this.now;
    heap.insert(slot);
  }

  // ---------------------------------------------------------------- starting service (routing.ts decides who)

  /**
   * Handle time of a contact of channel c, seconds. The unary `+` on the non-inlined
   * sampler call types the merge as a number, so the exponential fast path stays an unboxed
   * double (without it, V8 boxes every draw to merge it with the call's untyped result).
   */
  private drawHandle(c: number): number {
    return this.hExp[c] ? this.hMean[c]! * standardExponential(this.sHandle[c]!) : +sampleEncoded(this.hP[c]!, this.sHandle[c]!);
  }

  /**
   * A contact of channel c reaches the agent queue now (`flags`: a retrial or a return,
   * queue.ts; `id` for the trace): counted, then answered at once by whom routing.ts
   * `takerOf` names, or it waits (FIFO). The voice hot path is written out here — count,
   * pool answer, line — so that V8 compiles it as one function; the cold parts (deferred
   * figures, trace, desks) are calls.
   */
  private offer(c: number, flags: number, id: number): void {
    const t = this.now;
    const base = (this.row * this.nC + c) * F;
    const cells = this.cells;
    cells[base + OFFERED] = cells[base + OFFERED]! + 1;
    if (flags !== 0) this.countRepeat(base, flags);
    const g = takerOf(this, c);
    if (g >= 0) {
      cells[base + ANSWERED] = cells[base + ANSWERED]! + 1;
      cells[base + WITHIN_TARGET] = cells[base + WITHIN_TARGET]! + 1;
      if (this.deskGroup[g]) { this.startDeskNow(c, base, flags, id, g, this.agentOut); return; }
      this.idle[g] = this.idle[g]! - 1;
      this.busyChange(g * this.nC + c, 1);
      const h = this.drawHandle(c);
      const heap = this.heap, slot = heap.alloc();
      heap.time[slot] = t + h;
      heap.code[slot] = COMPLETE | (c << KIND_BITS);
      heap.payload[slot] = g;
      heap.insert(slot);
      if (this.deferredIndex[c]! >= 0) this.deferredStart(c, base, h);
      if (this.traced) this.traceAnswer(id, c, flags, this.arrivalNow, t, h, g, -1);
      return;
    }
    let deadline = Infinity;
    if (this.hasPatience[c]) {
      deadline = t + (this.pExp[c] ? this.pMean[c]! * standardExponential(this.sPat[c]!) : +sampleEncoded(this.pP[c]!, this.sPat[c]!));
    }
    const q = this.queues[c]!;
    const i = q.reserve();
    q.offered[i] = t;
    q.deadline[i] = deadline;
    q.row[i] = base;
    q.flags[i] = flags;
    if (this.traced) { q.id[i] = id; q.arrival[i] = this.arrivalNow; }
    if (this.hasRetrial[c] && deadline < Infinity) this.scheduleAbandon(c, deadline);
  }

  /** A retrial or a return reaches the agent queue: counted beside `offered` (cold). */
  private countRepeat(base: number, flags: number): void {
    if (flags & FLAG_RETRIAL) this.cells[base + RETRIALS] = this.cells[base + RETRIALS]! + 1;
    if (flags & FLAG_RETURN) this.cells[base + RETURNS] = this.cells[base + RETURNS]! + 1;
  }

  /** Channels with retrials: the ABANDON event of the contact just put last in line, at its deadline. */
  private scheduleAbandon(c: number, deadline: number): void {
    const q = this.queues[c]!;
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = deadline;
    heap.code[slot] = ABANDON | (c << KIND_BITS);
    heap.aux[slot] = q.headTicket + q.length - 1;
    heap.insert(slot);
  }

  /**
   * Desk agent a of group g answers a contact of channel c just offered (cell `base`, already
   * counted as answered), at once: draws its work and starts its session or call.
   */
  private startDeskNow(c: number, base: number, flags: number, id: number, g: number, a: number): void {
    const h = this.drawHandle(c);
    this.handleOut = h;
    if (this.deferredIndex[c]! >= 0) this.deferredStart(c, base, h);
    if (this.traced) this.traceAnswer(id, c, flags, this.arrivalNow, this.now, h, g, a);
    if (this.kind[c] === CHAT) this.startSession(a, c);
    else this.startCall(a, c);
  }

  /**
   * Group g (`agent`: the desk agent, −1 in a pool group) answers the waiting contact at ring
   * index i of channel c's line: counts it — real-time contacts in the interval they were
   * offered, deferred items in this one — draws its handle time into `handleOut`, and
   * removes it from the line. The caller starts it.
   */
  answerWaiting(c: number, i: number, g: number, agent: number): void {
    const q = this.queues[c]!;
    const wait = this.now - q.offered[i]!;
    const deferred = this.deferredIndex[c]! >= 0;
    const base = deferred ? (this.row * this.nC + c) * F : q.row[i]!;
    const cells = this.cells;
    cells[base + ANSWERED] = cells[base + ANSWERED]! + 1;
    cells[base + WAIT_ANSWERED] = cells[base + WAIT_ANSWERED]! + wait;
    cells[base + WAIT_ALL] = cells[base + WAIT_ALL]! + wait;
    if (wait <= this.target[c]!) cells[base + WITHIN_TARGET] = cells[base + WITHIN_TARGET]! + 1;
    const h = this.drawHandle(c);
    this.handleOut = h;
    if (deferred) this.deferredStart(c, base, wait + h);
    if (this.traced) this.traceAnswer(q.id[i]!, c, q.flags[i]!, q.arrival[i]!, q.offered[i]!, h, g, agent);
    q.shift();
  }

  /** Trace row of an answered contact (cold: only with a trace; its wait is now − offered). */
  private traceAnswer(id: number, c: number, flags: number, arrival: number, offered: number, h: number, g: number, agent: number): void {
    this.trace!(id, c, (flags & FLAG_RETRIAL) !== 0, arrival, offered, 'answered', this.now - offered, h, g,
      agent < 0 ? -1 : agent - this.desks.first[g]!);
  }

  /** A deferred item of channel c starts now (cold): counted in the cell at `base` of the current row. */
  private deferredStart(c: number, base: number, timeToHandle: number): void {
    const hbase = (this.row * this.nDeferred + this.deferredIndex[c]!) * HISTOGRAM_BINS;
    countDeferredStart(this.cells, base, this.histogram, hbase, timeToHandle, this.deadline[c]!);
  }

  /** An agent of pool group g starts a contact of channel c (handle time in `handleOut`). */
  startPool(g: number, c: number): void {
    this.busyChange(g * this.nC + c, 1);
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = this.now + this.handleOut;
    heap.code[slot] = COMPLETE | (c << KIND_BITS);
    heap.payload[slot] = g;
    heap.insert(slot);
  }

  /** Desk agent a starts a call or deferred item of channel c (handle time in `handleOut`). */
  startCall(a: number, c: number): void {
    const d = this.desks, g = d.group[a]!;
    if (a !== this.handling && d.isEmpty(a)) this.workChange(g, 1);
    d.startCall(a, c);
    this.busyStart(a, g * this.nC + c);
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = this.now + this.handleOut;
    heap.code[slot] = CALL_END | (c << KIND_BITS);
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

  // ---------------------------------------------------------------- ending service

  /** Root event: an agent of pool group g, off shift, finished its contact of channel c: it leaves. */
  private leave(g: number, c: number): void {
    this.owed[g] = this.owed[g]! - 1;
    this.dutyChange(g, -1);
    this.busyChange(g * this.nC + c, -1);
    this.heap.popTop();
  }

  /** Desk agent a starts a contact of (group, channel) `gc`: one more in progress, unless it replaces the one just ended. */
  private busyStart(a: number, gc: number): void {
    if (a === this.handling && gc === this.pendingEnd) this.pendingEnd = -1;
    else this.busyChange(gc, 1);
  }

  /** Root event: desk agent a finishes its call (or deferred item) of channel c. */
  private onCallEnd(c: number, a: number): void {
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
  private armSessions(a: number): void {
    const d = this.desks;
    d.nextEnd(a);
    const t = d.endAt;
    if (!(t < d.armed[a]!)) return;
    const v = d.version[a]! + 1;
    d.version[a] = v;
    d.armed[a] = t;
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = t;
    heap.code[slot] = SESSION_END;
    heap.payload[slot] = a;
    heap.aux[slot] = v;
    heap.insert(slot);
  }

  /** Root event `slot`: a desk agent's earliest chat session ends (unless the event is stale). */
  private onSessionEnd(slot: number): void {
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
  private freed(a: number): void {
    const d = this.desks;
    if (d.owed[d.group[a]!]! > 0 && d.state[a] !== LEAVING) d.markLeaving(a);
    if (d.state[a] !== LEAVING && this.anyWaiting(d.group[a]!)) {
      this.handling = a;
      deskNext(this, a);
      this.handling = -1;
    }
    if (this.pendingEnd >= 0) { this.busyChange(this.pendingEnd, -1); this.pendingEnd = -1; }
    if (!d.isEmpty(a)) return;
    if (d.state[a] === LEAVING) this.deskGone(a);
    else this.workChange(d.group[a]!, -1);
  }

  /** Does any line of group g's skills hold a contact? (skips the routing call when none does) */
  private anyWaiting(g: number): boolean {
    const queues = this.queues, grSkills = this.grSkills;
    for (let k = this.grSkillStart[g]!, e = this.grSkillStart[g + 1]!; k < e; k++) if (queues[grSkills[k]!]!.length > 0) return true;
    return false;
  }

  /** A LEAVING desk agent has finished its work: it goes off duty. */
  private deskGone(a: number): void {
    const g = this.desks.group[a]!;
    this.workChange(g, -1);
    this.desks.leaveDone(a);
    this.dutyChange(g, -1);
  }

  /** Root event `slot` (channels with retrials): a deadline now; abandons the contact if still waiting. */
  private onAbandon(c: number, slot: number): void {
    const t = this.now;
    const q = this.queues[c]!, heap = this.heap;
    const i = q.indexOfTicket(heap.aux[slot]!);
    if (i >= 0 && !(q.flags[i]! & FLAG_GONE)) {
      q.flags[i] = q.flags[i]! | FLAG_GONE;
      const base = q.row[i]!, wait = t - q.offered[i]!;
      this.cells[base + ABANDONED] = this.cells[base + ABANDONED]! + 1;
      this.cells[base + WAIT_ALL] = this.cells[base + WAIT_ALL]! + wait;
      if (this.traced) this.trace!(q.id[i]!, c, (q.flags[i]! & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', wait, 0, -1, -1);
      if (uniform(this.sRetrial[c]!) < this.retrialP[c]!) {
        heap.code[slot] = REDIAL | (c << KIND_BITS);
        heap.time[slot] = t + sampleEncoded(this.delayP[c]!, this.sRetrial[c]!);
        heap.resiftTop();
        return;
      }
    }
    heap.popTop();
  }

  /** Counts the abandonment of queue row i (its deadline ≤ now) and, with retrials, maybe schedules its redial. */
  abandonHead(c: number, q: ContactQueue, i: number): void {
    const t = this.now;
    const d = q.deadline[i]!, base = q.row[i]!;
    this.cells[base + ABANDONED] = this.cells[base + ABANDONED]! + 1;
    this.cells[base + WAIT_ALL] = this.cells[base + WAIT_ALL]! + (d - q.offered[i]!);
    if (this.traced) this.trace!(q.id[i]!, c, (q.flags[i]! & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', d - q.offered[i]!, 0, -1, -1);
    if (this.hasRetrial[c] && uniform(this.sRetrial[c]!) < this.retrialP[c]!) {
      // Only reached when the ABANDON event at d = now is still pending: the redial is not in the past.
      const at = d + sampleEncoded(this.delayP[c]!, this.sRetrial[c]!);
      this.heap.push(at > t ? at : t, REDIAL | (c << KIND_BITS), 0, 0);
    }
  }

  // ---------------------------------------------------------------- time integrals

  /**
   * Contacts in progress of (group, channel) `gc` = g·C + c change by `delta` now. The time
   * integral of the count is kept as a "moment": ∫count dt since the last flush = count·now +
   * moment, with moment −= delta·t at each change (two loads, two stores; flushed every
   * interval, so the cancellation error stays ~1e-3 contact-seconds per interval even at t ≈ 10⁹ s).
   */
  private busyChange(gc: number, delta: number): void {
    this.busyMoment[gc] = this.busyMoment[gc]! - delta * this.now;
    this.busyCount[gc] = this.busyCount[gc]! + delta;
  }

  /** Desk group g's agents with work in progress change by `delta` now (same moment scheme). */
  private workChange(g: number, delta: number): void {
    this.workMoment[g] = this.workMoment[g]! - delta * this.now;
    this.workCount[g] = this.workCount[g]! + delta;
  }

  private dutyChange(g: number, delta: number): void {
    const t = this.now;
    this.dutyAcc[g] = this.dutyAcc[g]! + this.present[g]! * (t - this.dutyT[g]!);
    this.dutyT[g] = t;
    this.present[g] = this.present[g]! + delta;
  }

  /**
   * Adds the time integrals since the last flush into the current row: per channel its busy
   * time (contact-seconds ÷ concurrency), per group its on-duty, busy and contact time.
   */
  private flush(): void {
    const t = this.now, C = this.nC, G = this.nG, row = this.row;
    this.duration[row] = this.duration[row]! + (t - this.lastFlush);
    for (let c = 0; c < C; c++) {
      let contactSeconds = 0;
      for (let g = 0; g < G; g++) {
        const gc = g * C + c;
        const n = this.busyCount[gc]!;
        if (n === 0 && this.busyMoment[gc] === 0) continue;
        const v = n * t + this.busyMoment[gc]!;
        this.busyMoment[gc] = -n * t;
        contactSeconds += v;
        this.groupContacts[row * G + g] = this.groupContacts[row * G + g]! + v;
        if (!this.deskGroup[g]) this.groupBusy[row * G + g] = this.groupBusy[row * G + g]! + v;
      }
      const i = (row * C + c) * F + BUSY;
      this.cells[i] = this.cells[i]! + contactSeconds / this.conc[c]!;
    }
    for (let g = 0; g < G; g++) {
      const acc = this.dutyAcc[g]! + this.present[g]! * (t - this.dutyT[g]!);
      this.duty[row * G + g] = this.duty[row * G + g]! + acc;
      this.dutyAcc[g] = 0; this.dutyT[g] = t;
      if (this.deskGroup[g]) {
        const n = this.workCount[g]!;
        this.groupBusy[row * G + g] = this.groupBusy[row * G + g]! + (n * t + this.workMoment[g]!);
        this.workMoment[g] = -n * t;
      }
    }
    this.lastFlush = t;
  }

  /**
   * Counts the contacts waiting now per channel: into `into` (the warm-up's or the run's end)
   * and, when `weighted`, into the current row's backlog field times the time since the
   * last sample (an interval end).
   */
  private sampleBacklog(into: Float64Array | undefined, weighted: boolean): void {
    const t = this.now, C = this.nC;
    for (let c = 0; c < C; c++) {
      const n = waitingIn(this.queues[c]!, t, this.hasPatience[c] === 1);
      if (into) into[c] = n;
      if (weighted) {
        const i = (this.row * C + c) * F + BACKLOG;
        this.cells[i] = this.cells[i]! + n * (t - this.lastSample);
      }
    }
    this.lastSample = t;
  }

  // ---------------------------------------------------------------- schedule

  /** Root event: an interval boundary now. Returns true when the horizon has ended. */
  private onBoundary(): boolean {
    const t = this.now;
    this.flush();
    this.sampleBacklog(undefined, true);
    if (t >= this.horizon) return true;
    const k = ++this.k;
    const cyc = k % this.cycle;
    if (t >= this.warmup) this.row = cyc;
    const G = this.nG;
    for (let g = 0; g < G; g++) {
      const want = this.schedule[cyc * G + g]!, have = this.scheduled[g]!;
      if (want === have) continue;
      this.scheduled[g] = want;
      if (this.deskGroup[g]) this.staffDesks(g, want - have);
      else if (want < have) {
        // Idle agents leave now; busy ones finish their contact first (counted on duty until then).
        const drop = have - want;
        const fromIdle = Math.min(this.idle[g]!, drop);
        this.idle[g] = this.idle[g]! - fromIdle;
        this.dutyChange(g, -fromIdle);
        this.owed[g] = this.owed[g]! + (drop - fromIdle);
      } else {
        let add = want - have;
        const stay = Math.min(this.owed[g]!, add);
        this.owed[g] = this.owed[g]! - stay;
        add -= stay;
        this.dutyChange(g, add);
        // New agents take waiting work at once.
        while (add > 0) {
          const c = poolNext(this, g);
          if (c < 0) break;
          this.startPool(g, c);
          add--;
        }
        this.idle[g] = this.idle[g]! + add;
      }
    }
    const next = (k + 1) * this.interval;
    const heap = this.heap;
    heap.time[heap.top()] = next < this.horizon ? next : this.horizon;
    heap.resiftTop();
    return false;
  }

  /**
   * Desk group g's scheduled agents change by `delta`. Down: empty agents leave now, agents
   * with a free chat slot stop taking work (Desks.markSpare); the other departures are owed,
   * taken by the next agents to finish something (Desks.owed).
   * Up: owed departures are cancelled first, then LEAVING agents stay, then absent agents
   * join; each takes waiting work at once.
   */
  private staffDesks(g: number, delta: number): void {
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

  // ---------------------------------------------------------------- end

  /** Final flush and backlog sample at the end time; contacts still in line are abandoned (deadline passed) or still waiting. */
  private finish(): void {
    const end = this.now;
    this.flush();
    this.sampleBacklog(this.endBacklog, true);
    for (let c = 0; c < this.nC; c++) {
      const q = this.queues[c]!;
      while (q.length > 0) {
        const i = q.head;
        const fl = q.flags[i]!;
        if (!(fl & FLAG_GONE)) {
          const d = q.deadline[i]!, base = q.row[i]!;
          if (d <= end) {
            this.cells[base + ABANDONED] = this.cells[base + ABANDONED]! + 1;
            this.cells[base + WAIT_ALL] = this.cells[base + WAIT_ALL]! + (d - q.offered[i]!);
            if (this.traced) this.trace!(q.id[i]!, c, (fl & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', d - q.offered[i]!, 0, -1, -1);
          } else {
            this.cells[base + STILL_WAITING] = this.cells[base + STILL_WAITING]! + 1;
            if (this.traced) this.trace!(q.id[i]!, c, (fl & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'still-waiting', end - q.offered[i]!, 0, -1, -1);
          }
        }
        q.shift();
      }
    }
  }
}
