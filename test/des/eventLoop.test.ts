/**
 * The event loop (engine/des/engine.ts, state.ts, desks.ts) on small models, contact by
 * contact: each run's trace is replayed by an independent reference written here from the
 * documented semantics (FIFO lines, pool groups whose staff drop and rise at interval
 * boundaries, one chat agent sharing its pace among its sessions), which must give every
 * contact the same outcome and start time, and the run's tallies must equal the sums rebuilt
 * from the trace (conservation: offered = answered + abandoned + still waiting, per channel
 * and per interval; busy, contact and on-duty time). The draws themselves (arrival counts,
 * handle times) are checked against their laws within a few standard errors.
 * Small and fast on purpose: these are the tests Stryker runs against the event loop's
 * mutants (test/mutation/testFiles.mjs), where the instrumented loop runs ~13 times slower.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Channel, type ContactOutcome, type Model, type RunOptions, type RunResult } from '../../engine/des/index.js';

interface Row {
  id: number; channel: number; retrial: boolean; arrival: number; offered: number;
  outcome: ContactOutcome; wait: number; handle: number; group: number; agent: number;
}

function traced(model: Model, options: RunOptions): { r: RunResult; rows: Row[] } {
  const rows: Row[] = [];
  const r = simulate(model, {
    ...options,
    trace: (id, channel, retrial, arrival, offered, outcome, wait, handle, group, agent) => {
      rows.push({ id, channel, retrial, arrival, offered, outcome, wait, handle, group, agent });
    },
  });
  return { r, rows };
}

/** |a − b| within 1e-9 relative (times are sums of the same draws in another order). */
function close(a: number, b: number, what: string): void {
  if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)))) throw new Error(`${what}: ${a} ≠ ${b}`);
}

/** A check inside a loop over contacts (cheaper than `expect`, which the many rows would slow down). */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** Poisson count `n` with mean `mean` within 5 standard errors (exact for mean 0: n must be 0). */
function expectPoisson(n: number, mean: number, what: string): void {
  expect(Math.abs(n - mean), `${what}: ${n} arrivals, expected ${mean}`).toBeLessThanOrEqual(5 * Math.sqrt(mean));
}

/** Mean of exponential draws within 5 standard errors of `mean` (SE = mean/√n). */
function expectExpMean(xs: readonly number[], mean: number, what: string): void {
  const m = xs.reduce((a, v) => a + v, 0) / xs.length;
  expect(Math.abs(m - mean), `${what}: mean ${m} of ${xs.length}, expected ${mean}`).toBeLessThanOrEqual(5 * mean / Math.sqrt(xs.length));
}

interface PoolOutcome { start: number[]; duty: number; busy: number; dutyRows: number[]; busyRows: number[]; waitingAt: (t: number) => number }

/** Adds `weight` × the part of [from, to) in each interval of the cycle into rows[interval mod L]. */
function addSpan(rows: number[], from: number, to: number, weight: number, interval: number): void {
  for (let t = from; t < to;) {
    const k = Math.floor(t / interval), e = Math.min(to, (k + 1) * interval);
    rows[k % rows.length]! += weight * (e - t);
    t = e;
  }
}

/**
 * Reference of one channel served FIFO by one pool group whose staff follow `onDuty` (per
 * interval of the cycle), from the trace's offered times, handle times and (abandoned
 * contacts') deadlines: idle agents leave at once when staff drop, busy ones when they
 * finish (the next ones to finish leave, one per departure owed); staff rising first cancel
 * owed departures, and new agents take waiting contacts at once. Returns each contact's start
 * (NaN: not answered), the on-duty and busy agent-seconds from `from` (the warm-up's end) to
 * `end`, in all and per interval of the cycle, and the number waiting at a time t (those answered at t still count: the engine samples
 * the line at a boundary before the new staff take from it).
 */
function poolReference(rows: readonly Row[], onDuty: readonly number[], interval: number, end: number, from = 0): PoolOutcome {
  const n = rows.length, L = onDuty.length;
  const start = new Array<number>(n).fill(NaN);
  const deadline = rows.map((x) => (x.outcome === 'abandoned' ? x.offered + x.wait : Infinity));
  const busyUntil: number[] = [];
  let sched = onDuty[0]!, present = sched, idle = sched, owed = 0, duty = 0, lastT = 0, busy = 0;
  const dutyRows = new Array<number>(L).fill(0), busyRows = new Array<number>(L).fill(0);
  const queue: number[] = [];
  const setPresent = (t: number, p: number): void => {
    duty += present * (Math.max(t, from) - Math.max(lastT, from));
    addSpan(dutyRows, Math.max(lastT, from), Math.max(t, from), present, interval);
    lastT = t; present = p;
  };
  const answer = (i: number, t: number): void => {
    start[i] = t; busyUntil.push(t + rows[i]!.handle);
    busy += Math.max(0, Math.min(t + rows[i]!.handle, end) - Math.max(t, from));
    addSpan(busyRows, Math.max(t, from), Math.min(t + rows[i]!.handle, end), 1, interval);
  };
  const takeHead = (t: number): boolean => {
    while (queue.length > 0 && deadline[queue[0]!]! <= t) queue.shift();
    if (queue.length === 0) return false;
    answer(queue.shift()!, t);
    return true;
  };
  let next = 0, k = 0;
  for (;;) {
    const tA = next < n ? rows[next]!.offered : Infinity;
    let iC = -1, tC = Infinity;
    for (let j = 0; j < busyUntil.length; j++) if (busyUntil[j]! < tC) { tC = busyUntil[j]!; iC = j; }
    const tB = Math.min((k + 1) * interval, end);
    const t = Math.min(tA, tC, tB);
    if (t === tA && tA < tB) {
      if (idle > 0) { idle--; answer(next, t); } else queue.push(next);
      next++;
    } else if (t === tC && tC < tB) {
      busyUntil.splice(iC, 1);
      if (owed > 0) { owed--; setPresent(t, present - 1); } else if (!takeHead(t)) idle++;
    } else {
      if (t >= end) break;
      k++;
      const want = onDuty[k % L]!, have = sched;
      sched = want;
      if (want < have) {
        const drop = have - want, fromIdle = Math.min(idle, drop);
        idle -= fromIdle; owed += drop - fromIdle;
        setPresent(t, present - fromIdle);
      } else if (want > have) {
        let add = want - have;
        const stay = Math.min(owed, add);
        owed -= stay; add -= stay;
        setPresent(t, present + add);
        while (add > 0 && takeHead(t)) add--;
        idle += add;
      }
    }
  }
  setPresent(end, present);
  const waitingAt = (t: number): number => rows.filter((x, i) => x.offered <= t && !(start[i]! < t) && deadline[i]! > t).length;
  return { start, duty, busy, dutyRows, busyRows, waitingAt };
}

/** One voice channel and one pool group, `agents[i]` on duty in interval i of the cycle (hours unless `intervalSeconds`). */
function poolModel(perHour: readonly number[], agents: readonly number[], aht: number, patience: number | undefined, days: number, intervalSeconds: Model['intervalSeconds'] = 3600): Model {
  return {
    intervalSeconds, days,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: 30,
      arrivalRatePerSecond: perHour.map((x) => x / 3600),
      handleTime: { kind: 'exponential', mean: aht },
      ...(patience === undefined ? {} : { patience: { kind: 'exponential', mean: patience } }),
    }],
    groups: [{ name: 'pool', skills: ['voice'], onDuty: [...agents] }],
  };
}

/**
 * Checks a pool run contact by contact against poolReference and its tallies against the
 * trace: those of the contacts offered after the warm-up (`options.warmupSeconds`), and time
 * spent after it.
 */
