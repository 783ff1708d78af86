import { EXPONENTIAL, encodeSampler, sampleEncoded } from '../rng/encoded.js';
import { standardExponential } from '../rng/exponential.js';
import { streamState } from '../rng/stream.js';
import { uniform } from '../rng/uniform.js';
import { EventHeap } from './heap.js';
import type { Model, TraceSink } from './model.js';
import { ContactQueue, FLAG_GONE, FLAG_RETRIAL } from './queue.js';
import {
  ABANDONED, ANSWERED, BUSY, F, OFFERED, RETRIALS, SELF_SERVICE, STILL_WAITING, WAIT_ALL, WAIT_ANSWERED,
  WITHIN_TARGET,
} from './tallies.js';

/*
 * The contact-centre event loop. One `Sim` is one replication: state in typed arrays,
 * events in an `EventHeap`, waiting contacts in one `ContactQueue` per channel, figures
 * accumulated into typed-array tallies. Nothing is allocated per event (trace aside).
 *
 * Events (code = kind | channel << 3):
 *   (arrivals) external arrivals are kept outside the heap, one next time per channel,
 *             compared with the heap's root each step (arrivals first on equal times)
 *   OFFER     a contact leaves self-service (IVR) and asks for an agent (payload id, aux arrival time)
 *   COMPLETE  an agent of group `payload` finishes a contact of the channel (rescheduled in
 *             place when the agent takes the next contact)
 *   BOUNDARY  an interval boundary: flush time integrals, apply the schedule (one pending)
 *   WARMUP    the end of the warm-up: flush into the discard row, start counting
 *   ABANDON   only for channels with retrials: a waiting contact's deadline (aux = queue ticket)
 *   REDIAL    a redial of an abandoned contact reaches the agent queue (skips self-service)
 *
 * Agent capacity is counted in *slots* per group (idle / present / owed). Today a slot is
 * an agent; chat concurrency will give an agent several slots, blended groups and deferred
 * work will add channels to `takeWork`'s scan — the routing is these two functions:
 *   offer():    an offered contact goes to the first group (in model order) among those
 *               with the channel in their skills that has an idle slot; else it waits (FIFO).
 *   takeWork(): a freed slot takes the head of its highest-priority non-empty channel,
 *               first dropping heads whose patience has run out (lazy abandonment).
 */
const OFFER = 1;
const COMPLETE = 2;
const BOUNDARY = 3;
const WARMUP = 4;
const ABANDON = 5;
const REDIAL = 6;

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

export class Sim {
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
  readonly target: Float64Array;
  readonly rateCv: Float64Array;
  readonly ssShare: Float64Array;
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
  readonly factorP: Float64Array[];
  // ---- random streams, one per (purpose, channel)
  readonly sArr: Uint32Array[];
  readonly sHandle: Uint32Array[];
  readonly sPat: Uint32Array[];
  readonly sSelf: Uint32Array[];
  readonly sIvr: Uint32Array[];
  readonly sRetrial: Uint32Array[];
  readonly sFactor: Uint32Array[];
  // ---- state
  readonly heap: EventHeap;
  readonly queues: ContactQueue[];
  readonly idle: Int32Array;
  readonly present: Int32Array;
  readonly scheduled: Int32Array;
  readonly owed: Int32Array;
  readonly busyCount: Int32Array;
  /** −Σ delta·t of busy-count changes since the last flush, minus count·t at that flush (see busyChange) */
  readonly busyMoment: Float64Array;
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
  // ---- accumulators
  readonly cells: Float64Array;
  readonly duty: Float64Array;
  readonly duration: Float64Array;
  /** current tally row (cycle interval, or `cycle` during warm-up) */
  row: number;
  /** absolute index of the current interval */
  k = 0;
  lastFlush = 0;
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

