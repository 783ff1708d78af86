import { showValue, specProblems } from '../rng/distribution.js';
import type { AgentGroup, Channel, ChannelKind, DistributionSpec, Model, RunOptions } from './model.js';
import { DEFAULT_CHAT_SLOWDOWN } from './model.js';

const KINDS: readonly ChannelKind[] = ['voice', 'video', 'chat', 'deferred'];

/** Most sessions one agent may hold at once (a sanity bound on `concurrency`). */
export const MAX_CONCURRENCY = 100;
/** Most agents one group may have on duty in an interval (the simulator's agent tables are sized by it). */
export const MAX_AGENTS_ON_DUTY = 10_000_000;

/** Problems of the kind-specific fields of channel `ch` (path `p`): concurrency, slowdown, deadline, patience. */
function kindProblems(ch: Channel, p: string): string[] {
  const out: string[] = [];
  const chat = ch.kind === 'chat', deferred = ch.kind === 'deferred';
  if (ch.concurrency !== undefined) {
    if (!chat) out.push(`${p}.concurrency is for chat channels only (kind ${showValue(ch.kind)} serves one contact per agent); remove it`);
    else if (!(Number.isInteger(ch.concurrency) && ch.concurrency >= 1 && ch.concurrency <= MAX_CONCURRENCY)) {
      out.push(`${p}.concurrency must be a whole number of sessions per agent in [1, ${MAX_CONCURRENCY}], got ${showValue(ch.concurrency)}`);
    }
  }
  if (ch.slowdown !== undefined) {
    if (!chat) out.push(`${p}.slowdown is for chat channels only; remove it`);
    else if (!(typeof ch.slowdown === 'number' && ch.slowdown >= 0 && ch.slowdown <= 10)) {
      out.push(`${p}.slowdown must be in [0, 10] (0: sessions do not slow each other), got ${showValue(ch.slowdown)}`);
    }
  }
  if (deferred) {
    if (!(typeof ch.deadlineSeconds === 'number' && ch.deadlineSeconds > 0 && Number.isFinite(ch.deadlineSeconds))) {
      out.push(`${p}.deadlineSeconds must be > 0 seconds (finite) for a deferred channel, got ${showValue(ch.deadlineSeconds)}`);
    }
    if (ch.patience !== undefined) out.push(`${p}.patience is not allowed on a deferred channel (deferred items never abandon); remove it`);
  } else if (ch.deadlineSeconds !== undefined) {
    out.push(`${p}.deadlineSeconds is for deferred channels only (a real-time ${showValue(ch.kind)} channel has targetSeconds); remove it`);
  }
  return out;
}

/**
 * Problems of a group's skill list beyond names: deferred channels must come after every
 * real-time one (real-time work is always taken first), and the chat channels one group
 * serves must share one slowdown (an agent's sessions progress at one pace).
 */
function skillOrderProblems(skills: AgentGroup['skills'], channels: readonly Channel[], p: string): string[] {
  const out: string[] = [];
  const byName = new Map(channels.filter((c) => typeof c === 'object' && c !== null).map((c) => [c.name, c]));
  let firstDeferred = -1;
  let slowdown: { name: string; value: number } | undefined;
  skills.forEach((s, k) => {
    const ch = byName.get(s);
    if (ch === undefined) return;
    if (ch.kind === 'deferred') { if (firstDeferred < 0) firstDeferred = k; }
    else if (firstDeferred >= 0) {
      out.push(`${p}.skills[${k}] lists real-time channel ${showValue(s)} after deferred channel ${showValue(skills[firstDeferred])}: list deferred channels last (real-time work is always taken first)`);
    }
    if (ch.kind === 'chat') {
      const value = ch.slowdown ?? DEFAULT_CHAT_SLOWDOWN;
      if (slowdown === undefined) slowdown = { name: s, value };
      else if (slowdown.value !== value) {
        out.push(`${p}.skills: chat channels ${showValue(slowdown.name)} (slowdown ${slowdown.value}) and ${showValue(s)} (slowdown ${value}) must share one slowdown (an agent's sessions progress at one pace); use separate groups or equal values`);
      }
    }
  });
  return out;
}

