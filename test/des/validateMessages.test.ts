/**
 * Every problem validateModel and validateRunOptions report, word for word (the messages are
 * the interface: each names the path, the value and what is allowed), and the bounds of every
 * range checked from both sides: the bound itself accepted, the next value refused.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SLOWDOWN, ModelError, modelProblems, validateModel, type Channel, type Model } from '../../engine/des/index.js';
import { validateRunOptions } from '../../engine/des/validate.js';
import type { RunOptions } from '../../engine/des/model.js';
import { stationary } from './models.js';

/** 10 agents, one voice channel with exponential patience, 48 half hours, 1 day: valid. */
const good = (): Model => stationary(10, 8, 180, 60, 1);

function problemsOf(change: (m: Model, ch: Channel) => void): string[] {
  const m = structuredClone(good());
  change(m, m.channels[0]!);
  return modelProblems(m);
}

const asChat = (ch: Channel): void => { ch.kind = 'chat'; };
const asDeferred = (ch: Channel): void => { ch.kind = 'deferred'; delete ch.patience; ch.deadlineSeconds = 3600; };

describe('modelProblems: the exact problem list', () => {
  it.each<[string, (m: Model, ch: Channel) => void, string[]]>([
    ['intervalSeconds 600', (m) => { (m as { intervalSeconds: number }).intervalSeconds = 600; }, ['intervalSeconds must be 900, 1800 or 3600, got 600']],
    ['days 0', (m) => { m.days = 0; }, ['days must be > 0 (finite), got 0']],
    ['days ∞', (m) => { m.days = Infinity; }, ['days must be > 0 (finite), got Infinity']],
    ['days "1"', (m) => { (m as { days: unknown }).days = '1'; }, ['days must be > 0 (finite), got "1"']],
    ['groups not an array', (m) => { (m as { groups: unknown }).groups = 'x'; }, ['groups must be a non-empty array, got "x"']],
    ['no rates', (_m, ch) => { ch.arrivalRatePerSecond = []; }, ['channels[0].arrivalRatePerSecond must be a non-empty array (one value per interval of the cycle), got []']],
    ['47 on-duty values', (m) => { m.groups[0]!.onDuty.pop(); }, ['groups[0].onDuty must have 48 values (the cycle length of the first per-interval array), got 47']],
    ['an empty channel name', (_m, ch) => { ch.name = ''; }, ['channels[0].name must be a non-empty string, got ""', 'groups[0].skills[0] must name a channel (), got "voice"']],
    ['two channels named alike', (m, ch) => { m.channels.push(structuredClone(ch)); }, ['channels[1].name must be unique, got a second "voice"']],
    ['kind fax', (_m, ch) => { (ch as { kind: string }).kind = 'fax'; }, ['channels[0].kind must be one of voice, video, chat, deferred, got "fax"']],
    ['concurrency on voice', (_m, ch) => { ch.concurrency = 2; }, ['channels[0].concurrency is for chat channels only (kind "voice" serves one contact per agent); remove it']],
    ['concurrency 101', (_m, ch) => { asChat(ch); ch.concurrency = 101; }, ['channels[0].concurrency must be a whole number of sessions per agent in [1, 100], got 101']],
    ['concurrency 0', (_m, ch) => { asChat(ch); ch.concurrency = 0; }, ['channels[0].concurrency must be a whole number of sessions per agent in [1, 100], got 0']],
    ['slowdown on voice', (_m, ch) => { ch.slowdown = 0.1; }, ['channels[0].slowdown is for chat channels only; remove it']],
    ['slowdown 10.5', (_m, ch) => { asChat(ch); ch.slowdown = 10.5; }, ['channels[0].slowdown must be in [0, 10] (0: sessions do not slow each other), got 10.5']],
    ['slowdown −0.1', (_m, ch) => { asChat(ch); ch.slowdown = -0.1; }, ['channels[0].slowdown must be in [0, 10] (0: sessions do not slow each other), got -0.1']],
    ['slowdown "1"', (_m, ch) => { asChat(ch); (ch as { slowdown: unknown }).slowdown = '1'; }, ['channels[0].slowdown must be in [0, 10] (0: sessions do not slow each other), got "1"']],
    ['deadline 0', (_m, ch) => { asDeferred(ch); ch.deadlineSeconds = 0; }, ['channels[0].deadlineSeconds must be > 0 seconds (finite) for a deferred channel, got 0']],
    ['deadline ∞', (_m, ch) => { asDeferred(ch); ch.deadlineSeconds = Infinity; }, ['channels[0].deadlineSeconds must be > 0 seconds (finite) for a deferred channel, got Infinity']],
    ['deadline on voice', (_m, ch) => { ch.deadlineSeconds = 600; }, ['channels[0].deadlineSeconds is for deferred channels only (a real-time "voice" channel has targetSeconds); remove it']],
    ['patience on deferred', (_m, ch) => { asDeferred(ch); ch.patience = { kind: 'exponential', mean: 60 }; }, ['channels[0].patience is not allowed on a deferred channel (deferred items never abandon); remove it']],
    ['a rate of ∞', (_m, ch) => { ch.arrivalRatePerSecond[7] = Infinity; }, ['channels[0].arrivalRatePerSecond[7] must be >= 0 per second (finite), got Infinity']],
    ['rateCv 10.5', (_m, ch) => { ch.rateCv = 10.5; }, ['channels[0].rateCv must be in [0, 10] (0: Poisson), got 10.5']],
    ['rateCv −0.1', (_m, ch) => { ch.rateCv = -0.1; }, ['channels[0].rateCv must be in [0, 10] (0: Poisson), got -0.1']],
    ['a deterministic patience of 0', (_m, ch) => { ch.patience = { kind: 'deterministic', value: 0 }; }, ['channels[0].patience.value must be > 0 seconds (omit patience for callers who never abandon), got 0']],
    ['selfService "x"', (_m, ch) => { (ch as { selfService: unknown }).selfService = 'x'; }, ['channels[0].selfService must be an object, got "x"']],
    ['share −0.1', (_m, ch) => { ch.selfService = { share: -0.1 }; }, ['channels[0].selfService.share must be in [0, 1], got -0.1']],
    ['returnShare −0.1', (_m, ch) => { ch.selfService = { share: 0.5, returnShare: -0.1 }; }, ['channels[0].selfService.returnShare must be in [0, 1] (a share of self-service completions), got -0.1']],
    ['returnShare 1.5', (_m, ch) => { ch.selfService = { share: 0.5, returnShare: 1.5 }; }, ['channels[0].selfService.returnShare must be in [0, 1] (a share of self-service completions), got 1.5']],
    ['retrial "x"', (_m, ch) => { (ch as { retrial: unknown }).retrial = 'x'; }, ['channels[0].retrial must be an object, got "x"']],
    ['retrial probability 1.5', (_m, ch) => { ch.retrial = { probability: 1.5, delay: { kind: 'exponential', mean: 60 } }; }, ['channels[0].retrial.probability must be in [0, 1], got 1.5']],
    ['retrial probability −0.5', (_m, ch) => { ch.retrial = { probability: -0.5, delay: { kind: 'exponential', mean: 60 } }; }, ['channels[0].retrial.probability must be in [0, 1], got -0.5']],
    ['retrial without patience', (_m, ch) => { delete ch.patience; ch.retrial = { probability: 0.5, delay: { kind: 'exponential', mean: 60 } }; }, ['channels[0].retrial needs channels[0].patience (only abandoned contacts redial)']],
    ['target −1', (_m, ch) => { ch.targetSeconds = -1; }, ['channels[0].targetSeconds must be >= 0 seconds (finite), got -1']],
    ['target ∞', (_m, ch) => { ch.targetSeconds = Infinity; }, ['channels[0].targetSeconds must be >= 0 seconds (finite), got Infinity']],
    ['group null', (m) => { (m.groups as unknown[])[0] = null; }, ['groups[0] must be an object, got null']],
    ['an empty group name', (m) => { m.groups[0]!.name = ''; }, ['groups[0].name must be a non-empty string, got ""']],
    ['two groups named alike', (m) => { m.groups.push(structuredClone(m.groups[0]!)); }, ['groups[1].name must be unique, got a second "agents"']],
    ['no skills', (m) => { m.groups[0]!.skills = []; }, ['groups[0].skills must be a non-empty array of channel names, got []']],
    ['a repeated skill', (m) => { m.groups[0]!.skills = ['voice', 'voice']; }, ['groups[0].skills[1] repeats "voice"']],
    ['callsWhileChatting 1', (m) => { (m.groups[0] as { callsWhileChatting: unknown }).callsWhileChatting = 1; }, ['groups[0].callsWhileChatting must be true or false, got 1']],
    ['10,000,001 agents', (m) => { m.groups[0]!.onDuty[0] = 1e7 + 1; }, ['groups[0].onDuty[0] must be a whole number of agents in [0, 10000000], got 10000001']],
    ['agents "3"', (m) => { (m.groups[0]!.onDuty as unknown[])[4] = '3'; }, ['groups[0].onDuty[4] must be a whole number of agents in [0, 10000000], got "3"']],
    // values of the wrong type: each refused with its message, none crashing the check
    ['a channel null', (m) => { (m.channels as unknown[])[0] = null; }, ['channels[0] must be an object, got null', 'groups[0].skills[0] must name a channel (), got "voice"']],
    ['channels "x"', (m) => { (m as { channels: unknown }).channels = 'x'; }, ['channels must be a non-empty array, got "x"', 'groups[0].skills[0] must name a channel (), got "voice"']],
    ['rates "x"', (_m, ch) => { (ch as { arrivalRatePerSecond: unknown }).arrivalRatePerSecond = 'x'; }, ['channels[0].arrivalRatePerSecond must be a non-empty array (one value per interval of the cycle), got "x"']],
    ['a channel name 5', (_m, ch) => { (ch as { name: unknown }).name = 5; }, ['channels[0].name must be a non-empty string, got 5', 'groups[0].skills[0] must name a channel (), got "voice"']],
    ['rateCv "1"', (_m, ch) => { (ch as { rateCv: unknown }).rateCv = '1'; }, ['channels[0].rateCv must be in [0, 10] (0: Poisson), got "1"']],
    ['selfService null', (_m, ch) => { (ch as { selfService: unknown }).selfService = null; }, ['channels[0].selfService must be an object, got null']],
    ['share "0.5"', (_m, ch) => { ch.selfService = { share: '0.5' as unknown as number }; }, ['channels[0].selfService.share must be in [0, 1], got "0.5"']],
    ['returnShare "0.5"', (_m, ch) => { ch.selfService = { share: 0.5, returnShare: '0.5' as unknown as number }; }, ['channels[0].selfService.returnShare must be in [0, 1] (a share of self-service completions), got "0.5"']],
    ['retrial null', (_m, ch) => { (ch as { retrial: unknown }).retrial = null; }, ['channels[0].retrial must be an object, got null']],
    ['retrial probability "0.5"', (_m, ch) => { ch.retrial = { probability: '0.5' as unknown as number, delay: { kind: 'exponential', mean: 60 } }; }, ['channels[0].retrial.probability must be in [0, 1], got "0.5"']],
    ['a group that is the number 5', (m) => { (m.groups as unknown[])[0] = 5; }, ['groups[0] must be an object, got 5']],
    ['a group name 5', (m) => { (m.groups[0] as { name: unknown }).name = 5; }, ['groups[0].name must be a non-empty string, got 5']],
    ['an unknown skill among two channels', (m, ch) => { m.channels.push({ ...structuredClone(ch), name: 'video', kind: 'video' }); m.groups[0]!.skills = ['fax']; }, ['groups[0].skills[0] must name a channel (voice, video), got "fax"']],
    ['two deferred skills before a real-time one: the first is named', (m, ch) => {
      m.channels.push({ ...structuredClone(ch), name: 'email' }, { ...structuredClone(ch), name: 'sms' });
      for (const c of [m.channels[1]!, m.channels[2]!]) asDeferred(c);
      m.groups[0]!.skills = ['email', 'sms', 'voice'];
    }, ['groups[0].skills[2] lists real-time channel "voice" after deferred channel "email": list deferred channels last (real-time work is always taken first)']],
  ])('%s', (_what, change, want) => {
    expect(problemsOf(change)).toEqual(want);
  });

  it('a model that is not an object, or has no channels and no groups', () => {
    expect(modelProblems(null as unknown as Model)).toEqual(['model must be an object, got null']);
    expect(modelProblems(5 as unknown as Model)).toEqual(['model must be an object, got 5']);
    expect(modelProblems({ intervalSeconds: 900, days: 1, channels: [], groups: [] } as Model)).toEqual([
      'channels must be a non-empty array, got []', 'groups must be a non-empty array, got []',
    ]);
    expect(problemsOf((m) => { (m.channels as unknown[])[0] = 5; })).toEqual(['channels[0] must be an object, got 5', 'groups[0].skills[0] must name a channel (), got "voice"']);
  });

  it('the bounds themselves are accepted', () => {
    const accepted: ((m: Model, ch: Channel) => void)[] = [
      (m) => { (m as { intervalSeconds: number }).intervalSeconds = 900; },
      (m) => { (m as { intervalSeconds: number }).intervalSeconds = 3600; },
      (_m, ch) => { asChat(ch); ch.concurrency = 100; ch.slowdown = 10; },
      (_m, ch) => { asChat(ch); ch.concurrency = 1; ch.slowdown = 0; },
      (_m, ch) => { ch.arrivalRatePerSecond.fill(0); ch.rateCv = 10; },
      (_m, ch) => { ch.rateCv = 0; ch.targetSeconds = 0; },
      (_m, ch) => { ch.selfService = { share: 1, returnShare: 1 }; },
      (_m, ch) => { ch.selfService = { share: 0, returnShare: 0 }; },
      (_m, ch) => { ch.retrial = { probability: 1, delay: { kind: 'deterministic', value: 0 } }; },
      (_m, ch) => { ch.retrial = { probability: 0, delay: { kind: 'exponential', mean: 1 } }; },
      (_m, ch) => { asDeferred(ch); ch.deadlineSeconds = 1e-9; },
      (m) => { m.groups[0]!.onDuty.fill(0); m.groups[0]!.onDuty[0] = 1e7; m.groups[0]!.callsWhileChatting = false; },
      (m) => { m.days = 1e-3; },
    ];
    accepted.forEach((change, k) => expect(problemsOf(change), `case ${k}`).toEqual([]));
  });

  it('probability 1 with a patience that can be 0 and a delay that is not a distribution: only the delay is refused', () => {
    const problems = problemsOf((_m, ch) => { ch.patience = { kind: 'empirical', values: [0, 30] }; (ch as { retrial: unknown }).retrial = { probability: 1, delay: null }; });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith('channels[0].retrial.delay'), problems[0]).toBe(true);
  });

  it('the distributions named by their paths (their own messages: engine/rng specProblems)', () => {
    const bad = { kind: 'exponential', mean: -1 } as const;
    const paths: [string, (m: Model, ch: Channel) => void][] = [
      ['channels[0].handleTime', (_m, ch) => { ch.handleTime = bad; }],
      ['channels[0].patience', (_m, ch) => { ch.patience = bad; }],
      ['channels[0].selfService.duration', (_m, ch) => { ch.selfService = { share: 0.5, duration: bad }; }],
      ['channels[0].selfService.returnDelay', (_m, ch) => { ch.selfService = { share: 0.5, returnShare: 0.5, returnDelay: bad }; }],
      ['channels[0].retrial.delay', (_m, ch) => { ch.retrial = { probability: 0.5, delay: bad }; }],
    ];
    for (const [path, change] of paths) {
      const problems = problemsOf(change);
      expect(problems, path).toHaveLength(1);
      expect(problems[0]!.startsWith(`${path}.mean must be > 0`), problems[0]).toBe(true);
    }
  });

  it('a deferred skill before a real-time one, and two chat slowdowns in a group, word for word', () => {
    const m = structuredClone(good());
    const base = m.channels[0]!;
    m.channels.push(
      { ...base, name: 'email', kind: 'deferred', deadlineSeconds: 14_400, patience: undefined },
      { ...base, name: 'chat', kind: 'chat', concurrency: 3, slowdown: 0.3 },
      { ...base, name: 'wechat', kind: 'chat', concurrency: 3 }, // the default slowdown
    );
    delete m.channels[1]!.patience;
    m.groups[0]!.skills = ['email', 'voice', 'chat', 'wechat'];
    expect(modelProblems(m)).toEqual([
      'groups[0].skills[1] lists real-time channel "voice" after deferred channel "email": list deferred channels last (real-time work is always taken first)',
      'groups[0].skills[2] lists real-time channel "chat" after deferred channel "email": list deferred channels last (real-time work is always taken first)',
      'groups[0].skills[3] lists real-time channel "wechat" after deferred channel "email": list deferred channels last (real-time work is always taken first)',
      `groups[0].skills: chat channels "chat" (slowdown 0.3) and "wechat" (slowdown ${DEFAULT_CHAT_SLOWDOWN}) must share one slowdown (an agent's sessions progress at one pace); use separate groups or equal values`,
    ]);
    m.groups[0]!.skills = ['voice', 'chat', 'email'];
    m.channels[3]!.slowdown = 0.3;
    m.groups.push({ name: 'chat only', skills: ['wechat', 'chat'], onDuty: new Array<number>(48).fill(1) });
    expect(modelProblems(m)).toEqual([]);
  });

  it('validateModel throws one ModelError listing the problems, joined by "; "', () => {
    const m = structuredClone(good());
    m.days = 0;
    m.groups[0]!.onDuty[1] = -1;
    let err: unknown;
    try { validateModel(m); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).name).toBe('ModelError');
    expect((err as ModelError).message).toBe('days must be > 0 (finite), got 0; groups[0].onDuty[1] must be a whole number of agents in [0, 10000000], got -1');
    expect((err as ModelError).problems).toEqual(['days must be > 0 (finite), got 0', 'groups[0].onDuty[1] must be a whole number of agents in [0, 10000000], got -1']);
  });
});