    this.target = new Float64Array(C); this.rateCv = new Float64Array(C); this.ssShare = new Float64Array(C);
    this.retrialP = new Float64Array(C); this.hasRetrial = new Uint8Array(C); this.hasPatience = new Uint8Array(C);
    this.hasIvr = new Uint8Array(C); this.hExp = new Uint8Array(C); this.hMean = new Float64Array(C);
    this.pExp = new Uint8Array(C); this.pMean = new Float64Array(C);
    this.hP = []; this.pP = []; this.ivrP = []; this.delayP = []; this.factorP = [];
    this.sArr = []; this.sHandle = []; this.sPat = []; this.sSelf = []; this.sIvr = []; this.sRetrial = []; this.sFactor = [];
    const none = Float64Array.of(0, 0);
    for (let c = 0; c < C; c++) {
      const ch = model.channels[c]!;
      const p = `channels[${c}]`;
      this.target[c] = ch.targetSeconds;
      this.rateCv[c] = ch.rateCv ?? 0;
      this.ssShare[c] = ch.selfService?.share ?? 0;
      const h = encodeSampler(ch.handleTime, `${p}.handleTime`);
      this.hP.push(h); this.hExp[c] = h[0] === EXPONENTIAL ? 1 : 0; this.hMean[c] = h[1]!;
      if (ch.patience) {
        const pt = encodeSampler(ch.patience, `${p}.patience`);
        this.pP.push(pt); this.hasPatience[c] = 1; this.pExp[c] = pt[0] === EXPONENTIAL ? 1 : 0; this.pMean[c] = pt[1]!;
      } else this.pP.push(none);
      if (ch.selfService?.duration) {
        this.ivrP.push(encodeSampler(ch.selfService.duration, `${p}.selfService.duration`)); this.hasIvr[c] = 1;
      } else this.ivrP.push(none);
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
      this.sFactor.push(streamOf(seed, task, rep, 'rateFactor', n));
    }

