/**
 * The simulator suite (issue 3): calls per second through the general engine, and peak memory.
 *
 * - D1 stationary: 100 agents, 95 Erlangs, AHT 300 s, patience 120 s (exponential), SL 20 s,
 *   1,000,000 arrivals per call (after a 6,000 s warm-up counted in them), 48 half-hour
 *   intervals repeated: the general model, not a special path. Target ≥ 6 M calls/s
 *   (≤ 166.7 ns per call).
 * - D2 a 96-interval bank day: 1,000,000 arrivals over a two-peak intraday profile, 69%
 *   self-service, exponential patience 120 s, 20% of abandoned redial after ~5 min, agents
 *   per quarter hour from Erlang C staffing to 80/20 (schedule changes every interval).
 *
 * - D3 a blended day (issue 9): 200,000 contacts — voice, chat with 3 sessions per agent
 *   (slowdown 0.2), e-mail filling idle time — one centre, 96 quarter hours (`blendedDayModel`).
 *   Target > 3 M contacts/s (≤ 333 ns per contact).
 * - D4 a multi-group day with non-exponential times: two channels (retail: lognormal handle
 *   time, Weibull patience, self-service; business: gamma handle time, lognormal patience)
 *   served by three groups (generalists with both skills in opposite priority orders, and one
 *   specialist group each), 96 quarter hours, 300,000 arrivals (gated, in --ci: the routing and
 *   the encoded samplers the exponential days do not exercise).
 *
 * Extra metrics: `callsPerSecond` (arrivals / median time) and `peakRssMB`, the high-water
 * RSS of a *fresh child process* running the case once (so other suites' memory is not
 * counted); for D1 also `peakRss10MMB`, the same for 10 M calls, to show memory does not
 * grow with run length. Setup checks the answer (D1 against Erlang A within 1 pp).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulate, type Model } from '../../engine/des/index.js';
import { erlangAFigures, requiredAgentsErlangC } from '../../engine/erlang/index.js';
import type { BenchCase } from '../case.js';

const CALLS = 1_000_000;

/** The stationary benchmark model (also built by the child process for the memory figure). */
export function stationaryModel(): Model {
  const L = 48;
  return {
    intervalSeconds: 1800,
    days: 200,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: 20,
      arrivalRatePerSecond: new Array<number>(L).fill(95 / 300),
      handleTime: { kind: 'exponential', mean: 300 },
      patience: { kind: 'exponential', mean: 120 },
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty: new Array<number>(L).fill(100) }],
  };
}

/** A 96-quarter-hour day with `callsPerDay` arrivals, two peaks (10:00, 15:00), Erlang C 80/20 staffing. */
export function bankDayModel(callsPerDay = CALLS): Model {
  const L = 96, aht = 300, share = 0.69;
  const shape = Array.from({ length: L }, (_, i) => {
    const h = (i + 0.5) / 4;
    return 0.03 + Math.exp(-(((h - 10) / 1.6) ** 2)) + 0.8 * Math.exp(-(((h - 15) / 2) ** 2)) + 0.25 * Math.exp(-(((h - 20) / 1.5) ** 2));
  });
  const sum = shape.reduce((a, v) => a + v, 0);
  const rates = shape.map((v) => (callsPerDay * v) / sum / 900);
  const onDuty = rates.map((r) => requiredAgentsErlangC(r * (1 - share) * aht, aht, 20, 0.8));
  return {
    intervalSeconds: 900,
    days: 1,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: rates,
      handleTime: { kind: 'exponential', mean: aht },
      patience: { kind: 'exponential', mean: 120 },
      selfService: { share },
      retrial: { probability: 0.2, delay: { kind: 'exponential', mean: 300 } },
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty }],
  };
}

/** Contacts per blended day: voice, chat sessions, e-mails (one centre, 96 quarter hours). */
export const BLENDED_DAY = { voice: 120_000, chat: 60_000, email: 20_000 } as const;

/**
 * A blended day (issue 9): voice, chat with 3 sessions per agent (slowdown 0.2), and e-mail,
 * one centre, 96 quarter hours, the two-peak profile of `bankDayModel`. Voice agents are
 * staffed by Erlang C to 80/20; chat agents by Erlang C on 3 slots each, with the session
 * time stretched as at 3 sessions (1.4×); both fill idle time with e-mail (4 h deadline),
 * beside a small back office. No self-service: every contact reaches an agent.
 */
