import { sampleEncoded } from '../rng/encoded.js';
import { standardExponential } from '../rng/exponential.js';
import { uniform } from '../rng/uniform.js';
import { waitingIn } from './backlog.js';
import { DeskSim } from './desking.js';
import { EventKind, Code } from './events.js';
import { Flag } from './queue.js';
import { poolNext, takerOf } from './routing.js';
import { Cell } from './tallies.js';

export type { SimSettings } from './state.js';

/*
 * The contact-centre event loop. One `Sim` is one replication: state in typed arrays
 * (state.ts), events in an `EventHeap` (kinds: events.ts), waiting contacts in one
 * `ContactQueue` per channel, figures accumulated into typed-array tallies (tallies.ts).
 * Nothing is allocated per event (trace aside).
 *
 * The parts, each in its module:
 *   routing.ts  which agent takes an offered contact, and what a freed agent takes next —
 *               the routing rules, in one place;
 *   desks.ts    the capacity of agents in groups with a chat skill, one by one (sessions,
 *               calls, the chat pace), and desking.ts their books (events, shifts);
 *               groups without chat are anonymous counters here (`idle` / `present` /
 *               `owed`): one agent, one slot;
 *   backlog.ts  waiting counts and the deferred items' time to handle;
 *   state.ts    what a replication holds, and the bookkeeping every part shares;
 *   this file   the event loop, arrivals, offers, pool groups, time integrals and the schedule.
 */
