/**
 * Blended agents obey the routing rules (engine/des/routing.ts), checked contact by contact
 * in a trace: each agent's work is rebuilt from the answered rows (start = offered + wait,
 * end = start + handle: exact for calls and deferred items, and for chat without slowdown),
 * and every start is checked against the rules — voice before chat before deferred work,
 * nothing pre-empted, no chat on a call, no call with chats in progress (unless
 * `callsWhileChatting`), deferred work only by an idle agent while no real-time contact waits.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Channel, type ContactOutcome, type Model } from '../../engine/des/index.js';

interface Row { channel: number; outcome: ContactOutcome; offered: number; wait: number; handle: number; group: number; agent: number }

const VOICE = 0, CHAT = 1, EMAIL = 2;

function blendedModel(callsWhileChatting: boolean, pool = false, callKind: 'voice' | 'video' = 'voice'): Model {
  const rate = (perHour: number): number[] => new Array<number>(24).fill(perHour / 3600);
  const channels: Channel[] = [
    { name: 'voice', kind: callKind, targetSeconds: 20, arrivalRatePerSecond: rate(60), handleTime: { kind: 'deterministic', value: 200 }, patience: { kind: 'exponential', mean: 120 } },
    { name: 'chat', kind: 'chat', concurrency: 2, slowdown: 0, targetSeconds: 30, arrivalRatePerSecond: rate(60), handleTime: { kind: 'deterministic', value: 300 }, patience: { kind: 'exponential', mean: 200 } },
    { name: 'email', kind: 'deferred', targetSeconds: 3600, deadlineSeconds: 14_400, arrivalRatePerSecond: rate(30), handleTime: { kind: 'deterministic', value: 250 } },
  ];
  if (pool) channels.splice(1, 1);
  return {
    intervalSeconds: 3600, days: 1, channels,
    groups: [{ name: 'blended', skills: channels.map((c) => c.name), onDuty: new Array<number>(24).fill(pool ? 4 : 8), callsWhileChatting }],
  };
}

function trace(model: Model, seed: string): Row[] {
  const rows: Row[] = [];
  simulate(model, { seed, trace: (_id, channel, _r, _a, offered, outcome, wait, handle, group, agent) => { rows.push({ channel, outcome, offered, wait, handle, group, agent }); } });
  return rows;
}

/** Is a contact of `channel` waiting at t (offered, not yet answered, abandoned or ended)? */
function waitingAt(rows: readonly Row[], channel: number, t: number): boolean {
  return rows.some((r) => r.channel === channel && r.outcome !== 'self-service' && r.offered < t - 1e-9 && r.offered + r.wait > t + 1e-9);
}

/**
 * Replays the answered rows in trace (= event) order, keeping each agent's contacts in
 * progress, and returns the broken rules (empty when every start obeys them).
 */
function brokenRules(rows: readonly Row[], kinds: readonly ('call' | 'chat' | 'deferred')[], concurrency: number, callsWhileChatting: boolean): string[] {
  const out: string[] = [];
  const active = new Map<number, { channel: number; end: number }[]>();
  let starts = 0;
  for (const r of rows) {
    if (r.outcome !== 'answered') continue;
    starts++;
    const t = r.offered + r.wait;
    const mine = (active.get(r.agent) ?? []).filter((x) => x.end > t + 1e-6);
    const sessions = mine.filter((x) => kinds[x.channel] === 'chat').length;
    const onCall = mine.some((x) => kinds[x.channel] !== 'chat');
    const kind = kinds[r.channel];
    const at = `t = ${t.toFixed(3)}, agent ${r.agent}, channel ${r.channel}`;
    if (onCall) out.push(`${at}: started while on a call or a deferred item (nothing is pre-empted, an agent on a call takes no chat)`);
    if (kind === 'chat' && sessions >= concurrency) out.push(`${at}: a chat beyond the concurrency`);
    if (kind === 'call' && sessions > 0 && !callsWhileChatting) out.push(`${at}: a call while chatting`);
    if (kind === 'deferred') {
      if (sessions > 0) out.push(`${at}: a deferred item while chatting`);
      for (let c = 0; c < kinds.length; c++) {
        if (kinds[c] !== 'deferred' && waitingAt(rows, c, t)) out.push(`${at}: a deferred item while real-time channel ${c} waits`);
      }
    }
    // Voice comes first: an agent free of everything who starts a chat leaves no voice call waiting.
    if (kind === 'chat' && sessions === 0 && waitingAt(rows, VOICE, t)) out.push(`${at}: a chat before a waiting call by an empty agent`);
    mine.push({ channel: r.channel, end: t + r.handle });
    active.set(r.agent, mine);
  }
  if (starts < 500) out.push(`too few starts to test the rules (${starts})`);
  return out;
}