export function blendedDayModel(): Model {
  const L = 96;
  const shape = Array.from({ length: L }, (_, i) => {
    const h = (i + 0.5) / 4;
    return 0.03 + Math.exp(-(((h - 10) / 1.6) ** 2)) + 0.8 * Math.exp(-(((h - 15) / 2) ** 2)) + 0.25 * Math.exp(-(((h - 20) / 1.5) ** 2));
  });
  const sum = shape.reduce((a, v) => a + v, 0);
  const rates = (perDay: number): number[] => shape.map((v) => (perDay * v) / sum / 900);
  const voice = rates(BLENDED_DAY.voice), chat = rates(BLENDED_DAY.chat), email = rates(BLENDED_DAY.email);
  const voiceAgents = voice.map((r) => requiredAgentsErlangC(r * 300, 300, 20, 0.8));
  const chatAgents = chat.map((r) => Math.ceil(requiredAgentsErlangC(r * 420 * 1.4, 420 * 1.4, 30, 0.8) / 3));
  return {
    intervalSeconds: 900,
    days: 1,
    channels: [
      { name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: voice, handleTime: { kind: 'exponential', mean: 300 }, patience: { kind: 'exponential', mean: 120 } },
      { name: 'wechat', kind: 'chat', concurrency: 3, slowdown: 0.2, targetSeconds: 30, arrivalRatePerSecond: chat, handleTime: { kind: 'exponential', mean: 420 }, patience: { kind: 'exponential', mean: 180 } },
      { name: 'email', kind: 'deferred', deadlineSeconds: 4 * 3600, targetSeconds: 3600, arrivalRatePerSecond: email, handleTime: { kind: 'exponential', mean: 240 } },
    ],
    groups: [
      { name: 'voice', skills: ['voice', 'email'], onDuty: voiceAgents },
      { name: 'digital', skills: ['wechat', 'email'], onDuty: chatAgents },
      { name: 'back office', skills: ['email'], onDuty: email.map((r) => Math.ceil(r * 240 * 0.5)) },
    ],
  };
}

/** Arrivals of the multi-group day (D4). */
const MIXED_CALLS = 300_000;

/**
 * D4: two channels, three groups, non-exponential times, 96 quarter hours, `callsPerDay` arrivals.
 * Agents per interval: Erlang C 80/20 on each channel's load, split 50/50 between its specialists
 * and the generalists (a realistic shape, not a tuned one).
 */
export function mixedDayModel(callsPerDay = MIXED_CALLS): Model {
  const L = 96;
  const shape = Array.from({ length: L }, (_, i) => {
    const h = (i + 0.5) / 4;
    return 0.05 + Math.exp(-(((h - 11) / 2) ** 2)) + 0.7 * Math.exp(-(((h - 16) / 2.5) ** 2));
  });
  const sum = shape.reduce((a, v) => a + v, 0);
  const retail = shape.map((v) => (0.75 * callsPerDay * v) / sum / 900);
  const business = shape.map((v) => (0.25 * callsPerDay * v) / sum / 900);
  const need = (rates: number[], aht: number, share: number) => rates.map((r) => requiredAgentsErlangC(r * (1 - share) * aht, aht, 20, 0.8));
  const nR = need(retail, 240, 0.6), nB = need(business, 420, 0);
  return {
    intervalSeconds: 900,
    days: 1,
    channels: [
      {
        name: 'retail', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: retail,
        handleTime: { kind: 'lognormal', mean: 240, cv: 0.8 },
        patience: { kind: 'weibull', mean: 150, shape: 0.7 },
        selfService: { share: 0.6 },
      },
      {
        name: 'business', kind: 'voice', targetSeconds: 30, arrivalRatePerSecond: business,
        handleTime: { kind: 'gamma', mean: 420, cv: 0.6 },
        patience: { kind: 'lognormal', mean: 200, cv: 1 },
      },
    ],
    groups: [
      { name: 'retail agents', skills: ['retail'], onDuty: nR.map((n) => Math.ceil(n / 2)) },
      { name: 'business agents', skills: ['business'], onDuty: nB.map((n) => Math.ceil(n / 2)) },
      { name: 'generalists', skills: ['business', 'retail'], onDuty: nR.map((n, i) => Math.floor(n / 2) + Math.floor(nB[i]! / 2)) },
    ],
  };
}

