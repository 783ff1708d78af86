/**
 * Cross-field rules of a scenario that a per-field schema cannot state: names unique, volume
 * shares summing to 1, skills naming channels, per-interval lists one item per interval,
 * one volume key per channel, the fields of each channel kind (docs/channels.md), skill order,
 * targets naming channels, calibration and assumption paths naming numbers in the file.
 */
import type { Problem } from './problems.js';
import { DEFAULT_CHAT_SLOWDOWN } from '../../engine/des/model.js';
import { type Scenario } from './schema.js';
import { parsePath, resolvePath, getAt, formatPath } from './paths.js';
import { getParameter } from './parameters.js';

/** Every cross-field problem of a schema-valid scenario (empty when none). */
export function crossCheck(s: Scenario): Problem[] {
  const out: Problem[] = [];
  /** A path as printed, list items by name: `channels[voice].kind`. */
  const named = (...keys: (string | number)[]) => formatPath(keys, s);
  const perDay = 86_400 / s.intervalSeconds;
  const unique = (list: { name: string }[], key: 'dayTypes' | 'centreClasses' | 'channels' | 'groups') => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.name)) out.push({ path: named(key, i, 'name'), message: `must be unique within ${key}`, value: x.name });
      seen.add(x.name);
    });
  };
  unique(s.dayTypes, 'dayTypes');
  unique(s.centreClasses, 'centreClasses');
  unique(s.channels, 'channels');
  unique(s.groups, 'groups');

  s.dayTypes.forEach((d, i) => {
    if (d.intradayProfile.length !== perDay) {
      out.push({ path: named('dayTypes', i, 'intradayProfile'), message: `must have one weight per interval: ${perDay} items for intervalSeconds ${s.intervalSeconds}`, value: `${d.intradayProfile.length} items` });
    } else if (!(d.intradayProfile.reduce((a, b) => a + b, 0) > 0)) {
      out.push({ path: named('dayTypes', i, 'intradayProfile'), message: 'must have a positive sum (relative weights)', value: 'all zero' });
    }
  });
  if (!(s.dayTypes.reduce((a, d) => a + d.days * d.volumeWeight, 0) > 0)) {
    out.push({ path: 'dayTypes', message: 'must have some volume: the sum of days × volumeWeight must be > 0', value: 0 });
  }

  // Every simulated run is one day: a warm-up of a day or more leaves nothing to measure.
  const warmup = s.simulation?.warmupSeconds;
  if (warmup !== undefined && warmup >= 86_400) {
    out.push({ path: 'simulation.warmupSeconds', message: 'must be less than 86,400 seconds: each simulated run is one day, so a warm-up of a day or more would leave nothing to measure', value: warmup });
  }

  const shareSum = s.centreClasses.reduce((a, c) => a + c.volumeShare, 0);
  if (Math.abs(shareSum - 1) > 1e-6) {
    out.push({ path: 'centreClasses[*].volumeShare', message: 'must sum to 1 (each class\'s share of every channel\'s volume)', value: shareSum });
  }

  const channelNames = new Set(s.channels.map((c) => c.name));
  s.channels.forEach((c, i) => {
    const n = (c.callsPerYear !== undefined ? 1 : 0) + (c.callsPerDay !== undefined ? 1 : 0);
    if (n !== 1) out.push({ path: named('channels', i), message: 'must give exactly one of callsPerYear or callsPerDay' + (n === 2 ? ' (both given)' : ' (neither given)') });
    out.push(...kindProblems(c, (...keys) => named('channels', i, ...keys)));
    if (!s.groups.some((g) => g.skills.includes(c.name))) out.push({ path: named('channels', i, 'name'), message: 'is served by no agent group (add it to a group\'s skills)', value: c.name });
  });

  let staffShareSum = 0;
  s.groups.forEach((g, i) => {
    staffShareSum += g.staffShare;
    g.skills.forEach((k, j) => {
      if (!channelNames.has(k)) out.push({ path: named('groups', i, 'skills', j), message: `must name a channel (${[...channelNames].join(', ')})`, value: k });
      else if (g.skills.indexOf(k) !== j) out.push({ path: named('groups', i, 'skills', j), message: 'names a channel already listed in this group\'s skills', value: k });
    });
    out.push(...skillProblems(s, g.skills, (...keys) => named('groups', i, ...keys)));
    const sch = g.schedule;
    const n = (sch.followLoad ? 1 : 0) + (sch.onDutyPerCentre ? 1 : 0);
    if (n !== 1) out.push({ path: named('groups', i, 'schedule'), message: 'must give exactly one of followLoad or onDutyPerCentre' + (n === 2 ? ' (both given)' : ' (neither given)') });
    if (sch.onDutyPerCentre && sch.onDutyPerCentre.length !== perDay) {
      out.push({ path: named('groups', i, 'schedule', 'onDutyPerCentre'), message: `must have one value per interval: ${perDay} items`, value: `${sch.onDutyPerCentre.length} items` });
    }
  });
  if (staffShareSum > 1 + 1e-9) out.push({ path: 'groups[*].staffShare', message: 'must sum to at most 1 (shares of each centre\'s staff)', value: staffShareSum });

  s.targets?.forEach((t, i) => {
    if (t.channel !== undefined && !channelNames.has(t.channel)) {
      out.push({ path: `targets[${i}].channel`, message: `must name a channel (${[...channelNames].join(', ')})`, value: t.channel });
    }
  });

  s.calibration?.parameters.forEach((p, i) => {
    const at = `calibration.parameters[${i}]`;
    if (/^\s*constants\b/.test(p.path)) {
      out.push({ path: `${at}.path`, message: 'must name a value outside constants (constants are substituted into formulas before fitting); name the value that uses it', value: p.path });
      return;
    }
    const r = safeResolve(s, p.path);
    if ('error' in r) out.push({ path: `${at}.path`, message: `must name a number in this scenario: ${r.error}`, value: p.path });
    else {
      let v: unknown;
      try {
        v = getParameter(s, r.keys); // the mean of a mixture, deterministic or empirical distribution counts (parameters.ts)
      } catch {
        v = getAt(s, r.keys);
      }
      if (typeof v !== 'number') out.push({ path: `${at}.path`, message: `must name a number in this scenario (${named(...r.keys)} is not a number)`, value: p.path });
      else if (!(v >= p.min && v <= p.max)) out.push({ path: named(...r.keys), message: `must lie within its calibration bounds [${p.min}, ${p.max}]`, value: v });
    }
    if (!(p.min < p.max)) out.push({ path: `${at}.min`, message: `must be < max (${p.max})`, value: p.min });
  });
  s.calibration?.ranges?.forEach((g, i) => g.paths.forEach((path, j) => {
    const r = safeResolve(s, path);
    if ('error' in r) out.push({ path: `calibration.ranges[${i}].paths[${j}]`, message: `must name a value in this scenario: ${r.error}`, value: path });
  }));
  s.assumptions?.forEach((a, i) => {
    const r = safeResolve(s, a.parameter);
    if ('error' in r) out.push({ path: `assumptions[${i}].parameter`, message: `must name a value in this scenario: ${r.error}`, value: a.parameter });
    else if (getAt(s, r.keys) === undefined) out.push({ path: `assumptions[${i}].parameter`, message: 'names a value absent from this scenario', value: a.parameter });
  });
  return out;
}