function checkPool(model: Model, options: RunOptions): { rows: Row[]; r: RunResult } {
  const { r, rows } = traced(model, options);
  const ch = model.channels[0]!, interval = model.intervalSeconds, L = ch.arrivalRatePerSecond.length;
  const end = r.endTime, w = options.warmupSeconds ?? 0;
  if (options.maxArrivals === undefined) expect(end).toBe(model.days * 86400);
  rows.sort((a, b) => a.offered - b.offered);
  const ref = poolReference(rows, model.groups[0]!.onDuty, interval, end, w);
  const cells = Array.from({ length: L }, () => ({ offered: 0, answered: 0, abandoned: 0, still: 0, within: 0, waitAnswered: 0, waitAll: 0 }));
  rows.forEach((x, i) => {
    check(x.arrival === x.offered && !x.retrial, `contact ${x.id}: arrival ${x.arrival}, offered ${x.offered}, retrial ${x.retrial}`); // no self-service, no redial
    const s = ref.start[i]!;
    if (x.outcome === 'answered') {
      check(!Number.isNaN(s), `contact ${x.id} answered at ${x.offered + x.wait}, the reference did not answer it`);
      close(x.offered + x.wait, s, `contact ${x.id}'s start`);
      check(x.group === 0 && x.agent === -1, `contact ${x.id}: group ${x.group}, agent ${x.agent}`);
    } else {
      check(Number.isNaN(s), `contact ${x.id} ${x.outcome}, the reference answered it at ${s}`);
      check(x.handle === 0 && x.group === -1 && x.agent === -1, `contact ${x.id} ${x.outcome}: handle ${x.handle}, group ${x.group}, agent ${x.agent}`);
      if (x.outcome === 'abandoned') check(x.offered + x.wait <= end, `contact ${x.id} abandoned after the end`);
      else { check(x.outcome === 'still-waiting', `contact ${x.id}: ${x.outcome}`); close(x.offered + x.wait, end, 'still waiting until the end'); }
    }
    if (x.offered < w) return; // counted in the warm-up's discard row
    const c = cells[Math.floor(x.offered / interval) % L]!;
    c.offered++;
    if (x.outcome === 'answered') { c.answered++; c.waitAnswered += x.wait; c.waitAll += x.wait; if (x.wait <= ch.targetSeconds) c.within++; }
    if (x.outcome === 'abandoned') { c.abandoned++; c.waitAll += x.wait; }
    if (x.outcome === 'still-waiting') c.still++;
  });
  for (let i = 0; i < L; i++) {
    const t = r.tallies.byInterval[i]![0]!, c = cells[i]!;
    expect([t.offered, t.answered, t.abandoned, t.stillWaiting, t.answeredWithinTarget], `interval ${i}`).toEqual([c.offered, c.answered, c.abandoned, c.still, c.within]);
    expect(t.offered).toBe(t.answered + t.abandoned + t.stillWaiting);
    close(t.waitAnsweredSeconds, c.waitAnswered, `interval ${i} wait of the answered`);
    close(t.waitAllSeconds, c.waitAll, `interval ${i} wait of all`);
    // backlog: the number waiting at each end of interval i of the cycle, times the interval
    let backlog = 0;
    for (let e = i + 1; e * interval <= end; e += L) if (e * interval > w) backlog += ref.waitingAt(e * interval) * (e * interval - Math.max(w, (e - 1) * interval));
    // a run ended by maxArrivals mid-interval: that interval's part, sampled at the end
    if (end % interval !== 0 && Math.floor(end / interval) % L === i) backlog += ref.waitingAt(end) * (end - Math.max(w, Math.floor(end / interval) * interval));
    close(t.backlogSeconds, backlog, `interval ${i} backlog`);
    // busy and on-duty time spent in interval i (after the warm-up)
    const gi = r.tallies.byIntervalGroup[i]![0]!;
    close(t.busySeconds, ref.busyRows[i]!, `interval ${i} busy`);
    close(gi.busySeconds, ref.busyRows[i]!, `interval ${i} group busy`);
    close(gi.onDutySeconds, ref.dutyRows[i]!, `interval ${i} on duty`);
  }
  const g = r.tallies.byGroup[0]!;
  close(g.onDutySeconds, ref.duty, 'on-duty agent-seconds');
  close(g.busySeconds, ref.busy, 'busy agent-seconds');
  close(g.contactSeconds, ref.busy, 'contact-seconds');
  close(r.tallies.total.busySeconds, ref.busy, 'channel busy seconds');
  close(r.tallies.total.onDutySeconds, ref.duty, 'channel on-duty seconds');
  expect(r.tallies.endBacklog).toEqual([ref.waitingAt(end)]);
  // sampled at the warm-up's end (its event was scheduled before the boundary at the same moment was last re-armed, so it comes first)
  expect(r.tallies.startBacklog).toEqual([w > 0 ? ref.waitingAt(w) : 0]);
  expect(r.arrivals).toBe(rows.length);
  // events handled: each arrival, each completion before the end, each interval boundary up to the end, the warm-up's end
  const completions = rows.filter((x, i) => x.outcome === 'answered' && ref.start[i]! + x.handle < end).length;
  const boundaries = Math.floor(end / interval) - (options.maxArrivals !== undefined && end % interval === 0 ? 1 : 0);
  expect(r.events).toBe(rows.length + completions + boundaries + (w > 0 ? 1 : 0));
  return { rows, r };
}