/**
 * Can a draw of `spec` be exactly 0 with positive probability? (deterministic 0, an empirical
 * list holding 0, or a mixture component of positive weight that can; continuous kinds cannot.)
 * @example drawsZero({ kind: 'empirical', values: [0, 30] }) // true
 */
function drawsZero(spec: DistributionSpec): boolean {
  if (typeof spec !== 'object' || spec === null) return false;
  if (spec.kind === 'deterministic') return spec.value === 0;
  if (spec.kind === 'empirical') return Array.isArray(spec.values) && spec.values.includes(0);
  if (spec.kind === 'mixture') return Array.isArray(spec.components) && spec.components.some((c) => c.weight > 0 && drawsZero(c));
  return false;
}

/** A model that cannot be simulated; `problems` lists every one, each naming its path. */
export class ModelError extends RangeError {
  override name = 'ModelError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('; '));
    this.problems = problems;
  }
}

/**
 * Every problem of a model, each naming its path, the value and the allowed range; empty
 * when the model can be simulated. Checks: interval 900/1800/3600 s; days > 0; at least
 * one channel and one group; unique names; every per-interval array of the same cycle
 * length ≥ 1; rates finite ≥ 0; agents on duty whole numbers ≥ 0; shares and
 * probabilities in [0, 1]; distributions valid (engine/rng `specProblems`); skills naming
 * existing channels, each at most once, deferred ones last, chat ones sharing one slowdown;
 * kinds voice | video | chat | deferred with their own fields — `concurrency` (whole, 1…100)
 * and `slowdown` (0…10) on chat only, `deadlineSeconds` (> 0) required on deferred and
 * refused elsewhere, no `patience` on deferred; no retrial probability 1 with a patience and a
 * delay that can both be 0 (a contact would redial forever at one instant).
 * @example modelProblems({ ...m, channels: [{ ...c, arrivalRatePerSecond: [-1] }] })
 *   // ['channels[0].arrivalRatePerSecond[0] must be >= 0 per second (finite), got -1']
 */