export class Sim extends DeskSim {
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
    heap.push(Math.min(this.interval, this.horizon), EventKind.BOUNDARY, 0, 0);
    if (this.warmup > 0 && this.warmup < this.horizon) heap.push(this.warmup, EventKind.WARMUP, 0, 0);
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
      const ht = heap.key[0]!; // the root's time (heap.ts keeps times by position)
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
      const slot = heap.heap[0]!;
      const code = heap.code[slot]!;
      const kind = code & Code.KIND_MASK;
      if (kind === EventKind.BOUNDARY) break;
      const t = ht;
      this.now = t;
      events++;
      const c = code >> Code.KIND_BITS;
      if (kind === EventKind.COMPLETE) {
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
          heap.code[slot] = EventKind.COMPLETE | (c2 << Code.KIND_BITS);
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
    if (kind === EventKind.SESSION_END) this.onSessionEnd(slot);
    else if (kind === EventKind.CALL_END) this.onCallEnd(c, heap.payload[slot]!);
    else if (kind === EventKind.ABANDON) this.onAbandon(c, slot);
    else if (kind === EventKind.REDIAL || kind === EventKind.RETURN) {
      heap.popTop();
      this.arrivalNow = this.now;
      this.offer(c, kind === EventKind.REDIAL ? Flag.RETRIAL : Flag.RETURN, this.nextId++);
    } else if (kind === EventKind.OFFER) {
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
    if (idx < this.warmupVolumeIntervals) rate *= this.warmupFactor[(idx / this.cycle) | 0]!;
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
    const i = (this.row * this.nC + c) * Cell.FIELDS + Cell.SELF_SERVICE;
    this.cells[i] = this.cells[i]! + 1;
    if (this.traced) this.trace!(id, c, false, this.now, NaN, 'self-service', 0, 0, -1, -1);
    const r = this.returnShare[c]!;
    if (r > 0 && uniform(this.sReturn[c]!) < r) {
      this.heap.push(this.now + sampleEncoded(this.returnP[c]!, this.sReturn[c]!), EventKind.RETURN | (c << Code.KIND_BITS), 0, 0);
    }
  }

  /** An arrival that spends IVR time before asking for an agent. */
  private toIvr(c: number, id: number): void {
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = this.now + sampleEncoded(this.ivrP[c]!, this.sIvr[c]!);
    heap.code[slot] = EventKind.OFFER | (c << Code.KIND_BITS);
    heap.payload[slot] = id;
    heap.aux[slot] = this.now;
    heap.insert(slot);
  }

  // ---------------------------------------------------------------- offers and pool groups (routing.ts decides who)

  /**
   * A contact of channel c reaches the agent queue now (`flags`: a retrial or a return,
   * queue.ts; `id` for the trace): counted, then answered at once by whom routing.ts
   * `takerOf` names, or it waits (FIFO). The voice hot path is written out here — count,
   * pool answer, line — so that V8 compiles it as one function; the cold parts (deferred
   * figures, trace, desks) are calls.
   */
  private offer(c: number, flags: number, id: number): void {
    const t = this.now;
    const base = (this.row * this.nC + c) * Cell.FIELDS;
    const cells = this.cells;
    cells[base + Cell.OFFERED] = cells[base + Cell.OFFERED]! + 1;
    if (flags !== 0) this.countRepeat(base, flags);
    const g = takerOf(this, c);
    if (g >= 0) {
      cells[base + Cell.ANSWERED] = cells[base + Cell.ANSWERED]! + 1;
      cells[base + Cell.WITHIN_TARGET] = cells[base + Cell.WITHIN_TARGET]! + 1;
      if (this.deskGroup[g]) { this.startDeskNow(c, base, flags, id, g, this.agentOut); return; }
      this.idle[g] = this.idle[g]! - 1;
      this.busyChange(g * this.nC + c, 1);
      this.drawHandle(c);
      const h = this.handleOut;
      const heap = this.heap, slot = heap.alloc();
      heap.time[slot] = t + h;
      heap.code[slot] = EventKind.COMPLETE | (c << Code.KIND_BITS);
      heap.payload[slot] = g;
      heap.insert(slot);
      if (this.deferredIndex[c]! >= 0) { this.timeToHandle = h; this.deferredStart(c, base); }
      if (this.traced) this.traceAnswer(id, c, flags, this.arrivalNow, t, h, g, -1);
      return;
    }
    let deadline = Infinity;
    if (this.hasPatience[c]) { this.drawPatience(c); deadline = t + this.patienceOut; }
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
    if (flags & Flag.RETRIAL) this.cells[base + Cell.RETRIALS] = this.cells[base + Cell.RETRIALS]! + 1;
    if (flags & Flag.RETURN) this.cells[base + Cell.RETURNS] = this.cells[base + Cell.RETURNS]! + 1;
  }

  /** Channels with retrials: the ABANDON event of the contact just put last in line, at its deadline. */
  private scheduleAbandon(c: number, deadline: number): void {
    const q = this.queues[c]!;
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = deadline;
    heap.code[slot] = EventKind.ABANDON | (c << Code.KIND_BITS);
    heap.aux[slot] = q.headTicket + q.length - 1;
    heap.insert(slot);
  }

  /** An agent of pool group g starts a contact of channel c (handle time in `handleOut`). */
  startPool(g: number, c: number): void {
    this.busyChange(g * this.nC + c, 1);
    const heap = this.heap, slot = heap.alloc();
    heap.time[slot] = this.now + this.handleOut;
    heap.code[slot] = EventKind.COMPLETE | (c << Code.KIND_BITS);
    heap.payload[slot] = g;
    heap.insert(slot);
  }

  // ---------------------------------------------------------------- ends and abandonments

  /** Root event: an agent of pool group g, off shift, finished its contact of channel c: it leaves. */
  private leave(g: number, c: number): void {
    this.owed[g] = this.owed[g]! - 1;
    this.dutyChange(g, -1);
    this.busyChange(g * this.nC + c, -1);
    this.heap.popTop();
  }

  /** Root event `slot` (channels with retrials): a deadline now; abandons the contact if still waiting. */
  private onAbandon(c: number, slot: number): void {
    const t = this.now;
    const q = this.queues[c]!, heap = this.heap;
    const i = q.indexOfTicket(heap.aux[slot]!);
    if (i >= 0 && !(q.flags[i]! & Flag.GONE)) {
      q.flags[i] = q.flags[i]! | Flag.GONE;
      const base = q.row[i]!, wait = t - q.offered[i]!;
      this.cells[base + Cell.ABANDONED] = this.cells[base + Cell.ABANDONED]! + 1;
      this.cells[base + Cell.WAIT_ALL] = this.cells[base + Cell.WAIT_ALL]! + wait;
      if (this.traced) this.trace!(q.id[i]!, c, (q.flags[i]! & Flag.RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', wait, 0, -1, -1);
      if (uniform(this.sRetrial[c]!) < this.retrialP[c]!) {
        heap.code[slot] = EventKind.REDIAL | (c << Code.KIND_BITS);
        heap.time[slot] = t + sampleEncoded(this.delayP[c]!, this.sRetrial[c]!);
        heap.resiftTop();
        return;
      }
    }
    heap.popTop();
  }

  // ---------------------------------------------------------------- accumulators

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
      const i = (row * C + c) * Cell.FIELDS + Cell.BUSY;
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
        const i = (this.row * C + c) * Cell.FIELDS + Cell.BACKLOG;
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
        if (!(fl & Flag.GONE)) {
          const d = q.deadline[i]!, base = q.row[i]!;
          if (d <= end) {
            this.cells[base + Cell.ABANDONED] = this.cells[base + Cell.ABANDONED]! + 1;
            this.cells[base + Cell.WAIT_ALL] = this.cells[base + Cell.WAIT_ALL]! + (d - q.offered[i]!);
            if (this.traced) this.trace!(q.id[i]!, c, (fl & Flag.RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', d - q.offered[i]!, 0, -1, -1);
          } else {
            this.cells[base + Cell.STILL_WAITING] = this.cells[base + Cell.STILL_WAITING]! + 1;
            if (this.traced) this.trace!(q.id[i]!, c, (fl & Flag.RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'still-waiting', end - q.offered[i]!, 0, -1, -1);
          }
        }
        q.shift();
      }
    }
  }
}