describe('pool groups against a FIFO reference, contact by contact', () => {
  it('constant staff, impatient callers: same starts, same abandonments; tallies = the trace\'s sums', () => {
    const model = poolModel([50, 50, 50, 50], [3, 3, 3, 3], 200, 100, 1);
    const { rows } = checkPool(model, { seed: 'pool-constant' });
    // the model did what it was built for: waits, abandonments, contacts left waiting at the end
    const count = (o: ContactOutcome): number => rows.filter((x) => x.outcome === o).length;
    expect(count('answered')).toBeGreaterThan(500);
    expect(count('abandoned')).toBeGreaterThan(100);
    expect(rows.filter((x) => x.outcome === 'answered' && x.wait > 0).length).toBeGreaterThan(200);
  });

  it('staff dropping and rising at boundaries (busy agents leave when they finish; new agents take the line at once)', () => {
    // 4, 1, 0, 3, 5, 2 agents: drops with busy agents (owed departures), a rise cancelling owed ones, an hour with nobody
    const model = poolModel([40, 80, 30, 60, 90, 20], [4, 1, 0, 3, 5, 2], 300, 400, 1);
    const { rows } = checkPool(model, { seed: 'pool-shifts' });
    expect(rows.filter((x) => x.outcome === 'abandoned').length).toBeGreaterThan(50);
  });

  it('patient callers: no abandonment; a long line carried across boundaries', () => {
    const model = poolModel([30, 30, 0, 30], [2, 1, 2, 3], 250, undefined, 1);
    const { rows, r } = checkPool(model, { seed: 'pool-patient' });
    expect(rows.some((x) => x.outcome === 'abandoned')).toBe(false);
    expect(r.tallies.total.stillWaiting + r.tallies.endBacklog[0]!).toBeGreaterThanOrEqual(0);
  });

  it('a warm-up ending at a boundary where staff rise; long contacts in quarter hours: owed departures cancelled by rises', () => {
    checkPool(poolModel([40, 80, 30, 60, 90, 20], [4, 1, 0, 3, 5, 2], 300, 400, 2), { seed: 'pool-warm-boundary', warmupSeconds: 86400 });
    // contacts of 30 min on average, staff changing every quarter hour: agents owed a departure are still busy when staff rise again
    const { rows } = checkPool(poolModel([20, 20, 20, 20], [3, 1, 4, 2], 1800, 1200, 1, 900), { seed: 'pool-owed' });
    expect(rows.filter((x) => x.outcome === 'answered').length).toBeGreaterThan(50);
  });

  it('a warm-up day of drawn volume: counted from its end on, the backlog it leaves sampled; each warm-up cycle\'s arrivals at one of the drawn factors', () => {
    const perHour = [40, 80, 30, 60, 90, 20];
    const model = poolModel(perHour, [4, 1, 0, 3, 5, 2], 300, 400, 2);
    // the warm-up ends in the middle of day 2's third hour, while nobody is on duty (that hour's first half goes to the discard row)
    const { rows, r } = checkPool(model, { seed: 'pool-warm', warmupSeconds: 86400 + 2.5 * 3600, warmupVolume: { untilSeconds: 86400, factors: [0.5, 3], weights: [0.5, 0.5] } });
    const perCycle = perHour.reduce((a, x) => a + x, 0);
    const counts = new Array<number>(8).fill(0); // 4 cycles of 6 hours a day
    for (const x of rows) counts[Math.floor(x.offered / (6 * 3600))]!++;
    const drawn = new Set<number>();
    counts.forEach((n, i) => {
      const factors = i < 4 ? [0.5, 3] : [1];
      const f = factors.find((f) => Math.abs(n - f * perCycle) <= 5 * Math.sqrt(f * perCycle));
      expect(f, `cycle ${i}: ${n} arrivals, expected ${perCycle} × one of ${factors}`).toBeDefined();
      drawn.add(f!);
    });
    expect(drawn.size).toBe(3); // both factors drawn (probability 1 − 2⁻³ for 4 cycles), then 1
    expect(r.tallies.startBacklog[0]!).toBeGreaterThan(0);
  });

  it('warm-up volumes: the factors drawn with their weights (0.5, 0.3, 0.2 for × 0.2, 1, 3): the warm-up\'s arrivals within 5 SD of their mean', () => {
    const model: Model = {
      intervalSeconds: 900, days: 3,
      channels: [{ name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [80 / 3600], handleTime: { kind: 'exponential', mean: 60 } }],
      groups: [{ name: 'pool', skills: ['voice'], onDuty: [0] }],
    };
    const factors = [0.2, 1, 3], weights = [0.5, 0.3, 0.2];
    const { rows } = traced(model, { seed: 'factors', warmupSeconds: 2 * 86400, warmupVolume: { untilSeconds: 2 * 86400, factors, weights } });
    // a cycle is one quarter hour, 20 arrivals × its factor f: per cycle, mean 20·E[f], variance 20·E[f] + 20²·Var[f] (192 cycles)
    const ef = factors.reduce((a, f, k) => a + f * weights[k]!, 0);
    const vf = factors.reduce((a, f, k) => a + f * f * weights[k]!, 0) - ef * ef;
    const warm = rows.filter((x) => x.offered < 2 * 86400).length;
    expect(Math.abs(warm - 192 * 20 * ef), `${warm} arrivals in the warm-up`).toBeLessThanOrEqual(5 * Math.sqrt(192 * (20 * ef + 400 * vf)));
    expectPoisson(rows.length - warm, 96 * 20, 'the day after the warm-up');
    // its first quarter hour too (Poisson, mean 20: none has probability e⁻²⁰)
    expect(rows.filter((x) => x.offered >= 2 * 86400 && x.offered < 2 * 86400 + 900).length).toBeGreaterThan(0);
  });

  it('the run ends with the arrivals (maxArrivals): every figure up to the moment the next one would have come', () => {
    const model = poolModel([50, 50, 50, 50], [2, 2, 1, 2], 200, 100, 1);
    const { rows, r } = checkPool(model, { seed: 'pool-max', maxArrivals: 700 });
    expect(r.arrivals).toBe(700);
    expect(rows.length).toBe(700);
    expect(r.endTime).toBeLessThan(86400);
    expect(r.endTime).toBeGreaterThan(Math.max(...rows.map((x) => x.offered)));
    expect(r.tallies.total.durationSeconds).toBe(r.endTime);
    expect(r.tallies.endBacklog[0]).toBeGreaterThan(0); // the line at the end: its part of the last interval's backlog
  });

  it('the draws follow their laws: Poisson counts per hour of the cycle (none in a zero-rate hour), exponential handle times', () => {
    const perHour = [120, 0, 40, 200];
    const model = poolModel(perHour, [40, 40, 40, 40], 60, 100, 3);
    const { rows } = traced(model, { seed: 'draws' });
    const counts = [0, 0, 0, 0];
    for (const x of rows) counts[Math.floor(x.offered / 3600) % 4]!++;
    expect(counts[1]).toBe(0);
    perHour.forEach((p, i) => expectPoisson(counts[i]!, p * 6 * 3, `hour ${i}`)); // 6 cycles a day, 3 days
    expectExpMean(rows.filter((x) => x.outcome === 'answered').map((x) => x.handle), 60, 'handle time');
  });

  it('nobody on duty: every caller abandons after an exponential patience (mean within 5 SE); none is answered', () => {
    const { r, rows } = traced(poolModel([100, 100, 100, 100], [0, 0, 0, 0], 60, 45, 1), { seed: 'patience' });
    expect(r.tallies.total.answered).toBe(0);
    const waits = rows.filter((x) => x.outcome === 'abandoned').map((x) => x.wait);
    expect(waits.length).toBeGreaterThan(rows.length - 5); // at most a few still within their patience at the end
    expectExpMean(waits, 45, 'patience');
    expect(r.tallies.byGroup[0]!.onDutySeconds).toBe(0);
    // found abandoned at the end (nobody looked at the line): their waits count all the same
    close(r.tallies.total.waitAllSeconds, rows.filter((x) => x.outcome === 'abandoned').reduce((a, x) => a + x.wait, 0), 'wait of all');
  });

  it('nobody on duty, callers redialling: every redial counted as one, those still in line at the end included', () => {
    const model = poolModel([100, 100, 100, 100], [0, 0, 0, 0], 60, 45, 1);
    model.channels[0]!.retrial = { probability: 0.7, delay: { kind: 'exponential', mean: 30 } };
    const { r, rows } = traced(model, { seed: 'redials' });
    const redials = rows.filter((x) => x.retrial);
    expect(r.tallies.total.retrials).toBe(redials.length);
    expect(redials.filter((x) => x.outcome === 'still-waiting').length).toBeGreaterThan(0);
    expect(r.tallies.total.offered).toBe(rows.length);
    close(r.tallies.total.waitAllSeconds, rows.filter((x) => x.outcome === 'abandoned').reduce((a, x) => a + x.wait, 0), 'wait of the abandoned');
    // with redials, abandonment is an event at the deadline: the rows come in the order of their deadlines
    const at = rows.filter((x) => x.outcome === 'abandoned').map((x) => x.offered + x.wait);
    at.forEach((t, i) => check(i === 0 || t >= at[i - 1]! - 1e-6, `abandonment ${i} at ${t}, after one at ${at[i - 1]}`));
  });

  it('a channel whose rates are all zero has no arrival, beside one that has', () => {
    const model = poolModel([0, 0, 0, 0], [1, 1, 1, 1], 60, 100, 1);
    model.channels.push({ ...model.channels[0]!, name: 'open', arrivalRatePerSecond: [30 / 3600, 0, 0, 0] });
    model.groups[0]!.skills.push('open');
    const { r, rows } = traced(model, { seed: 'closed' });
    expect(r.tallies.byChannel[0]!.offered).toBe(0);
    expect(rows.every((x) => x.channel === 1 && Math.floor(x.offered / 3600) % 4 === 0)).toBe(true);
    expectPoisson(rows.length, 30 * 6, 'the open channel');
  });

  it('over-dispersed arrivals (rateCv 1): counts per interval vary ~100 times more than Poisson, around the same mean', () => {
    const model = poolModel([100, 100, 100, 100], [40, 40, 40, 40], 60, 100, 3);
    model.channels[0]!.rateCv = 1;
    const { rows } = traced(model, { seed: 'dispersion' });
    const counts = new Array<number>(72).fill(0);
    for (const x of rows) counts[Math.floor(x.offered / 3600)]!++;
    const mean = counts.reduce((a, n) => a + n, 0) / counts.length;
    const variance = counts.reduce((a, n) => a + (n - mean) ** 2, 0) / (counts.length - 1);
    // gamma factor with mean 1, cv 1: variance = mean + mean² = 10,100 (Poisson: 100)
    expect(variance / mean).toBeGreaterThan(10);
    expect(Math.abs(mean - 100)).toBeLessThanOrEqual(5 * Math.sqrt(10_100 / counts.length)); // the theory's variance, not the sample's
  });
});