describe('blended routing rules hold in a trace', () => {
  it('voice before chat before e-mail; no chat on a call; no call while chatting; e-mail only by idle agents while nothing real-time waits', () => {
    const rows = trace(blendedModel(false), 'blend');
    expect(brokenRules(rows, ['call', 'chat', 'deferred'], 2, false)).toEqual([]);
    // The rules were exercised: contacts of every channel waited, and agents held two sessions.
    for (const c of [VOICE, CHAT, EMAIL]) expect(rows.filter((r) => r.channel === c && r.outcome === 'answered' && r.wait > 0).length).toBeGreaterThan(20);
  });

  it.each(['voice', 'video'] as const)('callsWhileChatting: an agent with chat sessions may take a %s call — and does — but still no chat on a call', (callKind) => {
    const rows = trace(blendedModel(true, false, callKind), 'blend-calls');
    expect(brokenRules(rows, ['call', 'chat', 'deferred'], 2, true)).toEqual([]);
    // Some call started while its agent had sessions in progress.
    const chatsOf = (agent: number, t: number): number => rows.filter((r) => r.agent === agent && r.channel === CHAT && r.outcome === 'answered'
      && r.offered + r.wait < t - 1e-6 && r.offered + r.wait + r.handle > t + 1e-6).length;
    const mixed = rows.filter((r) => r.channel === VOICE && r.outcome === 'answered' && chatsOf(r.agent, r.offered + r.wait) > 0);
    expect(mixed.length).toBeGreaterThan(10);
  });

  it('a group without chat (anonymous agents): no e-mail starts while a call waits', () => {
    const rows = trace(blendedModel(false, true), 'pool');
    const emailStarts = rows.filter((r) => r.channel === 1 && r.outcome === 'answered');
    expect(emailStarts.length).toBeGreaterThan(200);
    expect(rows.filter((r) => r.channel === 0 && r.outcome === 'answered' && r.wait > 0).length).toBeGreaterThan(20);
    for (const r of emailStarts) {
      if (waitingAt(rows, 0, r.offered + r.wait)) throw new Error(`e-mail started at ${r.offered + r.wait} while a call waited`);
    }
  });

  it('an offered call takes a free agent even while e-mail waits, and waits when agents are all on e-mail (no pre-emption)', () => {
    const rows = trace(blendedModel(false, true), 'pool-2');
    // Calls that waited although e-mail was in progress: agents busy on e-mail were not pre-empted.
    const waited = rows.filter((r) => r.channel === 0 && r.outcome === 'answered' && r.wait > 0);
    expect(waited.length).toBeGreaterThan(0);
    // Every call that waited was answered exactly when some agent finished (a call or an e-mail).
    const ends = rows.filter((r) => r.outcome === 'answered').map((r) => r.offered + r.wait + r.handle);
    for (const r of waited) {
      const t = r.offered + r.wait;
      expect(ends.some((e) => Math.abs(e - t) < 1e-6), `call answered at ${t} when nobody finished`).toBe(true);
    }
  });
});

describe('the books of desk groups, rebuilt from the trace', () => {
  /**
   * The blended model, with a second desk group when `twoGroups`: 3 chat-only agents every other
   * hour, who each take two waiting chats at once when they come (sessions that end together).
   */
  function booksModel(callsWhileChatting: boolean, twoGroups: boolean): Model {
    const m = blendedModel(callsWhileChatting);
    if (twoGroups) {
      m.groups.push({ name: 'chat desk', skills: ['chat'], onDuty: Array.from({ length: 24 }, (_, h) => (h % 2) * 3) });
      m.channels[CHAT]!.arrivalRatePerSecond = new Array<number>(24).fill(150 / 3600); // chats wait when the desk comes
    }
    return m;
  }

  it.each([[false, false], [true, false], [false, true]])('busy time = the union of each agent\'s contacts, contact time = their sum, channel busy = contacts ÷ concurrency (callsWhileChatting %s, two groups %s)', (callsWhileChatting, twoGroups) => {
    // No slowdown: a session ends at start + handle, as a call does, so the trace gives every contact's span.
    const model = booksModel(callsWhileChatting, twoGroups);
    const rows: Row[] = [];
    const r = simulate(model, { seed: 'books', trace: (_id, channel, _r, _a, offered, outcome, wait, handle, group, agent) => { rows.push({ channel, outcome, offered, wait, handle, group, agent }); } });
    const end = r.endTime;
    const G = model.groups.length;
    const spans = new Map<string, [number, number][]>();
    const byChannel = [0, 0, 0];
    for (const x of rows) {
      if (x.outcome !== 'answered') continue;
      const s = x.offered + x.wait, e = Math.min(s + x.handle, end);
      const key = `${x.group}:${x.agent}`;
      if (!spans.has(key)) spans.set(key, []);
      spans.get(key)!.push([s, e]);
      byChannel[x.channel]! += e - s;
    }
    const busy = new Array<number>(G).fill(0), contact = new Array<number>(G).fill(0);
    for (const [key, list] of spans) {
      const g = Number(key.split(':')[0]);
      list.sort((a, b) => a[0] - b[0]);
      let from = -Infinity, to = -Infinity;
      for (const [s, e] of list) {
        contact[g]! += e - s;
        if (s > to) { busy[g]! += to - from > 0 ? to - from : 0; from = s; to = e; } else to = Math.max(to, e);
      }
      busy[g]! += to - from;
    }
    expect(spans.size).toBe(twoGroups ? 11 : 8); // every agent worked
    for (let g = 0; g < G; g++) {
      const t = r.tallies.byGroup[g]!;
      expect(Math.abs(t.busySeconds - busy[g]!), `group ${g} busy`).toBeLessThan(1e-6 * busy[g]!);
      expect(Math.abs(t.contactSeconds - contact[g]!), `group ${g} contact`).toBeLessThan(1e-6 * contact[g]!);
      if (g === 0) expect(t.onDutySeconds).toBeCloseTo(8 * 86400, 6);
      else expect(t.busySeconds).toBeLessThanOrEqual(t.onDutySeconds + 1e-6);
    }
    const ch = r.tallies.byChannel;
    expect(Math.abs(ch[VOICE]!.busySeconds - byChannel[VOICE]!)).toBeLessThan(1e-6 * byChannel[VOICE]!);
    expect(Math.abs(ch[CHAT]!.busySeconds - byChannel[CHAT]! / 2)).toBeLessThan(1e-6 * byChannel[CHAT]!);
    expect(Math.abs(ch[EMAIL]!.busySeconds - byChannel[EMAIL]!)).toBeLessThan(1e-6 * byChannel[EMAIL]!);
    expect(contact[0]!).toBeGreaterThan(1.05 * busy[0]!); // agents did hold two contacts at once
  });
});