type Channel = Scenario['channels'][number];
type At = (...keys: (string | number)[]) => string;

/**
 * The fields that belong to one channel kind (docs/channels.md): `concurrency` and `slowdown`
 * on chat only; `deadlineSeconds` required on deferred channels and refused on real-time ones;
 * no patience (hence no redials) on deferred channels; redials need patience.
 */
function kindProblems(c: Channel, at: At): Problem[] {
  const out: Problem[] = [];
  const chat = c.kind === 'chat';
  const deferred = c.kind === 'deferred';
  if (c.concurrency !== undefined && !chat) {
    out.push({ path: at('concurrency'), message: `is for chat channels only (a ${c.kind} channel serves one contact per agent); remove it`, value: c.concurrency });
  }
  if (c.slowdown !== undefined && !chat) out.push({ path: at('slowdown'), message: `is for chat channels only (kind ${c.kind}); remove it`, value: c.slowdown });
  if (deferred) {
    if (c.deadlineSeconds === undefined) out.push({ path: at('deadlineSeconds'), message: 'is required on a deferred channel: seconds from arrival to the end of handling (e.g. 14400 for 4 h)' });
    if (c.patienceSeconds !== undefined) out.push({ path: at('patienceSeconds'), message: 'is not allowed on a deferred channel (deferred items never abandon; their deadline is deadlineSeconds); remove it' });
    if (c.retrial !== undefined) out.push({ path: at('retrial'), message: 'is not allowed on a deferred channel (items never abandon, so none redial); remove it' });
  } else {
    if (c.deadlineSeconds !== undefined) {
      out.push({ path: at('deadlineSeconds'), message: `is for deferred channels only (a real-time ${c.kind} channel has targetSeconds); remove it, or make the channel kind: deferred`, value: c.deadlineSeconds });
    }
    if (c.retrial !== undefined && c.patienceSeconds === undefined && c.retrial.probability > 0) {
      out.push({ path: at('retrial'), message: 'needs patienceSeconds: only contacts that abandon can redial' });
    }
  }
  return out;
}

/**
 * A group's skill list beyond names (engine/des/routing.ts): deferred channels after every
 * real-time one (real-time work is always taken first); the chat channels of one group share
 * one slowdown (an agent's sessions progress at one pace).
 */
function skillProblems(s: Scenario, skills: readonly string[], at: At): Problem[] {
  const out: Problem[] = [];
  const byName = new Map(s.channels.map((c) => [c.name, c]));
  let firstDeferred: string | undefined;
  let slowdown: { name: string; value: number } | undefined;
  skills.forEach((name, k) => {
    const c = byName.get(name);
    if (c === undefined) return;
    if (c.kind === 'deferred') firstDeferred ??= name;
    else if (firstDeferred !== undefined) {
      out.push({ path: at('skills', k), message: `lists real-time channel ${name} after deferred channel ${firstDeferred}: list deferred channels last (real-time work is always taken first)`, value: name });
    }
    if (c.kind === 'chat') {
      const value = c.slowdown ?? DEFAULT_CHAT_SLOWDOWN;
      if (slowdown === undefined) slowdown = { name, value };
      else if (slowdown.value !== value) {
        out.push({ path: at('skills', k), message: `chat channels ${slowdown.name} (slowdown ${slowdown.value}) and ${name} (slowdown ${value}) must share one slowdown in one group (an agent's sessions progress at one pace); use separate groups or equal values`, value: name });
      }
    }
  });
  return out;
}

function safeResolve(data: unknown, path: string): { keys: (string | number)[] } | { error: string } {
  try {
    return resolvePath(data, parsePath(path));
  } catch (err) {
    return { error: (err as Error).message };
  }
}