/**
 * Reference of one chat agent with `cap` sessions at most and slowdown s (sessions progress
 * together at pace 1 / (1 + s·(n − 1))), FIFO line, from the trace's offered times, work
 * (handle) and abandoned contacts' deadlines; on shift in the intervals where `onDuty` is 1.
 * Off shift it takes no new work and stays on duty until its sessions end; back on shift it
 * takes waiting chats at once. Returns each contact's start (NaN: not answered), the agent's
 * busy seconds (≥ 1 session), session-seconds and on-duty seconds up to `end`.
 */
function chatAgentReference(rows: readonly Row[], cap: number, s: number, end: number, onDuty: readonly number[], interval: number) {
  const n = rows.length, L = onDuty.length;
  const start = new Array<number>(n).fill(NaN);
  const deadline = rows.map((x) => (x.outcome === 'abandoned' ? x.offered + x.wait : Infinity));
  let left: number[] = []; // work left per session in progress, at pace 1
  const queue: number[] = [];
  let t = 0, busy = 0, sessions = 0, duty = 0, next = 0, k = 0, on = onDuty[0] === 1;
  const stretch = (): number => 1 + s * (left.length - 1);
  const advance = (to: number): void => {
    const dt = to - t;
    if (on || left.length > 0) duty += dt;
    if (left.length > 0) {
      const str = stretch();
      left = left.map((w) => w - dt / str);
      busy += dt; sessions += dt * left.length;
    }
    t = to;
  };
  const takeWaiting = (u: number): void => {
    while (left.length < cap) {
      while (queue.length > 0 && deadline[queue[0]!]! <= u) queue.shift();
      if (queue.length === 0) return;
      const i = queue.shift()!;
      start[i] = u; left.push(rows[i]!.handle);
    }
  };
  for (;;) {
    const tA = next < n ? rows[next]!.offered : Infinity;
    const tE = left.length > 0 ? t + Math.min(...left) * stretch() : Infinity;
    const tB = Math.min((k + 1) * interval, end);
    const u = Math.min(tA, tE, tB);
    advance(u);
    if (u === tA && tA < tB) {
      if (on && left.length < cap) { start[next] = u; left.push(rows[next]!.handle); } else queue.push(next);
      next++;
    } else if (u === tE && tE < tB) {
      const m = Math.min(...left);
      left.splice(left.indexOf(m), 1);
      if (on) takeWaiting(u);
    } else {
      if (u >= end) break;
      k++;
      on = onDuty[k % L] === 1;
      if (on) takeWaiting(u);
    }
  }
  return { start, busy, sessions, duty };
}

describe('a chat agent against a processor-sharing reference, session by session', () => {
  it.each([[3, 0.5], [2, 0], [1, 0.2]])('concurrency %d, slowdown %d: same starts (each the end of a session slowed by the others), busy and session time', (cap, slowdown) => {
    const model: Model = {
      intervalSeconds: 3600, days: 1,
      channels: [{ name: 'chat', kind: 'chat', concurrency: cap, slowdown, targetSeconds: 60, arrivalRatePerSecond: [40 / 3600, 25 / 3600], handleTime: { kind: 'exponential', mean: 240 }, patience: { kind: 'exponential', mean: 300 } }],
      groups: [{ name: 'desk', skills: ['chat'], onDuty: [1, 1] }],
    };
    const { r, rows } = traced(model, { seed: `chat-${cap}` });
    rows.sort((a, b) => a.offered - b.offered);
    const ref = chatAgentReference(rows, cap, slowdown, r.endTime, [1], 3600);
    let waited = 0;
    rows.forEach((x, i) => {
      if (x.outcome === 'answered') {
        close(x.offered + x.wait, ref.start[i]!, `session ${x.id}'s start`);
        check(x.group === 0 && x.agent === 0, `session ${x.id}: group ${x.group}, agent ${x.agent}`);
        if (x.wait > 0) waited++;
      } else check(Number.isNaN(ref.start[i]!), `contact ${x.id} ${x.outcome}, the reference answered it`);
    });
    expect(waited).toBeGreaterThan(20);
    const g = r.tallies.byGroup[0]!;
    expect(Math.abs(g.busySeconds - ref.busy)).toBeLessThan(1e-6 * ref.busy);
    expect(Math.abs(g.contactSeconds - ref.sessions)).toBeLessThan(1e-6 * ref.sessions);
    expect(Math.abs(r.tallies.total.busySeconds - ref.sessions / cap)).toBeLessThan(1e-6 * ref.sessions);
    close(g.onDutySeconds, 86400, 'on duty');
    const t = r.tallies.total;
    expect(t.offered).toBe(rows.length);
    expect(t.offered).toBe(t.answered + t.abandoned + t.stillWaiting);
  });

  // [interval, mean work]: sessions short against the time off (the agent leaves, then joins again),
  // or long (it is still finishing its sessions when it comes back, and stays)
  it.each([[1800, 300], [900, 2400]])('off shift half the time (intervals of %d s, work %d s): no new session off shift, on duty until its sessions end, waiting chats taken when it comes back', (interval, work) => {
    const onDuty = [1, 0, 1, 1, 0, 0, 1, 0];
    const model: Model = {
      intervalSeconds: interval as Model['intervalSeconds'], days: 1,
      channels: [{ name: 'chat', kind: 'chat', concurrency: 3, slowdown: 0.3, targetSeconds: 60, arrivalRatePerSecond: [60, 20, 90, 40, 30, 60, 50, 70].map((x) => x / 3600 * (300 / work)), handleTime: { kind: 'exponential', mean: work }, patience: { kind: 'exponential', mean: 900 } }],
      groups: [{ name: 'desk', skills: ['chat'], onDuty }],
    };
    const { r, rows } = traced(model, { seed: 'chat-shifts' });
    rows.sort((a, b) => a.offered - b.offered);
    const ref = chatAgentReference(rows, 3, 0.3, r.endTime, onDuty, interval);
    let atReturn = 0;
    rows.forEach((x, i) => {
      if (x.outcome === 'answered') {
        const at = x.offered + x.wait;
        close(at, ref.start[i]!, `session ${x.id}'s start`);
        if (x.wait > 0 && Math.abs(at / interval - Math.round(at / interval)) < 1e-9) atReturn++;
      } else check(Number.isNaN(ref.start[i]!), `contact ${x.id} ${x.outcome}, the reference answered it`);
    });
    expect(atReturn).toBeGreaterThan(3); // chats waiting off shift were taken at the agent's return
    const g = r.tallies.byGroup[0]!;
    expect(Math.abs(g.busySeconds - ref.busy)).toBeLessThan(1e-6 * ref.busy);
    expect(Math.abs(g.contactSeconds - ref.sessions)).toBeLessThan(1e-6 * ref.sessions);
    expect(Math.abs(g.onDutySeconds - ref.duty)).toBeLessThan(1e-6 * ref.duty);
    expect(ref.duty).toBeGreaterThan(86400 / 2 + 600); // it did stay past its shifts
  });
});

