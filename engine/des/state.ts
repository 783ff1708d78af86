import { EXPONENTIAL, encodeSampler, sampleEncoded } from '../rng/encoded.js';
import { standardExponential } from '../rng/exponential.js';
import { streamState } from '../rng/stream.js';
import { uniform } from '../rng/uniform.js';
import { HISTOGRAM_BINS } from '../stats/histogram.js';
import { countDeferredStart } from './backlog.js';
import { Desks, type DeskGroupSpec } from './desks.js';
import { EventKind, Code } from './events.js';
import { EventHeap } from './heap.js';
import { kindCode } from './kinds.js';
import type { Model, TraceSink, WarmupVolume } from './model.js';
import { DEFAULT_CHAT_CONCURRENCY, DEFAULT_CHAT_SLOWDOWN } from './model.js';
import { Flag, ContactQueue } from './queue.js';
import { Cell, type Accumulators } from './tallies.js';

/*
 * What one replication holds — the model compiled to typed arrays, the random streams, the
 * agents, lines and events, the accumulators — and the bookkeeping every part shares: a
 * handle time drawn, a waiting contact answered or abandoned, a time integral moved. Built
 * once from the model; nothing here is allocated per event. The event loop (engine.ts) and
 * the chat-capable groups' agents (desking.ts) are layered on top.
 */

/** Random-stream purposes; the channel name is appended, so adding a channel shifts no other's numbers. */
const streamOf = (seed: string | number, task: number, rep: number, purpose: string, channel: string): Uint32Array =>
  streamState(seed, task, rep, `${purpose}:${channel}`);

export interface SimSettings {
  seed: string | number;
  task: number;
  replication: number;
  warmupSeconds: number;
  /** RunOptions.warmupVolume: each warm-up cycle's arrival rates × a drawn factor */
  warmupVolume: WarmupVolume | undefined;
  maxArrivals: number;
  trace: TraceSink | undefined;
}

/**
 * The arrival-rate factor of each warm-up cycle (RunOptions.warmupVolume): one draw per cycle
 * from `factors` with probabilities `weights`, from the stream (seed, task, replication,
 * 'warmupVolume'); an empty array without it.
 */
function warmupFactors(st: SimSettings, intervals: number, cycle: number): Float64Array {
  const w = st.warmupVolume;
  if (!w || intervals === 0) return new Float64Array(0);
  const out = new Float64Array(Math.ceil(intervals / cycle));
  const s = streamState(st.seed, st.task, st.replication, 'warmupVolume');
  for (let d = 0; d < out.length; d++) {
    const u = uniform(s);
    let j = 0;
    let acc = w.weights[0]!;
    while (u >= acc && j < w.factors.length - 1) acc += w.weights[++j]!;
    out[d] = w.factors[j]!;
  }
  return out;
}

export class SimState implements Accumulators {
  // ---- structure (fixed after construction)
  readonly nC: number;
  readonly nG: number;
  /** Cycle length in intervals; row `cycle` of the tallies is the warm-up discard row. */
  readonly cycle: number;
  readonly interval: number;
  readonly horizon: number;
  readonly warmup: number;
  /** arrival intervals (absolute index) below this one have their rates × their cycle's warmupFactor (RunOptions.warmupVolume) */
  readonly warmupVolumeIntervals: number;
  /** per warm-up cycle, the factor drawn for its arrival rates */
  readonly warmupFactor: Float64Array;
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
  patienceOut = 0;
  /** Input of `deferredStart`: the item's time to handle (arrival → completion), seconds. */
  timeToHandle = 0;
  readonly trace: TraceSink | undefined;
  readonly traced: boolean;

