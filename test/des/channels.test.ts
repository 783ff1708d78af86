/**
 * Channel kinds through the whole engine: conservation per channel (every contact offered is
 * answered, abandoned or still waiting at the end — deferred items counted where handled),
 * and the degenerate cases that must coincide byte for byte with voice: a video channel
 * (voice under another name) and a chat channel with concurrency 1 (one session per agent
 * cannot be slowed by another, so it is a call).
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Channel, type ContactOutcome, type Model } from '../../engine/des/index.js';

const L = 96;
/** A day with a morning and an afternoon peak (a rate per second for each quarter hour). */
const profile = (perDay: number): number[] => {
  const shape = Array.from({ length: L }, (_, i) => {
    const h = (i + 0.5) / 4;
    return 0.05 + Math.exp(-(((h - 10) / 2) ** 2)) + 0.7 * Math.exp(-(((h - 15) / 2.5) ** 2));
  });
  const sum = shape.reduce((a, v) => a + v, 0);
  return shape.map((v) => (perDay * v) / sum / 900);
};
/** Agents per quarter hour following the profile, so that staff rise and drop through the day. */
const staffing = (rates: number[], aht: number, per: number): number[] => rates.map((r) => Math.max(1, Math.round((r * aht) / per)));

/** A real-time channel with everything the engine models: IVR with returns, patience, redials. */
function realTime(name: string, kind: Channel['kind'], extra: Partial<Channel> = {}): Channel {
  return {
    name, kind, targetSeconds: 20, arrivalRatePerSecond: profile(6000),
    handleTime: { kind: 'lognormal', mean: 240, cv: 0.8 },
    patience: { kind: 'exponential', mean: 90 },
    selfService: { share: 0.3, returnShare: 0.2, returnDelay: { kind: 'exponential', mean: 600 } },
    retrial: { probability: 0.4, delay: { kind: 'exponential', mean: 300 } },
    ...extra,
  };
}

function oneChannel(ch: Channel): Model {
  return { intervalSeconds: 900, days: 2, channels: [ch], groups: [{ name: 'agents', skills: [ch.name], onDuty: staffing(ch.arrivalRatePerSecond, 240, 0.97) }] };
}

interface Row { id: number; channel: number; retrial: boolean; arrival: number; offered: number; outcome: ContactOutcome; wait: number; handle: number; group: number }
function traceOf(model: Model, seed: string | number): Row[] {
  const rows: Row[] = [];
  simulate(model, { seed, trace: (id, channel, retrial, arrival, offered, outcome, wait, handle, group) => { rows.push({ id, channel, retrial, arrival, offered, outcome, wait, handle, group }); } });
  return rows;
}