/** Voice (self-service, IVR, returns, redials, over-dispersion), video, chat and e-mail; a pool group and a blended desk group, staff changing every hour. */
function richModel(): Model {
  const rate = (perHour: number[]): number[] => perHour.map((x) => x / 3600);
  const channels: Channel[] = [
    {
      name: 'voice', kind: 'voice', targetSeconds: 20, rateCv: 0.3, arrivalRatePerSecond: rate([90, 60, 120, 30]),
      handleTime: { kind: 'exponential', mean: 180 }, patience: { kind: 'exponential', mean: 90 },
      retrial: { probability: 0.7, delay: { kind: 'exponential', mean: 300 } },
      selfService: { share: 0.3, duration: { kind: 'deterministic', value: 30 }, returnShare: 0.1, returnDelay: { kind: 'exponential', mean: 600 } },
    },
    { name: 'video', kind: 'video', targetSeconds: 30, arrivalRatePerSecond: rate([20, 10, 0, 20]), handleTime: { kind: 'lognormal', mean: 400, cv: 0.5 }, patience: { kind: 'deterministic', value: 120 } },
    { name: 'chat', kind: 'chat', concurrency: 2, slowdown: 0, targetSeconds: 60, arrivalRatePerSecond: rate([40, 50, 30, 40]), handleTime: { kind: 'exponential', mean: 300 }, patience: { kind: 'exponential', mean: 200 } },
    { name: 'email', kind: 'deferred', targetSeconds: 3600, deadlineSeconds: 7200, arrivalRatePerSecond: rate([20, 20, 20, 20]), handleTime: { kind: 'deterministic', value: 200 } },
  ];
  return {
    intervalSeconds: 3600, days: 1, channels,
    groups: [
      { name: 'pool', skills: ['video', 'voice'], onDuty: [4, 2, 5, 3] },
      { name: 'desk', skills: ['voice', 'chat', 'video', 'email'], onDuty: [3, 4, 1, 2], callsWhileChatting: true },
    ],
  };
}

/** First voice attempts: offered after the 30 s IVR (redials and returns reach the line as they come). */
function firstAttemptsVoice(rows: readonly Row[]): number {
  return rows.filter((x) => x.channel === 0 && x.outcome !== 'self-service' && x.offered > x.arrival).length;
}