export function modelProblems(model: Model): string[] {
  const out: string[] = [];
  if (typeof model !== 'object' || model === null) return [`model must be an object, got ${showValue(model)}`];
  const iv = model.intervalSeconds as number;
  if (iv !== 900 && iv !== 1800 && iv !== 3600) out.push(`intervalSeconds must be 900, 1800 or 3600, got ${showValue(iv)}`);
  if (!(typeof model.days === 'number' && model.days > 0 && Number.isFinite(model.days))) {
    out.push(`days must be > 0 (finite), got ${showValue(model.days)}`);
  }
  const channels = Array.isArray(model.channels) ? model.channels : [];
  const groups = Array.isArray(model.groups) ? model.groups : [];
  if (channels.length === 0) out.push(`channels must be a non-empty array, got ${showValue(model.channels)}`);
  if (groups.length === 0) out.push(`groups must be a non-empty array, got ${showValue(model.groups)}`);
  let cycle = -1;
  const checkCycle = (path: string, arr: unknown): arr is unknown[] => {
    if (!Array.isArray(arr) || arr.length === 0) { out.push(`${path} must be a non-empty array (one value per interval of the cycle), got ${showValue(arr)}`); return false; }
    if (cycle < 0) cycle = arr.length;
    else if (arr.length !== cycle) out.push(`${path} must have ${cycle} values (the cycle length of the first per-interval array), got ${arr.length}`);
    return true;
  };
  const names = new Set<string>();
  channels.forEach((ch, i) => {
    const p = `channels[${i}]`;
    if (typeof ch !== 'object' || ch === null) { out.push(`${p} must be an object, got ${showValue(ch)}`); return; }
    if (typeof ch.name !== 'string' || ch.name.length === 0) out.push(`${p}.name must be a non-empty string, got ${showValue(ch.name)}`);
    else if (names.has(ch.name)) out.push(`${p}.name must be unique, got a second ${showValue(ch.name)}`);
    else names.add(ch.name);
    if (!KINDS.includes(ch.kind)) out.push(`${p}.kind must be one of ${KINDS.join(', ')}, got ${showValue(ch.kind)}`);
    out.push(...kindProblems(ch, p));
    if (checkCycle(`${p}.arrivalRatePerSecond`, ch.arrivalRatePerSecond)) {
      ch.arrivalRatePerSecond.forEach((r, k) => {
        if (!(typeof r === 'number' && r >= 0 && Number.isFinite(r))) out.push(`${p}.arrivalRatePerSecond[${k}] must be >= 0 per second (finite), got ${showValue(r)}`);
      });
    }
    if (ch.rateCv !== undefined && !(typeof ch.rateCv === 'number' && ch.rateCv >= 0 && ch.rateCv <= 10)) {
      out.push(`${p}.rateCv must be in [0, 10] (0: Poisson), got ${showValue(ch.rateCv)}`);
    }
    out.push(...specProblems(ch.handleTime, `${p}.handleTime`));
    if (ch.patience !== undefined) {
      out.push(...specProblems(ch.patience, `${p}.patience`));
      const pt = ch.patience as { kind?: unknown; value?: unknown };
      if (pt.kind === 'deterministic' && pt.value === 0) out.push(`${p}.patience.value must be > 0 seconds (omit patience for callers who never abandon), got 0`);
    }
    if (ch.selfService !== undefined) {
      const ss = ch.selfService;
      if (typeof ss !== 'object' || ss === null) out.push(`${p}.selfService must be an object, got ${showValue(ss)}`);
      else {
        if (!(typeof ss.share === 'number' && ss.share >= 0 && ss.share <= 1)) out.push(`${p}.selfService.share must be in [0, 1], got ${showValue(ss.share)}`);
        if (ss.duration !== undefined) out.push(...specProblems(ss.duration, `${p}.selfService.duration`));
        if (ss.returnShare !== undefined && !(typeof ss.returnShare === 'number' && ss.returnShare >= 0 && ss.returnShare <= 1)) {
          out.push(`${p}.selfService.returnShare must be in [0, 1] (a share of self-service completions), got ${showValue(ss.returnShare)}`);
        }
        if (ss.returnDelay !== undefined) out.push(...specProblems(ss.returnDelay, `${p}.selfService.returnDelay`));
      }
    }
    if (ch.retrial !== undefined) {
      const rt = ch.retrial;
      if (typeof rt !== 'object' || rt === null) out.push(`${p}.retrial must be an object, got ${showValue(rt)}`);
      else {
        if (!(typeof rt.probability === 'number' && rt.probability >= 0 && rt.probability <= 1)) out.push(`${p}.retrial.probability must be in [0, 1], got ${showValue(rt.probability)}`);
        out.push(...specProblems(rt.delay, `${p}.retrial.delay`));
        if (ch.patience === undefined) out.push(`${p}.retrial needs ${p}.patience (only abandoned contacts redial)`);
        else if (rt.probability === 1 && drawsZero(ch.patience) && drawsZero(rt.delay)) {
          out.push(`${p}.retrial.probability 1 with a patience and a delay that can both be 0 s redials forever at one instant (no agent free: abandon at once, redial at once); lower the probability below 1 or make the patience or the delay positive`);
        }
      }
    }
    if (!(typeof ch.targetSeconds === 'number' && ch.targetSeconds >= 0 && Number.isFinite(ch.targetSeconds))) {
      out.push(`${p}.targetSeconds must be >= 0 seconds (finite), got ${showValue(ch.targetSeconds)}`);
    }
  });
  const groupNames = new Set<string>();
  groups.forEach((g, i) => {
    const p = `groups[${i}]`;
    if (typeof g !== 'object' || g === null) { out.push(`${p} must be an object, got ${showValue(g)}`); return; }
    if (typeof g.name !== 'string' || g.name.length === 0) out.push(`${p}.name must be a non-empty string, got ${showValue(g.name)}`);
    else if (groupNames.has(g.name)) out.push(`${p}.name must be unique, got a second ${showValue(g.name)}`);
    else groupNames.add(g.name);
    if (!Array.isArray(g.skills) || g.skills.length === 0) out.push(`${p}.skills must be a non-empty array of channel names, got ${showValue(g.skills)}`);
    else {
      const seen = new Set<string>();
      g.skills.forEach((s, k) => {
        if (!names.has(s)) out.push(`${p}.skills[${k}] must name a channel (${[...names].join(', ')}), got ${showValue(s)}`);
        else if (seen.has(s)) out.push(`${p}.skills[${k}] repeats ${showValue(s)}`);
        seen.add(s);
      });
      out.push(...skillOrderProblems(g.skills, channels, p));
    }
    if (g.callsWhileChatting !== undefined && typeof g.callsWhileChatting !== 'boolean') {
      out.push(`${p}.callsWhileChatting must be true or false, got ${showValue(g.callsWhileChatting)}`);
    }
    if (checkCycle(`${p}.onDuty`, g.onDuty)) {
      g.onDuty.forEach((n, k) => {
        if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_AGENTS_ON_DUTY)) out.push(`${p}.onDuty[${k}] must be a whole number of agents in [0, ${MAX_AGENTS_ON_DUTY}], got ${showValue(n)}`);
      });
    }
  });
  return out;
}

