/**
 * Cross-field rules of a scenario that a per-field schema cannot state: names unique, volume
 * shares summing to 1, skills naming channels, per-interval lists one item per interval,
 * one volume key per channel, calibration and assumption paths naming numbers in the file.
 */
import type { Problem } from './problems.js';
import { RUNNABLE_CHANNEL_KINDS, type Scenario } from './schema.js';
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
    if (!RUNNABLE_CHANNEL_KINDS.includes(c.kind)) {
      out.push({ path: named('channels', i, 'kind'), message: `must be ${RUNNABLE_CHANNEL_KINDS.join(' or ')} for now (the other kinds are not simulated yet)`, value: c.kind });
    }
    if (!s.groups.some((g) => g.skills.includes(c.name))) out.push({ path: named('channels', i, 'name'), message: 'is served by no agent group (add it to a group\'s skills)', value: c.name });
  });

  let staffShareSum = 0;
  s.groups.forEach((g, i) => {
    staffShareSum += g.staffShare;
    g.skills.forEach((k, j) => {
      if (!channelNames.has(k)) out.push({ path: named('groups', i, 'skills', j), message: `must name a channel (${[...channelNames].join(', ')})`, value: k });
    });
    const sch = g.schedule;
    const n = (sch.followLoad ? 1 : 0) + (sch.onDutyPerCentre ? 1 : 0);
    if (n !== 1) out.push({ path: named('groups', i, 'schedule'), message: 'must give exactly one of followLoad or onDutyPerCentre' + (n === 2 ? ' (both given)' : ' (neither given)') });
    if (sch.onDutyPerCentre && sch.onDutyPerCentre.length !== perDay) {
      out.push({ path: named('groups', i, 'schedule', 'onDutyPerCentre'), message: `must have one value per interval: ${perDay} items`, value: `${sch.onDutyPerCentre.length} items` });
    }
  });
  if (staffShareSum > 1 + 1e-9) out.push({ path: 'groups[*].staffShare', message: 'must sum to at most 1 (shares of each centre\'s staff)', value: staffShareSum });

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

function safeResolve(data: unknown, path: string): { keys: (string | number)[] } | { error: string } {
  try {
    return resolvePath(data, parsePath(path));
  } catch (err) {
    return { error: (err as Error).message };
  }
}