describe('a blended centre: conservation and each contact\'s trace', () => {
  it('per channel and interval, offered = answered + abandoned + still waiting, each as in the trace; arrivals = self-served + first attempts', () => {
    const model = richModel();
    const { r, rows } = traced(model, { seed: 'rich' });
    const C = model.channels.length, L = 4, end = r.endTime;
    expect(end).toBe(86400);
    expect(new Set(rows.map((x) => x.id)).size).toBe(rows.length); // one row per contact, redials and returns with their own id
    // a contact's row comes when it is answered: in the order of time (no event handled in the past)
    // (voice redials: its abandonments are events at the deadline too)
    const starts = rows.filter((x) => x.outcome === 'answered' || (x.channel === 0 && x.outcome === 'abandoned')).map((x) => x.offered + x.wait);
    starts.forEach((t, i) => check(i === 0 || t >= starts[i - 1]! - 1e-6, `row ${i}: answered or abandoned at ${t}, after a row at ${starts[i - 1]}`));
    expect(r.tallies.startBacklog).toEqual([0, 0, 0, 0]); // no warm-up
    // per channel: waits of the answered and of all; per interval and channel: the backlog at the interval's ends
    for (let c = 0; c < C; c++) {
      const mine = rows.filter((x) => x.channel === c && x.outcome !== 'self-service');
      const t = r.tallies.byChannel[c]!;
      close(t.waitAnsweredSeconds, mine.filter((x) => x.outcome === 'answered').reduce((a, x) => a + x.wait, 0), `channel ${c} wait of the answered`);
      if (model.channels[c]!.kind !== 'deferred') close(t.waitAllSeconds, mine.filter((x) => x.outcome !== 'still-waiting').reduce((a, x) => a + x.wait, 0), `channel ${c} wait of all`);
      for (let i = 0; i < L; i++) {
        let backlog = 0;
        for (let e = i + 1; e * 3600 <= end; e += L) {
          const te = e * 3600; // waiting at te: offered by then, answered (or gone) no earlier (answered at te by staff joining then: still counted)
          backlog += mine.filter((x) => x.offered <= te && x.offered + x.wait >= te).length * 3600;
        }
        close(r.tallies.byInterval[i]![c]!.backlogSeconds, backlog, `interval ${i} channel ${c} backlog`);
      }
    }
    // the trace only reports: without it, the same tallies
    const untraced = simulate(model, { seed: 'rich' });
    expect(untraced.tallies).toEqual(r.tallies);
    const cell = (): number[] => [0, 0, 0, 0, 0, 0, 0]; // offered answered abandoned still self retrials within
    const byCh = Array.from({ length: C }, cell);
    const byRow = Array.from({ length: L }, () => Array.from({ length: C }, cell));
    let firstAttempts = 0;
    for (const x of rows) {
      const ch = model.channels[x.channel]!;
      if (x.outcome === 'self-service') {
        check(Number.isNaN(x.offered), `self-served ${x.id} offered at ${x.offered}`);
        byCh[x.channel]![4]!++; byRow[Math.floor(x.arrival / 3600) % L]![x.channel]![4]!++;
        continue;
      }
      check(x.offered >= x.arrival && x.wait >= 0, `contact ${x.id}: arrival ${x.arrival}, offered ${x.offered}, wait ${x.wait}`);
      // IVR: exactly 30 s before a first voice attempt; a redial or a return reaches the line as it comes
      if (x.channel === 0 && x.offered > x.arrival) { close(x.offered - x.arrival, 30, 'IVR time'); check(!x.retrial, `redial ${x.id} through the IVR`); firstAttempts++; } else check(x.offered === x.arrival, `contact ${x.id}: arrival ${x.arrival}, offered ${x.offered}`);
      if (x.channel > 0 && !x.retrial) firstAttempts++;
      const o = x.outcome === 'answered' ? 1 : x.outcome === 'abandoned' ? 2 : 3;
      const k = [byCh[x.channel]!];
      // real-time contacts count in the interval they were offered; deferred items' handling in the one it started
      const at = ch.kind === 'deferred' && x.outcome === 'answered' ? x.offered + x.wait : x.offered;
      if (ch.kind !== 'deferred') k.push(byRow[Math.floor(x.offered / 3600) % L]![x.channel]!);
      for (const c of k) { c[0]!++; c[o]!++; if (x.retrial) c[5]!++; if (o === 1 && x.wait <= ch.targetSeconds) c[6]!++; }
      if (ch.kind === 'deferred') {
        check(x.outcome !== 'abandoned', `e-mail ${x.id} abandoned`);
        byRow[Math.floor(x.offered / 3600) % L]![x.channel]![0]!++;
        if (o === 1) { const c = byRow[Math.floor(at / 3600) % L]![x.channel]!; c[1]!++; if (x.wait <= ch.targetSeconds) c[6]!++; }
      }
      if (x.channel === 1) { if (o === 2) close(x.wait, 120, 'video patience'); else check(x.wait <= 120, `video ${x.id} waited ${x.wait} s`); }
      if (o === 1) {
        if (!model.groups[x.group]!.skills.includes(ch.name)) throw new Error(`contact ${x.id} of ${ch.name} answered by group ${x.group}`);
        check(x.agent >= 0 === (x.group === 1), `contact ${x.id}: group ${x.group}, agent ${x.agent}`); // desk agents are named, pool agents are not
      } else check(x.group === -1 && x.agent === -1 && x.handle === 0, `contact ${x.id} ${x.outcome}: group ${x.group}, agent ${x.agent}, handle ${x.handle}`);
    }
    const fields = (t: RunResult['tallies']['total']): number[] => [t.offered, t.answered, t.abandoned, t.stillWaiting, t.selfServiceCompleted, t.retrials, t.answeredWithinTarget];
    for (let c = 0; c < C; c++) {
      const t = r.tallies.byChannel[c]!;
      expect(fields(t), `channel ${c}`).toEqual(byCh[c]);
      expect(t.offered).toBe(t.answered + t.abandoned + t.stillWaiting);
      for (let i = 0; i < L; i++) {
        const u = r.tallies.byInterval[i]![c]!, e = byRow[i]![c]!;
        expect([u.offered, u.answered, u.selfServiceCompleted, u.answeredWithinTarget], `interval ${i} channel ${c}`).toEqual([e[0], e[1], e[4], e[6]]);
        if (model.channels[c]!.kind !== 'deferred') expect([u.abandoned, u.stillWaiting, u.retrials], `interval ${i} channel ${c}`).toEqual([e[2], e[3], e[5]]);
      }
    }
    // returns: voice contacts reaching the line as they come, not redials; at most the self-served
    const returns = rows.filter((x) => x.channel === 0 && x.outcome !== 'self-service' && x.offered === x.arrival && !x.retrial).length;
    expect(r.tallies.byChannel[0]!.returns).toBe(returns);
    expect(returns).toBeGreaterThan(5);
    expect(returns).toBeLessThan(r.tallies.byChannel[0]!.selfServiceCompleted);
    expect(r.tallies.byChannel[0]!.retrials).toBeGreaterThan(5);
    // every external arrival is self-served or a first attempt, but for those still in the IVR at the end (arrived in its last 30 s)
    const inIvr = r.arrivals - r.tallies.total.selfServiceCompleted - firstAttempts;
    expect(inIvr).toBeGreaterThanOrEqual(0);
    expect(inIvr).toBeLessThanOrEqual(3);
    // the shares drawn: self-service 0.3 of voice arrivals, returns 0.1 of those, redials 0.7 of voice abandonments
    // (binomial, within 5 SE; the few redials and returns still pending at the end within a slack of 5)
    const v = r.tallies.byChannel[0]!;
    const binomial = (k: number, n: number, p: number, slack: number, what: string): void => {
      expect(Math.abs(k - n * p), `${what}: ${k} of ${n}, expected share ${p}`).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)) + slack);
    };
    binomial(v.selfServiceCompleted, v.selfServiceCompleted + firstAttemptsVoice(rows) + inIvr, 0.3, 0, 'self-service');
    binomial(v.returns, v.selfServiceCompleted, 0.1, 5, 'returns');
    binomial(v.retrials, v.abandoned, 0.7, 5, 'redials');
    // e-mail: time to handle = wait + handle time, counted in the interval its handling started
    const mail = rows.filter((x) => x.channel === 3 && x.outcome === 'answered');
    const m = r.tallies.byChannel[3]!;
    expect(m.deferredHandled).toBe(mail.length);
    expect(m.withinDeadline).toBe(mail.filter((x) => x.wait + x.handle <= 7200).length);
    close(m.timeToHandleSeconds, mail.reduce((a, x) => a + x.wait + x.handle, 0), 'e-mail time to handle');
    expect(m.timeToHandleCounts!.reduce((a, n) => a + n, 0)).toBe(mail.length);
    expect(mail.some((x) => x.wait + x.handle > 7200)).toBe(true); // the deadline was missed sometimes
    for (let i = 0; i < L; i++) {
      const started = mail.filter((x) => Math.floor((x.offered + x.wait) / 3600) % L === i);
      const u = r.tallies.byInterval[i]![3]!;
      expect(u.deferredHandled, `interval ${i}`).toBe(started.length);
      close(u.timeToHandleSeconds, started.reduce((a, x) => a + x.wait + x.handle, 0), `interval ${i} e-mail time to handle`);
    }
    // video: a lognormal handle time with mean 400 s, cv 0.5 (within 5 SE)
    const video = rows.filter((x) => x.channel === 1 && x.outcome === 'answered').map((x) => x.handle);
    const vm = video.reduce((a, h) => a + h, 0) / video.length;
    expect(Math.abs(vm - 400)).toBeLessThanOrEqual(5 * 200 / Math.sqrt(video.length));
  });

  it('each agent\'s work is possible: calls one at a time, at most 2 chat sessions, e-mail only when empty; busy and contact time = the trace\'s', () => {
    const model = richModel();
    const { r, rows } = traced(model, { seed: 'rich-agents' });
    const end = r.endTime;
    type Span = { s: number; e: number; channel: number };
    const spans = new Map<string, Span[]>();
    const contact = [0, 0], byChannel = [0, 0, 0, 0];
    for (const x of rows) {
      if (x.outcome !== 'answered') continue;
      const s = x.offered + x.wait, e = Math.min(s + x.handle, end);
      const key = x.group === 0 ? 'pool' : `desk:${x.agent}`;
      if (!spans.has(key)) spans.set(key, []);
      spans.get(key)!.push({ s, e, channel: x.channel });
      contact[x.group]! += e - s;
      byChannel[x.channel]! += e - s;
    }
    let deskBusy = 0;
    for (const [key, list] of spans) {
      if (key === 'pool') continue;
      expect(Number(key.slice(5))).toBeLessThan(4); // at most 4 desk agents on duty
      const inProgress = (t: number, what: (x: Span) => boolean): number => list.filter((y) => what(y) && y.s <= t + 1e-6 && y.e > t + 1e-6).length; // an end and the next start may differ by rounding
      for (const x of list) {
        const t = x.s;
        const calls = inProgress(t, (y) => y.channel !== 2), chats = inProgress(t, (y) => y.channel === 2);
        check(calls <= 1, `${key} at ${t}: ${calls} calls in progress`);
        check(chats <= 2, `${key} at ${t}: ${chats} sessions`);
        if (x.channel === 3) check(calls + chats === 1, `${key} starts an e-mail at ${t} while busy`);
        if (x.channel === 2) check(inProgress(t, (y) => y.channel === 0 || y.channel === 3) === 0, `${key} starts a chat on a call or an e-mail at ${t}`);
      }
      // busy: the union of the agent's spans
      list.sort((a, b) => a.s - b.s);
      let from = -Infinity, to = -Infinity;
      for (const { s, e } of list) { if (s > to) { if (to > from) deskBusy += to - from; from = s; to = e; } else to = Math.max(to, e); }
      deskBusy += to - from;
    }
    const pool = spans.get('pool')!;
    for (const x of pool) check(pool.filter((y) => y.s <= x.s + 1e-6 && y.e > x.s + 1e-6).length <= 5, `pool: more than 5 contacts at ${x.s}`); // never more than the most on duty
    const g = r.tallies.byGroup;
    expect(Math.abs(g[0]!.busySeconds - contact[0]!)).toBeLessThan(1e-6 * contact[0]!);
    expect(Math.abs(g[0]!.contactSeconds - contact[0]!)).toBeLessThan(1e-6 * contact[0]!);
    expect(Math.abs(g[1]!.contactSeconds - contact[1]!)).toBeLessThan(1e-6 * contact[1]!);
    expect(Math.abs(g[1]!.busySeconds - deskBusy)).toBeLessThan(1e-6 * deskBusy);
    expect(contact[1]!).toBeGreaterThan(deskBusy * 1.02); // sessions did overlap
    [1, 1, 2, 1].forEach((conc, c) => expect(Math.abs(r.tallies.byChannel[c]!.busySeconds - byChannel[c]! / conc), `channel ${c} busy`).toBeLessThan(1e-6 * byChannel[c]!));
    // on duty: at least the schedule (agents finishing past their shift add to it), busy within it
    const scheduled = (onDuty: number[]): number => onDuty.reduce((a, n) => a + n, 0) * 6 * 3600;
    for (let k = 0; k < 2; k++) {
      expect(g[k]!.onDutySeconds).toBeGreaterThanOrEqual(scheduled(model.groups[k]!.onDuty) - 1e-6);
      expect(g[k]!.onDutySeconds).toBeLessThan(scheduled(model.groups[k]!.onDuty) + 12 * 3 * 3600);
      expect(g[k]!.busySeconds).toBeLessThanOrEqual(g[k]!.onDutySeconds + 1e-6);
    }
  });
});