  constructor(model: Model, st: SimSettings) {
    const C = model.channels.length, G = model.groups.length;
    const L = model.channels[0]!.arrivalRatePerSecond.length;
    this.nC = C; this.nG = G; this.cycle = L;
    this.interval = model.intervalSeconds;
    this.horizon = model.days * 86400;
    this.warmup = Math.min(st.warmupSeconds, this.horizon);
    this.warmupVolumeIntervals = st.warmupVolume ? Math.ceil(st.warmupVolume.untilSeconds / model.intervalSeconds) : 0;
    this.warmupFactor = warmupFactors(st, this.warmupVolumeIntervals, L);
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
    this.cells = new Float64Array((L + 1) * C * Cell.FIELDS);
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
   * Draws the handle time of a contact of channel c, seconds, into `handleOut` (a field, not
   * a return value: a double returned by a call V8 does not inline is boxed). The unary `+`
   * on the non-inlined sampler call types the merge as a number, so the exponential fast
   * path stays an unboxed double (without it, V8 boxes every draw to merge it with the
   * call's untyped result).
   */
  protected drawHandle(c: number): void {
    this.handleOut = this.hExp[c] ? this.hMean[c]! * standardExponential(this.sHandle[c]!) : +sampleEncoded(this.hP[c]!, this.sHandle[c]!);
  }

  /** Draws the patience of a contact of channel c (with patience), seconds, into `patienceOut` (as drawHandle). */
  protected drawPatience(c: number): void {
    this.patienceOut = this.pExp[c] ? this.pMean[c]! * standardExponential(this.sPat[c]!) : +sampleEncoded(this.pP[c]!, this.sPat[c]!);
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
    const base = deferred ? (this.row * this.nC + c) * Cell.FIELDS : q.row[i]!;
    const cells = this.cells;
    cells[base + Cell.ANSWERED] = cells[base + Cell.ANSWERED]! + 1;
    cells[base + Cell.WAIT_ANSWERED] = cells[base + Cell.WAIT_ANSWERED]! + wait;
    cells[base + Cell.WAIT_ALL] = cells[base + Cell.WAIT_ALL]! + wait;
    if (wait <= this.target[c]!) cells[base + Cell.WITHIN_TARGET] = cells[base + Cell.WITHIN_TARGET]! + 1;
    this.drawHandle(c);
    const h = this.handleOut;
    if (deferred) { this.timeToHandle = wait + h; this.deferredStart(c, base); }
    if (this.traced) this.traceAnswer(q.id[i]!, c, q.flags[i]!, q.arrival[i]!, q.offered[i]!, h, g, agent);
    q.shift();
  }

  /** Trace row of an answered contact (cold: only with a trace; its wait is now − offered). */
  protected traceAnswer(id: number, c: number, flags: number, arrival: number, offered: number, h: number, g: number, agent: number): void {
    this.trace!(id, c, (flags & Flag.RETRIAL) !== 0, arrival, offered, 'answered', this.now - offered, h, g,
      agent < 0 ? -1 : agent - this.desks.first[g]!);
  }

  /** A deferred item of channel c starts now (cold): counted, with its `timeToHandle`, in the cell at `base` of the current row. */
  protected deferredStart(c: number, base: number): void {
    const hbase = (this.row * this.nDeferred + this.deferredIndex[c]!) * HISTOGRAM_BINS;
    countDeferredStart(this.cells, base, this.histogram, hbase, this.timeToHandle, this.deadline[c]!);
  }

  /** Counts the abandonment of queue row i (its deadline ≤ now) and, with retrials, maybe schedules its redial. */
  abandonHead(c: number, q: ContactQueue, i: number): void {
    const t = this.now;
    const d = q.deadline[i]!, base = q.row[i]!;
    this.cells[base + Cell.ABANDONED] = this.cells[base + Cell.ABANDONED]! + 1;
    this.cells[base + Cell.WAIT_ALL] = this.cells[base + Cell.WAIT_ALL]! + (d - q.offered[i]!);
    if (this.traced) this.trace!(q.id[i]!, c, (q.flags[i]! & Flag.RETRIAL) !== 0, q.arrival[i]!, q.offered[i]!, 'abandoned', d - q.offered[i]!, 0, -1, -1);
    if (this.hasRetrial[c] && uniform(this.sRetrial[c]!) < this.retrialP[c]!) {
      // Only reached when the ABANDON event at d = now is still pending: the redial is not in the past.
      const at = d + sampleEncoded(this.delayP[c]!, this.sRetrial[c]!);
      this.heap.push(at > t ? at : t, EventKind.REDIAL | (c << Code.KIND_BITS), 0, 0);
    }
  }

  /**
   * Contacts in progress of (group, channel) `gc` = g·C + c change by `delta` now. The time
   * integral of the count is kept as a "moment": ∫count dt since the last flush = count·now +
   * moment, with moment −= delta·t at each change (two loads, two stores; flushed every
   * interval, so the cancellation error stays ~1e-3 contact-seconds per interval even at t ≈ 10⁹ s).
   */
  protected busyChange(gc: number, delta: number): void {
    this.busyMoment[gc] = this.busyMoment[gc]! - delta * this.now;
    this.busyCount[gc] = this.busyCount[gc]! + delta;
  }

  /** Desk group g's agents with work in progress change by `delta` now (same moment scheme). */
  protected workChange(g: number, delta: number): void {
    this.workMoment[g] = this.workMoment[g]! - delta * this.now;
    this.workCount[g] = this.workCount[g]! + delta;
  }

  protected dutyChange(g: number, delta: number): void {
    const t = this.now;
    this.dutyAcc[g] = this.dutyAcc[g]! + this.present[g]! * (t - this.dutyT[g]!);
    this.dutyT[g] = t;
    this.present[g] = this.present[g]! + delta;
  }
}