/**
 * Throws when the model cannot be simulated: one {@link ModelError} (a RangeError) whose
 * message lists every problem, each naming its path, e.g.
 * `channels[0].arrivalRatePerSecond[3] must be >= 0 per second (finite), got -1`.
 */
export function validateModel(model: Model): void {
  const problems = modelProblems(model);
  if (problems.length > 0) throw new ModelError(problems);
}

/**
 * A warm-up must end before the model's horizon (days × 86,400 s), or nothing is measured and
 * every figure is 0/0.
 * @throws {RangeError} naming warmupSeconds, its value and the horizon
 * @example validateWarmup({ ...model, days: 1 }, 86_400) // throws: nothing would be measured
 */
export function validateWarmup(model: Model, warmupSeconds: number): void {
  const horizon = model.days * 86_400;
  if (!(warmupSeconds < horizon)) {
    throw new RangeError(`warmupSeconds must be below the model's horizon of ${horizon} s (days ${model.days} × 86,400 s), got ${showValue(warmupSeconds)}: nothing would be measured`);
  }
}

/** Throws a RangeError naming the first bad run option. */
export function validateRunOptions(o: RunOptions): void {
  if (typeof o !== 'object' || o === null) throw new RangeError(`options must be an object with a seed, got ${showValue(o)}`);
  if (!(typeof o.seed === 'string' || (typeof o.seed === 'number' && Number.isFinite(o.seed)))) {
    throw new RangeError(`seed must be a string or a finite number, got ${showValue(o.seed)}`);
  }
  for (const key of ['task', 'replication'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new RangeError(`${key} must be an integer >= 0, got ${showValue(v)}`);
  }
  if (o.warmupSeconds !== undefined && !(o.warmupSeconds >= 0 && Number.isFinite(o.warmupSeconds))) {
    throw new RangeError(`warmupSeconds must be >= 0 seconds (finite), got ${showValue(o.warmupSeconds)}`);
  }
  if (o.warmupVolume !== undefined) {
    const w = o.warmupVolume;
    if (typeof w !== 'object' || w === null) throw new RangeError(`warmupVolume must be { untilSeconds, factors, weights }, got ${showValue(w)}`);
    if (!(w.untilSeconds >= 0 && Number.isFinite(w.untilSeconds))) throw new RangeError(`warmupVolume.untilSeconds must be >= 0 seconds (finite), got ${showValue(w.untilSeconds)}`);
    if (!(Array.isArray(w.factors) && Array.isArray(w.weights) && w.factors.length >= 1 && w.weights.length === w.factors.length)) {
      throw new RangeError(`warmupVolume.factors and warmupVolume.weights must be arrays of the same length >= 1, got ${showValue(w.factors)} and ${showValue(w.weights)}`);
    }
    w.factors.forEach((f, i) => { if (!(f >= 0 && Number.isFinite(f))) throw new RangeError(`warmupVolume.factors[${i}] must be >= 0 (finite), got ${showValue(f)}`); });
    w.weights.forEach((p, i) => { if (!(p >= 0 && p <= 1)) throw new RangeError(`warmupVolume.weights[${i}] must be in [0, 1], got ${showValue(p)}`); });
    const sum = w.weights.reduce((a, p) => a + p, 0);
    if (!(Math.abs(sum - 1) <= 1e-9)) throw new RangeError(`warmupVolume.weights must sum to 1, got ${sum}`);
  }
  if (o.maxArrivals !== undefined && !(Number.isInteger(o.maxArrivals) && o.maxArrivals >= 1)) {
    throw new RangeError(`maxArrivals must be an integer >= 1, got ${showValue(o.maxArrivals)}`);
  }
}