describe('random streams per (purpose, channel)', () => {
  it('adding a channel served by its own group changes nothing of the first channel\'s contacts; another replication or task changes them', () => {
    const voice = (): Channel => ({
      name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [60 / 3600, 90 / 3600],
      handleTime: { kind: 'gamma', mean: 200, cv: 0.8 }, patience: { kind: 'exponential', mean: 100 },
      retrial: { probability: 0.5, delay: { kind: 'exponential', mean: 300 } },
      selfService: { share: 0.2, duration: { kind: 'exponential', mean: 20 }, returnShare: 0.5, returnDelay: { kind: 'exponential', mean: 400 } },
      rateCv: 0.2,
    });
    const alone: Model = { intervalSeconds: 3600, days: 1, channels: [voice()], groups: [{ name: 'a', skills: ['voice'], onDuty: [3, 4] }] };
    const other: Channel = { ...voice(), name: 'other' };
    const two: Model = { ...alone, channels: [other, voice()], groups: [{ name: 'b', skills: ['other'], onDuty: [2, 2] }, { name: 'a', skills: ['voice'], onDuty: [3, 4] }] };
    const key = (rows: Row[], channel: number): string[] => rows.filter((x) => x.channel === channel)
      .map((x) => `${x.retrial} ${x.arrival} ${x.offered} ${x.outcome} ${x.wait} ${x.handle}`).sort();
    const a = traced(alone, { seed: 7 }).rows, b = traced(two, { seed: 7 }).rows;
    expect(key(b, 1)).toEqual(key(a, 0));
    expect(key(b, 0)).not.toEqual(key(a, 0));
    expect(a.some((x) => x.retrial) && a.some((x) => x.outcome === 'self-service')).toBe(true);
    for (const options of [{ seed: 7, replication: 1 }, { seed: 7, task: 1 }, { seed: 8 }]) {
      expect(key(traced(alone, options).rows, 0), JSON.stringify(options)).not.toEqual(key(a, 0));
    }
  });
});

describe('a desk group with two chat channels of different concurrency', () => {
  it('an agent takes a session only while it holds fewer sessions (of any chat channel) than that channel\'s concurrency: 1, or 3', () => {
    const chat = (name: string, concurrency: number, perHour: number): Channel => ({
      name, kind: 'chat', concurrency, slowdown: 0, targetSeconds: 60, arrivalRatePerSecond: [perHour / 3600],
      handleTime: { kind: 'exponential', mean: 300 }, patience: { kind: 'exponential', mean: 600 },
    });
    const model: Model = {
      intervalSeconds: 3600, days: 1, channels: [chat('one', 1, 12), chat('three', 3, 48)],
      groups: [{ name: 'desk', skills: ['three', 'one'], onDuty: [3] }],
    };
    const { r, rows } = traced(model, { seed: 'two-chats' });
    const answered = rows.filter((x) => x.outcome === 'answered').map((x) => ({ ...x, s: x.offered + x.wait, e: x.offered + x.wait + x.handle }));
    let full = 0, beside = 0;
    const byAgent = [0, 1, 2].map((a) => answered.filter((y) => y.agent === a));
    for (const x of answered) {
      const others = byAgent[x.agent]!.filter((y) => y !== x && y.s <= x.s + 1e-6 && y.e > x.s + 1e-6);
      check(others.length < (x.channel === 0 ? 1 : 3), `agent ${x.agent} starts a session of channel ${x.channel} beside ${others.length} others`);
      if (others.length === 2) full++;
      if (others.some((y) => y.channel === 0)) beside++;
    }
    expect(full).toBeGreaterThan(20); // agents did hold three sessions
    expect(beside).toBeGreaterThan(5); // and sessions of concurrency 3 beside one of concurrency 1 (documented: the limit is the new session's channel's)
    expect(r.tallies.byChannel[0]!.answered).toBeGreaterThan(100);
    expect(answered.some((x) => x.channel === 0 && x.wait > 0)).toBe(true);
    // each channel's busy time: its sessions' time (no slowdown: a session lasts its work) ÷ its concurrency
    [1, 3].forEach((conc, c) => {
      const sessions = answered.filter((x) => x.channel === c).reduce((a, x) => a + Math.min(x.e, r.endTime) - x.s, 0);
      expect(Math.abs(r.tallies.byChannel[c]!.busySeconds - sessions / conc), `channel ${c}`).toBeLessThan(1e-6 * sessions);
    });
  });
});