describe('validateRunOptions: the first bad option, word for word', () => {
  const volume = (w: object): RunOptions => ({ seed: 1, warmupVolume: { untilSeconds: 0, factors: [1], weights: [1], ...w } as RunOptions['warmupVolume'] });
  it.each<[string, unknown, string]>([
    ['options null', null, 'options must be an object with a seed, got null'],
    ['options 5', 5, 'options must be an object with a seed, got 5'],
    ['warm-up volume 5', { seed: 1, warmupVolume: 5 }, 'warmupVolume must be { untilSeconds, factors, weights }, got 5'],
    ['factors a string', volume({ factors: 'ab', weights: [0.5, 0.5] }), 'warmupVolume.factors and warmupVolume.weights must be arrays of the same length >= 1, got "ab" and [0.5, 0.5]'],
    ['seed NaN', { seed: NaN }, 'seed must be a string or a finite number, got NaN'],
    ['seed missing', {}, 'seed must be a string or a finite number, got nothing'],
    ['task 1.5', { seed: 1, task: 1.5 }, 'task must be an integer >= 0, got 1.5'],
    ['task −1', { seed: 1, task: -1 }, 'task must be an integer >= 0, got -1'],
    ['replication 0.5', { seed: 1, replication: 0.5 }, 'replication must be an integer >= 0, got 0.5'],
    ['warm-up ∞', { seed: 1, warmupSeconds: Infinity }, 'warmupSeconds must be >= 0 seconds (finite), got Infinity'],
    ['warm-up volume null', { seed: 1, warmupVolume: null }, 'warmupVolume must be { untilSeconds, factors, weights }, got null'],
    ['until −1', volume({ untilSeconds: -1 }), 'warmupVolume.untilSeconds must be >= 0 seconds (finite), got -1'],
    ['until ∞', volume({ untilSeconds: Infinity }), 'warmupVolume.untilSeconds must be >= 0 seconds (finite), got Infinity'],
    ['no factors', volume({ factors: [], weights: [] }), 'warmupVolume.factors and warmupVolume.weights must be arrays of the same length >= 1, got [] and []'],
    ['lengths differ', volume({ factors: [1, 2], weights: [1] }), 'warmupVolume.factors and warmupVolume.weights must be arrays of the same length >= 1, got [1, 2] and [1]'],
    ['weights not an array', volume({ weights: 1 }), 'warmupVolume.factors and warmupVolume.weights must be arrays of the same length >= 1, got [1] and 1'],
    ['a factor −1', volume({ factors: [1, -1], weights: [0.5, 0.5] }), 'warmupVolume.factors[1] must be >= 0 (finite), got -1'],
    ['a factor ∞', volume({ factors: [Infinity], weights: [1] }), 'warmupVolume.factors[0] must be >= 0 (finite), got Infinity'],
    ['a weight 1.5', volume({ factors: [1, 2], weights: [1.5, -0.5] }), 'warmupVolume.weights[0] must be in [0, 1], got 1.5'],
    ['a weight −0.5', volume({ factors: [1, 2], weights: [0.5, -0.5] }), 'warmupVolume.weights[1] must be in [0, 1], got -0.5'],
    ['weights summing to 0.9', volume({ factors: [1, 2], weights: [0.5, 0.4] }), 'warmupVolume.weights must sum to 1, got 0.9'],
    ['maxArrivals 1.5', { seed: 1, maxArrivals: 1.5 }, 'maxArrivals must be an integer >= 1, got 1.5'],
  ])('%s', (_what, options, message) => {
    expect(() => validateRunOptions(options as RunOptions)).toThrow(new RangeError(message));
  });

  it('the bounds themselves are accepted', () => {
    for (const o of [
      { seed: 'a' }, { seed: 0, task: 0, replication: 0, warmupSeconds: 0, maxArrivals: 1 },
      volume({ untilSeconds: 0, factors: [0, 3], weights: [0, 1] }), volume({ factors: [1, 2, 3], weights: [0.1, 0.2, 0.7] }),
    ] as RunOptions[]) expect(() => validateRunOptions(o), JSON.stringify(o)).not.toThrow();
  });
});