/** Fails naming the first field (path) whose value differs, or that one side lacks. */
function expectSameBytes(got: unknown, want: unknown, path = 'tallies'): void {
  if (typeof want !== 'object' || want === null) {
    if (!Object.is(got, want)) throw new Error(`${path}: ${String(got)} ≠ ${String(want)}`);
    return;
  }
  expect(Object.keys(got as object), path).toEqual(Object.keys(want));
  for (const k of Object.keys(want)) expectSameBytes((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`);
}

describe('degenerate channel kinds equal voice, byte for byte', () => {
  it('a video channel is voice under another kind: the same tallies and the same trace', () => {
    const voice = oneChannel(realTime('voice', 'voice'));
    const video = oneChannel(realTime('voice', 'video'));
    const a = simulate(voice, { seed: 'video' }), b = simulate(video, { seed: 'video' });
    expect(a.tallies.total.offered).toBeGreaterThan(5000);
    expectSameBytes(b.tallies, a.tallies);
    expect(traceOf(video, 7)).toEqual(traceOf(voice, 7));
  });

  it('a chat channel with concurrency 1 (any slowdown) is a voice channel: same tallies, groups and trace, staff rising and dropping', () => {
    const voice = oneChannel(realTime('voice', 'voice'));
    for (const slowdown of [0, 0.5]) {
      const chat = oneChannel(realTime('voice', 'chat', { concurrency: 1, slowdown }));
      const a = simulate(voice, { seed: 'chat1' }), b = simulate(chat, { seed: 'chat1' });
      // The chat group keeps its agents one by one (engine/des/desks.ts), the voice group as counters.
      expect(a.tallies.total.abandoned).toBeGreaterThan(100);
      expect(a.tallies.total.retrials).toBeGreaterThan(50);
      expect(a.tallies.total.returns).toBeGreaterThan(100);
      expectSameBytes(b.tallies, a.tallies);
      expect(traceOf(chat, 11)).toEqual(traceOf(voice, 11));
    }
  });
});

describe('conservation per channel', () => {
  /** Voice, video, chat (concurrency 3) and e-mail on a blended group and a digital group. */
  function blended(days: number): Model {
    return {
      intervalSeconds: 900, days,
      channels: [
        realTime('voice', 'voice'),
        realTime('video', 'video', { arrivalRatePerSecond: profile(800), selfService: undefined }),
        realTime('wechat', 'chat', { arrivalRatePerSecond: profile(5000), concurrency: 3, slowdown: 0.2, handleTime: { kind: 'exponential', mean: 420 }, selfService: { share: 0.2 } }),
        { name: 'email', kind: 'deferred', targetSeconds: 3600, deadlineSeconds: 4 * 3600, arrivalRatePerSecond: profile(1500), handleTime: { kind: 'gamma', mean: 360, cv: 0.6 } },
      ],
      groups: [
        { name: 'blended', skills: ['voice', 'video', 'wechat', 'email'], onDuty: staffing(profile(6000), 240, 0.9) },
        { name: 'digital', skills: ['wechat', 'email'], onDuty: staffing(profile(5000), 420, 2.5) },
      ],
    };
  }

  it('offered = answered + abandoned + still waiting, for every channel and kind (and per interval for real-time channels)', () => {
    const r = simulate(blended(1), { seed: 'conserve' });
    r.tallies.byChannel.forEach((t, c) => {
      expect(t.offered, `channel ${c}`).toBeGreaterThan(500);
      expect(t.answered + t.abandoned + t.stillWaiting, `channel ${c}`).toBe(t.offered);
      expect(t.stillWaiting, `channel ${c}`).toBe(r.tallies.endBacklog[c]);
    });
    for (const row of r.tallies.byInterval) {
      for (let c = 0; c < 3; c++) expect(row[c]!.answered + row[c]!.abandoned + row[c]!.stillWaiting).toBe(row[c]!.offered);
    }
    // Deferred items never abandon, and every one handled has its time to handle counted.
    const email = r.tallies.byChannel[3]!;
    expect(email.abandoned).toBe(0);
    expect(email.deferredHandled).toBe(email.answered);
    expect(email.timeToHandleCounts!.reduce((a, v) => a + v, 0)).toBe(email.answered);
    // Attempts and customers: every offered contact is a first attempt, a redial or a return.
    const voice = r.tallies.byChannel[0]!;
    expect(r.byChannel[0]!.customers).toBe(voice.offered - voice.retrials);
    // External arrivals = self-served + offered first attempts (redials and returns come back, not in).
    const total = r.tallies.total;
    expect(total.selfServiceCompleted + total.offered - total.retrials - total.returns).toBe(r.arrivals);
  });

  it('after warm-up days, items carried in are counted where handled: offered + backlog at start = answered + backlog at end', () => {
    // The digital group works 08:00–20:00 only: e-mail waits overnight.
    const m = blended(3);
    m.groups[1]!.onDuty = m.groups[1]!.onDuty.map((n, i) => (i >= 32 && i < 80 ? n : 0));
    m.groups[0]!.skills = ['voice', 'video', 'wechat'];
    const r = simulate(m, { seed: 'carry', warmupSeconds: 2 * 86400 });
    const c = 3, t = r.tallies.byChannel[c]!;
    expect(r.tallies.startBacklog[c]).toBeGreaterThan(0);
    expect(t.offered + r.tallies.startBacklog[c]!).toBe(t.answered + r.tallies.endBacklog[c]!);
  });

  it('on-duty, busy and contact time add up per group: a chat agent holds up to 3 contacts, busy ≤ on duty', () => {
    const r = simulate(blended(1), { seed: 'groups' });
    const [blend, digital] = r.tallies.byGroup;
    for (const g of [blend!, digital!]) {
      expect(g.busySeconds).toBeGreaterThan(0);
      expect(g.busySeconds).toBeLessThanOrEqual(g.onDutySeconds + 1e-6);
      expect(g.contactSeconds).toBeGreaterThanOrEqual(g.busySeconds - 1e-6);
      expect(g.contactSeconds).toBeLessThanOrEqual(3 * g.busySeconds + 1e-6);
    }
    // The digital group holds several chat sessions at once (and deferred items one at a time).
    expect(r.byGroup[1]!.contactsPerBusyAgent).toBeGreaterThan(1.05);
    // Channel busy time is contact time ÷ concurrency, so the channels' busy time sums the groups' contact time so weighted.
    const ch = r.tallies.byChannel;
    const weighted = ch[0]!.busySeconds + ch[1]!.busySeconds + 3 * ch[2]!.busySeconds + ch[3]!.busySeconds;
    expect(Math.abs(weighted - (blend!.contactSeconds + digital!.contactSeconds))).toBeLessThan(1e-6 * weighted);
    // Total on-duty time counts each group once.
    expect(Math.abs(r.tallies.total.onDutySeconds - (blend!.onDutySeconds + digital!.onDutySeconds))).toBeLessThan(1e-6);
  });
});