describe('desk groups after another desk group, pool groups after them, two deferred channels', () => {
  /** Channels voice, video, chat, e-mail, SMS; groups: a chat desk, a blended desk, a pool (in that order). */
  function layered(callsWhileChatting: boolean): Model {
    const rate = (perHour: number): number[] => [perHour / 3600, (perHour * 1.5) / 3600];
    return {
      intervalSeconds: 3600, days: 1,
      channels: [
        { name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: rate(30), handleTime: { kind: 'exponential', mean: 200 }, patience: { kind: 'exponential', mean: 120 } },
        { name: 'video', kind: 'video', targetSeconds: 20, arrivalRatePerSecond: rate(10), handleTime: { kind: 'exponential', mean: 300 }, patience: { kind: 'exponential', mean: 120 }, selfService: { share: 0.5 } },
        { name: 'chat', kind: 'chat', concurrency: 3, slowdown: 0, targetSeconds: 60, arrivalRatePerSecond: rate(30), handleTime: { kind: 'exponential', mean: 400 }, patience: { kind: 'exponential', mean: 300 } },
        { name: 'email', kind: 'deferred', targetSeconds: 3600, deadlineSeconds: 7200, arrivalRatePerSecond: rate(15), handleTime: { kind: 'exponential', mean: 200 } },
        { name: 'sms', kind: 'deferred', targetSeconds: 600, deadlineSeconds: 1800, arrivalRatePerSecond: rate(15), handleTime: { kind: 'exponential', mean: 60 } },
      ],
      groups: [
        { name: 'chat desk', skills: ['chat'], onDuty: [2, 1] },
        { name: 'desk', skills: ['voice', 'chat', 'video', 'email', 'sms'], onDuty: [3, 4], callsWhileChatting },
        { name: 'pool', skills: ['voice', 'video', 'email'], onDuty: [2, 3] },
      ],
    };
  }

  it.each([true, false])('agents are named within their group (pool agents not at all); calls beside sessions only with callsWhileChatting (%s); each deferred channel\'s histogram; the same run without a trace', (callsWhileChatting) => {
    const model = layered(callsWhileChatting);
    const { r, rows } = traced(model, { seed: 'layered' });
    // per channel: the tallies count the trace's rows (video: half self-served, as a row of its own)
    model.channels.forEach((_, c) => {
      const mine = rows.filter((x) => x.channel === c), t = r.tallies.byChannel[c]!;
      const n = (o: ContactOutcome): number => mine.filter((x) => x.outcome === o).length;
      expect([t.offered, t.answered, t.abandoned, t.stillWaiting, t.selfServiceCompleted], `channel ${c}`)
        .toEqual([mine.length - n('self-service'), n('answered'), n('abandoned'), n('still-waiting'), n('self-service')]);
    });
    for (const x of rows.filter((y) => y.outcome === 'self-service')) {
      check(x.channel === 1 && !x.retrial && x.group === -1 && x.agent === -1 && x.wait === 0 && x.handle === 0, `self-served ${x.id}: ${JSON.stringify(x)}`);
    }
    expect(r.tallies.byChannel[1]!.selfServiceCompleted).toBeGreaterThan(20);
    const answered = rows.filter((x) => x.outcome === 'answered').map((x) => ({ ...x, s: x.offered + x.wait, e: x.offered + x.wait + x.handle }));
    const most = model.groups.map((g) => Math.max(...g.onDuty));
    for (const x of answered) check(x.group === 2 ? x.agent === -1 : x.agent >= 0 && x.agent < most[x.group]!, `contact ${x.id}: group ${x.group}, agent ${x.agent}`);
    expect(new Set(answered.filter((x) => x.group === 0).map((x) => x.agent)).size).toBe(2);
    expect(new Set(answered.filter((x) => x.group === 1).map((x) => x.agent)).size).toBe(4);
    // a call (voice, video) starting while its agent holds a chat session
    const desk = answered.filter((x) => x.group === 1);
    const beside = desk.filter((x) => x.channel <= 1 && desk.some((y) => y.agent === x.agent && y.channel === 2 && y.s < x.s - 1e-6 && y.e > x.s + 1e-6)).length;
    if (callsWhileChatting) expect(beside).toBeGreaterThan(5); else expect(beside).toBe(0);
    // deferred: per channel and interval, the histogram counts every item whose handling started there
    for (const c of [3, 4]) {
      for (let i = 0; i < 2; i++) {
        const u = r.tallies.byInterval[i]![c]!;
        const started = answered.filter((x) => x.channel === c && Math.floor(x.s / 3600) % 2 === i).length;
        expect(u.deferredHandled, `channel ${c} interval ${i}`).toBe(started);
        expect(u.timeToHandleCounts!.reduce((a, n) => a + n, 0), `channel ${c} interval ${i} histogram`).toBe(started);
      }
      expect(r.tallies.byChannel[c]!.deferredHandled).toBeGreaterThan(20);
    }
    // each channel's busy time: its contacts' time ÷ its concurrency (no slowdown: a session lasts its work)
    model.channels.forEach((ch, c) => {
      const time = answered.filter((x) => x.channel === c).reduce((a, x) => a + Math.min(x.e, r.endTime) - x.s, 0);
      expect(Math.abs(r.tallies.byChannel[c]!.busySeconds - time / (ch.concurrency ?? 1)), `channel ${c} busy`).toBeLessThan(1e-6 * time);
    });
    // each group's contact time (the sum of its contacts) and busy time (a pool agent holds one; a desk agent: the union of its spans)
    model.groups.forEach((_, g) => {
      const mine = answered.filter((x) => x.group === g);
      const contact = mine.reduce((a, x) => a + Math.min(x.e, r.endTime) - x.s, 0);
      let busy = 0;
      for (const a of new Set(mine.map((x) => x.agent))) {
        const list = mine.filter((x) => x.agent === a).sort((x, y) => x.s - y.s);
        if (g === 2) { busy = contact; break; }
        let from = -Infinity, to = -Infinity;
        for (const x of list) { const e = Math.min(x.e, r.endTime); if (x.s > to) { if (to > from) busy += to - from; from = x.s; to = e; } else to = Math.max(to, e); }
        busy += to - from;
      }
      const t = r.tallies.byGroup[g]!;
      expect(Math.abs(t.contactSeconds - contact), `group ${g} contact`).toBeLessThan(1e-6 * contact);
      expect(Math.abs(t.busySeconds - busy), `group ${g} busy`).toBeLessThan(1e-6 * busy);
    });
    expect(answered.filter((x) => x.group === 2 && x.channel === 3).length).toBeGreaterThan(5); // the pool answers e-mail too
    // the trace only reports: without it, the same tallies
    const untraced = simulate(model, { seed: 'layered' });
    expect(untraced.tallies).toEqual(r.tallies);
    expect(untraced.events).toBe(r.events);
  });
});

describe('two pool groups, each with its own channel', () => {
  it('the second group\'s agents joining at a boundary take its waiting calls: same starts as the reference, its books its own', () => {
    const onDuty = [[2, 2, 2, 2], [1, 3, 0, 2]];
    const model: Model = {
      intervalSeconds: 900, days: 1,
      channels: ['a', 'b'].map((name) => ({ name, kind: 'voice' as const, targetSeconds: 20, arrivalRatePerSecond: [40 / 3600, 40 / 3600, 40 / 3600, 40 / 3600], handleTime: { kind: 'exponential' as const, mean: 240 }, patience: { kind: 'exponential' as const, mean: 600 } })),
      groups: [{ name: 'A', skills: ['a'], onDuty: onDuty[0]! }, { name: 'B', skills: ['b'], onDuty: onDuty[1]! }],
    };
    const { r, rows } = traced(model, { seed: 'two-pools' });
    for (let c = 0; c < 2; c++) {
      const mine = rows.filter((x) => x.channel === c).sort((x, y) => x.offered - y.offered);
      const ref = poolReference(mine, onDuty[c]!, 900, r.endTime);
      mine.forEach((x, i) => {
        if (x.outcome === 'answered') { check(x.group === c, `contact ${x.id} of channel ${c} answered by group ${x.group}`); close(x.offered + x.wait, ref.start[i]!, `contact ${x.id}'s start`); } else check(Number.isNaN(ref.start[i]!), `contact ${x.id} ${x.outcome}, the reference answered it`);
      });
      const g = r.tallies.byGroup[c]!;
      close(g.busySeconds, ref.busy, `group ${c} busy`);
      close(g.contactSeconds, ref.busy, `group ${c} contact`);
      close(g.onDutySeconds, ref.duty, `group ${c} on duty`);
      close(r.tallies.byChannel[c]!.busySeconds, ref.busy, `channel ${c} busy`);
      if (c === 1) expect(mine.filter((x) => x.outcome === 'answered' && x.wait > 0 && (x.offered + x.wait) % 900 === 0).length).toBeGreaterThan(3); // taken by agents joining
    }
  });
});