/** High-water RSS (MB) of a fresh Node process running one simulation of `which` with `calls` arrivals. */
function childPeakRssMB(which: 'stationary' | 'day', calls: number): number {
  const self = fileURLToPath(import.meta.url);
  const script = `
    const m = await import(${JSON.stringify(self)});
    const { simulate } = await import(${JSON.stringify(fileURLToPath(new URL('../../engine/des/index.js', import.meta.url)))});
    const model = ${which === 'stationary' ? 'm.stationaryModel()' : `m.bankDayModel(${calls})`};
    if (${which === 'stationary'}) model.days = Math.ceil(${calls} / (95 / 300) / 86400 * 1.01) + 1;
    const r = simulate(model, { seed: 'rss', maxArrivals: ${calls}, warmupSeconds: ${which === 'stationary' ? 6000 : 0} });
    process.stdout.write(JSON.stringify({ arrivals: r.arrivals, maxRssKB: process.resourceUsage().maxRSS }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`memory child failed: ${r.stderr.split('\n')[0]}`);
  return JSON.parse(r.stdout).maxRssKB / 1024;
}

let stationary: Model;
let day: Model;
let blended: Model;
let mixedDay: Model;
let sink = 0;
const BLENDED_CONTACTS = BLENDED_DAY.voice + BLENDED_DAY.chat + BLENDED_DAY.email;

export const cases: BenchCase[] = [
  {
    name: 'des stationary 1M calls (100 agents, 95 E, AHT 300, patience 120)',
    opsPerCall: CALLS, unit: 'call', targetNs: 1e9 / 6e6, minSamples: 5,
    setup: () => {
      stationary = stationaryModel();
      const r = simulate(stationary, { seed: 'check', maxArrivals: CALLS, warmupSeconds: 6000 });
      const a = erlangAFigures(100, 95, 300, 120, 20);
      if (r.arrivals !== CALLS || Math.abs(r.total.answerRate - a.answerRate) > 0.01) {
        throw new Error(`des stationary: answer rate ${r.total.answerRate}, Erlang A ${a.answerRate}, arrivals ${r.arrivals}`);
      }
    },
    fn: () => {
      const r = simulate(stationary, { seed: 'bench', replication: sink & 7, maxArrivals: CALLS, warmupSeconds: 6000 });
      sink++;
      return r.tallies.total.answered;
    },
    metrics: ({ medianNs }) => ({
      callsPerSecond: 1e9 / medianNs,
      peakRssMB: childPeakRssMB('stationary', CALLS),
      peakRss10MMB: childPeakRssMB('stationary', 10 * CALLS),
    }),
  },
  {
    name: 'des bank day 96 intervals, 1M arrivals, schedule, self-service, retrials',
    opsPerCall: CALLS, unit: 'call', minSamples: 5,
    setup: () => {
      day = bankDayModel(CALLS);
      const r = simulate(day, { seed: 'check' });
      const t = r.tallies.total;
      if (Math.abs(r.arrivals - CALLS) > 5 * Math.sqrt(CALLS) || t.selfServiceCompleted + t.offered - t.retrials !== r.arrivals) {
        throw new Error(`des bank day: ${r.arrivals} arrivals, conservation ${t.selfServiceCompleted + t.offered - t.retrials}`);
      }
    },
    fn: () => {
      const r = simulate(day, { seed: 'bench', replication: sink & 7 });
      sink++;
      return r.tallies.total.answered;
    },
    metrics: ({ medianNs }) => ({ callsPerSecond: 1e9 / medianNs, peakRssMB: childPeakRssMB('day', CALLS) }),
  },
  {
    name: 'des blended day 96 intervals: voice, chat x3, e-mail (200k contacts)',
    opsPerCall: BLENDED_CONTACTS, unit: 'contact', targetNs: 1e9 / 3e6, minSamples: 5,
    setup: () => {
      blended = blendedDayModel();
      const r = simulate(blended, { seed: 'check' });
      const [voice, chat, email] = r.tallies.byChannel;
      for (const t of [voice!, chat!, email!]) {
        if (t.answered + t.abandoned + t.stillWaiting !== t.offered) throw new Error('des blended day: a channel does not conserve its contacts');
      }
      if (Math.abs(r.arrivals - BLENDED_CONTACTS) > 5 * Math.sqrt(BLENDED_CONTACTS)) throw new Error(`des blended day: ${r.arrivals} arrivals`);
      // Chat agents hold several sessions; e-mail fills idle time and is worked off within the day.
      if (!(r.byGroup[1]!.contactsPerBusyAgent > 2) || !(email!.stillWaiting < 0.05 * email!.offered) || !(r.byChannel[2]!.handledWithinDeadline > 0.8)) {
        throw new Error(`des blended day: sessions per chat agent ${r.byGroup[1]!.contactsPerBusyAgent}, e-mail left ${email!.stillWaiting}, within deadline ${r.byChannel[2]!.handledWithinDeadline}`);
      }
    },
    fn: () => {
      const r = simulate(blended, { seed: 'bench', replication: sink & 7 });
      sink++;
      return r.tallies.total.answered;
    },
    metrics: ({ medianNs }) => ({ contactsPerSecond: 1e9 / medianNs }),
  },
  {
    name: 'des multi-group day, 2 channels, 3 groups, lognormal/gamma/Weibull times, 300k arrivals',
    opsPerCall: MIXED_CALLS, unit: 'call', minSamples: 5,
    setup: () => {
      mixedDay = mixedDayModel();
      const r = simulate(mixedDay, { seed: 'check' });
      const t = r.tallies.total;
      const resolved = t.answered + t.abandoned + t.stillWaiting;
      if (Math.abs(r.arrivals - MIXED_CALLS) > 5 * Math.sqrt(MIXED_CALLS) || t.selfServiceCompleted + t.offered !== r.arrivals || resolved !== t.offered) {
        throw new Error(`des multi-group day: ${r.arrivals} arrivals, self-service + offered ${t.selfServiceCompleted + t.offered}, resolved ${resolved} of ${t.offered}`);
      }
      // both channels are served (a routing mistake would starve one)
      if (!(r.byChannel.every((f) => f.answerRate > 0.5) && t.busySeconds > 0)) throw new Error(`des multi-group day: answer rates ${r.byChannel.map((f) => f.answerRate)}`);
    },
    fn: () => {
      const r = simulate(mixedDay, { seed: 'bench', replication: sink & 7 });
      sink++;
      return r.tallies.total.answered;
    },
    metrics: ({ medianNs }) => ({ callsPerSecond: 1e9 / medianNs }),
  },
];