    this.heap = new EventHeap(64);
    this.queues = [];
    for (let c = 0; c < C; c++) this.queues.push(new ContactQueue(this.traced));
    this.idle = new Int32Array(G); this.present = new Int32Array(G); this.scheduled = new Int32Array(G);
    this.owed = new Int32Array(G);
    this.busyCount = new Int32Array(C); this.busyMoment = new Float64Array(C);
    this.dutyAcc = new Float64Array(G); this.dutyT = new Float64Array(G);
    this.arrRate = new Float64Array(C); this.arrInv = new Float64Array(C); this.arrEnd = new Float64Array(C);
    this.arrIdx = new Float64Array(C);
    this.arrNext = new Float64Array(C);
    this.cells = new Float64Array((L + 1) * C * F);
    this.duty = new Float64Array((L + 1) * G);
    this.duration = new Float64Array(L + 1);
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
      this.scheduled[g] = n; this.present[g] = n; this.idle[g] = n;
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
      const kind = code & 7;
      if (kind === BOUNDARY) break;
      const t = ht;
      this.now = t;
      events++;
      const c = code >> 3;
      if (kind === COMPLETE) {
        // An agent of group g finishes a contact of channel c.
        const g = heap.payload[slot]!;
        if (owed[g]! > 0) { this.leave(g, c); continue; }
        // takeWork is not inlined: skip the call when every line the group serves is empty.
        let any = false;
        for (let k = grSkillStart[g]!, e = grSkillStart[g + 1]!; k < e; k++) if (queues[grSkills[k]!]!.length > 0) { any = true; break; }
        const c2 = any ? this.takeWork(g) : -1;
        if (c2 >= 0) {
          // Same channel: the busy count is unchanged, nothing to integrate.
          if (c2 !== c) { this.busyChange(c, -1); this.busyChange(c2, 1); }
          heap.code[slot] = COMPLETE | (c2 << 3);
          heap.time[slot] = t + this.handleOut;
          heap.resiftTopDeep();
        } else {
          idle[g] = idle[g]! + 1;
          this.busyChange(c, -1);
          heap.popTop();
        }
      } else if (kind === ABANDON) {
        this.onAbandon(c, slot);
      } else if (kind === REDIAL) {
        heap.popTop();
        this.arrivalNow = t;
        this.offer(c, FLAG_RETRIAL, this.nextId++);
      } else if (kind === OFFER) {
        const id = heap.payload[slot]!;
        this.arrivalNow = heap.aux[slot]!;
        heap.popTop();
        this.offer(c, 0, id);
      } else { // WARMUP
        heap.popTop();
        this.flush();
        this.row = this.k % this.cycle;
      }
    }
    this.nextArr = nextArr;
    this.nextCh = nextCh;
    this.events = events;
    return ended;
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

  /** An arrival completed in self-service (counted at arrival). */
  private selfServed(c: number, id: number): void {
    const i = (this.row * this.nC + c) * F + SELF_SERVICE;
    this.cells[i] = this.cells[i]! + 1;
    if (this.traced) this.trace!(id, c, false, this.now, NaN, 'self-service', 0, 0, -1);
  }

  /** An arrival that spends IVR time before asking for an agent. */
  private toIvr(c: number, id: number): void {
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = this.now + sampleEncoded(this.ivrP[c]!, this.sIvr[c]!);
    heap.code[slot] = OFFER | (c << 3);
    heap.payload[slot] = id;
    heap.aux[slot] = this.now;
    heap.insert(slot);
  }

  // ---------------------------------------------------------------- routing

  /**
   * Handle time of a contact of channel c, seconds. The unary `+` on the non-inlined
   * sampler call types the merge as a number, so the exponential fast path stays an unboxed
   * double (without it, V8 boxes every draw to merge it with the call's untyped result).
   */
  private drawHandle(c: number): number {
    return this.hExp[c] ? this.hMean[c]! * standardExponential(this.sHandle[c]!) : +sampleEncoded(this.hP[c]!, this.sHandle[c]!);
  }

  /** A contact of channel c reaches the agent queue now: an idle slot takes it, or it waits. */
  private offer(c: number, flags: number, id: number): void {
    const t = this.now;
    const base = (this.row * this.nC + c) * F;
    const cells = this.cells;
    cells[base + OFFERED] = cells[base + OFFERED]! + 1;
    if (flags & FLAG_RETRIAL) cells[base + RETRIALS] = cells[base + RETRIALS]! + 1;
    const end = this.chGroupStart[c + 1]!;
    for (let k = this.chGroupStart[c]!; k < end; k++) {
      const g = this.chGroups[k]!;
      if (this.idle[g]! > 0) {
        this.idle[g] = this.idle[g]! - 1;
        cells[base + ANSWERED] = cells[base + ANSWERED]! + 1;
        cells[base + WITHIN_TARGET] = cells[base + WITHIN_TARGET]! + 1;
        this.busyChange(c, 1);
        const h = this.drawHandle(c);
        const heap = this.heap, slot = heap.alloc();
        heap.time[slot] = t + h;
        heap.code[slot] = COMPLETE | (c << 3);
        heap.payload[slot] = g;
        heap.insert(slot);
        if (this.traced) this.trace!(id, c, (flags & FLAG_RETRIAL) !== 0, this.arrivalNow, t, 'answered', 0, h, g);
        return;
      }
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
    if (this.hasRetrial[c] && deadline < Infinity) {
      const ticket = q.headTicket + q.length - 1;
      const heap = this.heap, slot = heap.alloc();
      heap.time[slot] = deadline;
      heap.code[slot] = ABANDON | (c << 3);
      heap.aux[slot] = ticket;
      heap.insert(slot);
    }
  }

  /**
   * A free slot of group g looks for work now: the head of its highest-priority non-empty
   * channel, after dropping heads whose deadline has passed (counted as abandoned). Returns
   * the channel taken (its handle time in `handleOut`; the caller adjusts busy counts), or −1.
   */
  private takeWork(g: number): number {
    const t = this.now;
    const end = this.grSkillStart[g + 1]!;
    for (let k = this.grSkillStart[g]!; k < end; k++) {
      const c = this.grSkills[k]!;
      const q = this.queues[c]!;
      while (q.length > 0) {
        const i = q.head;
        const fl = q.flags[i]!;
        if (fl & FLAG_GONE) { q.shift(); continue; }
        if (q.deadline[i]! <= t) { this.abandonHead(c, q, i); q.shift(); continue; }
        const base = q.row[i]!;
        const wait = t - q.offered[i]!;
        const cells = this.cells;
        cells[base + ANSWERED] = cells[base + ANSWERED]! + 1;
        cells[base + WAIT_ANSWERED] = cells[base + WAIT_ANSWERED]! + wait;
        cells[base + WAIT_ALL] = cells[base + WAIT_ALL]! + wait;
        if (wait <= this.target[c]!) cells[base + WITHIN_TARGET] = cells[base + WITHIN_TARGET]! + 1;
        const h = this.drawHandle(c);
        this.handleOut = h;
        if (this.traced) this.trace!(q.id[i]!, c, (fl & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'answered', wait, h, g);
        q.shift();
        return c;
      }
    }
    return -1;
  }

  /** Counts the abandonment of queue row i (its deadline ≤ now) and, with retrials, maybe schedules its redial. */
  private abandonHead(c: number, q: ContactQueue, i: number): void {
    const t = this.now;
    const d = q.deadline[i]!, base = q.row[i]!;
    this.cells[base + ABANDONED] = this.cells[base + ABANDONED]! + 1;
    this.cells[base + WAIT_ALL] = this.cells[base + WAIT_ALL]! + (d - q.offered[i]!);
    if (this.traced) this.trace!(q.id[i]!, c, (q.flags[i]! & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', d - q.offered[i]!, 0, -1);
    if (this.hasRetrial[c] && uniform(this.sRetrial[c]!) < this.retrialP[c]!) {
      // Only reached when the ABANDON event at d = now is still pending: the redial is not in the past.
      const at = d + sampleEncoded(this.delayP[c]!, this.sRetrial[c]!);
      this.heap.push(at > t ? at : t, REDIAL | (c << 3), 0, 0);
    }
  }

  /** Root event: an agent of group g, off shift, finished its contact of channel c: it leaves. */
  private leave(g: number, c: number): void {
    this.owed[g] = this.owed[g]! - 1;
    this.dutyChange(g, -1);
    this.busyChange(c, -1);
    this.heap.popTop();
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
      if (this.traced) this.trace!(q.id[i]!, c, (q.flags[i]! & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', wait, 0, -1);
      if (uniform(this.sRetrial[c]!) < this.retrialP[c]!) {
        heap.code[slot] = REDIAL | (c << 3);
        heap.time[slot] = t + sampleEncoded(this.delayP[c]!, this.sRetrial[c]!);
        heap.resiftTop();
        return;
      }
    }
    heap.popTop();
  }

  // ---------------------------------------------------------------- time integrals

  /**
   * Busy slots of channel c change by `delta` now. The time integral of the busy count is
   * kept as a "moment": ∫count dt since the last flush = count·now + moment, with
   * moment −= delta·t at each change (two loads, two stores; flushed every interval, so
   * the cancellation error stays ~1e-3 agent-seconds per interval even at t ≈ 10⁹ s).
   */
  private busyChange(c: number, delta: number): void {
    this.busyMoment[c] = this.busyMoment[c]! - delta * this.now;
    this.busyCount[c] = this.busyCount[c]! + delta;
  }

  private dutyChange(g: number, delta: number): void {
    const t = this.now;
    this.dutyAcc[g] = this.dutyAcc[g]! + this.present[g]! * (t - this.dutyT[g]!);
    this.dutyT[g] = t;
    this.present[g] = this.present[g]! + delta;
  }

  /** Adds the time integrals since the last flush into the current row. */
  private flush(): void {
    const t = this.now, C = this.nC, G = this.nG, row = this.row;
    this.duration[row] = this.duration[row]! + (t - this.lastFlush);
    for (let c = 0; c < C; c++) {
      const n = this.busyCount[c]!;
      const i = (row * C + c) * F + BUSY;
      this.cells[i] = this.cells[i]! + (n * t + this.busyMoment[c]!);
      this.busyMoment[c] = -n * t;
    }
    for (let g = 0; g < G; g++) {
      const acc = this.dutyAcc[g]! + this.present[g]! * (t - this.dutyT[g]!);
      this.duty[row * G + g] = this.duty[row * G + g]! + acc;
      this.dutyAcc[g] = 0; this.dutyT[g] = t;
    }
    this.lastFlush = t;
  }

  // ---------------------------------------------------------------- schedule

  /** Root event: an interval boundary now. Returns true when the horizon has ended. */
  private onBoundary(): boolean {
    const t = this.now;
    this.flush();
    if (t >= this.horizon) return true;
    const k = ++this.k;
    const cyc = k % this.cycle;
    if (t >= this.warmup) this.row = cyc;
    const G = this.nG;
    for (let g = 0; g < G; g++) {
      const want = this.schedule[cyc * G + g]!, have = this.scheduled[g]!;
      if (want === have) continue;
      this.scheduled[g] = want;
      if (want < have) {
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
          const c = this.takeWork(g);
          if (c < 0) break;
          this.busyChange(c, 1);
          this.heap.push(t + this.handleOut, COMPLETE | (c << 3), g, 0);
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

  // ---------------------------------------------------------------- end

  /** Final flush at the end time; contacts still in line are abandoned (deadline passed) or still waiting. */
  private finish(): void {
    const end = this.now;
    this.flush();
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
            if (this.traced) this.trace!(q.id[i]!, c, (fl & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', d - q.offered[i]!, 0, -1);
          } else {
            this.cells[base + STILL_WAITING] = this.cells[base + STILL_WAITING]! + 1;
            if (this.traced) this.trace!(q.id[i]!, c, (fl & FLAG_RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'still-waiting', end - q.offered[i]!, 0, -1);
          }
        }
        q.shift();
      }
    }
  }
}
