/** validateModel names every problem with its path, the value and the allowed range. */
import { describe, expect, it } from 'vitest';
import { ModelError, modelProblems, runReplications, simulate, validateModel, type Model } from '../../engine/des/index.js';
import { stationary } from './models.js';

const good = (): Model => stationary(10, 8, 180, 60, 1);

function problemsOf(mutate: (m: Model) => void): string[] {
  const m = structuredClone(good());
  mutate(m);
  return modelProblems(m);
}

describe('validateModel', () => {
  it('accepts a good model', () => {
    expect(() => validateModel(good())).not.toThrow();
  });

  it.each([
    ['a negative rate', (m: Model) => { m.channels[0]!.arrivalRatePerSecond[3] = -1; }, 'channels[0].arrivalRatePerSecond[3] must be >= 0 per second (finite), got -1'],
    ['a NaN rate', (m: Model) => { m.channels[0]!.arrivalRatePerSecond[0] = NaN; }, 'channels[0].arrivalRatePerSecond[0] must be >= 0 per second (finite), got NaN'],
    ['a patience of 0', (m: Model) => { m.channels[0]!.patience = { kind: 'exponential', mean: 0 }; }, 'channels[0].patience.mean must be > 0 seconds (finite), got 0'],
    ['a deterministic patience of 0', (m: Model) => { m.channels[0]!.patience = { kind: 'deterministic', value: 0 }; }, 'channels[0].patience.value must be > 0 seconds'],
    ['negative agents', (m: Model) => { m.groups[0]!.onDuty[5] = -2; }, 'groups[0].onDuty[5] must be a whole number of agents in [0, 10000000], got -2'],
    ['fractional agents', (m: Model) => { m.groups[0]!.onDuty[0] = 1.5; }, 'groups[0].onDuty[0] must be a whole number'],
    ['an unknown distribution', (m: Model) => { (m.channels[0]!.handleTime as unknown as { kind: string }).kind = 'pareto'; }, 'channels[0].handleTime.kind must be one of exponential'],
    ['a bad interval', (m: Model) => { (m as { intervalSeconds: number }).intervalSeconds = 600; }, 'intervalSeconds must be 900, 1800 or 3600, got 600'],
    ['a cycle length mismatch', (m: Model) => { m.groups[0]!.onDuty.pop(); }, 'groups[0].onDuty must have 48 values'],
    ['an unknown skill', (m: Model) => { m.groups[0]!.skills = ['email']; }, "groups[0].skills[0] must name a channel (voice), got \"email\""],
    ['a share above 1', (m: Model) => { m.channels[0]!.selfService = { share: 1.2 }; }, 'channels[0].selfService.share must be in [0, 1], got 1.2'],
    ['retrials without patience', (m: Model) => { delete m.channels[0]!.patience; m.channels[0]!.retrial = { probability: 0.5, delay: { kind: 'exponential', mean: 60 } }; }, 'channels[0].retrial needs channels[0].patience'],
    ['zero days', (m: Model) => { m.days = 0; }, 'days must be > 0 (finite), got 0'],
    ['an unknown kind', (m: Model) => { (m.channels[0] as { kind: string }).kind = 'fax'; }, 'channels[0].kind must be one of voice, video, chat, deferred, got "fax"'],
    ['concurrency 0', (m: Model) => { m.channels[0]!.kind = 'chat'; m.channels[0]!.concurrency = 0; }, 'channels[0].concurrency must be a whole number of sessions per agent in [1, 100], got 0'],
    ['concurrency 2.5', (m: Model) => { m.channels[0]!.kind = 'chat'; m.channels[0]!.concurrency = 2.5; }, 'channels[0].concurrency must be a whole number of sessions per agent in [1, 100], got 2.5'],
    ['concurrency on voice', (m: Model) => { m.channels[0]!.concurrency = 2; }, 'channels[0].concurrency is for chat channels only'],
    ['a negative slowdown', (m: Model) => { m.channels[0]!.kind = 'chat'; m.channels[0]!.slowdown = -0.1; }, 'channels[0].slowdown must be in [0, 10]'],
    ['a deadline on a real-time channel', (m: Model) => { m.channels[0]!.deadlineSeconds = 3600; }, 'channels[0].deadlineSeconds is for deferred channels only'],
    ['a deferred channel without a deadline', (m: Model) => { m.channels[0]!.kind = 'deferred'; delete m.channels[0]!.patience; }, 'channels[0].deadlineSeconds must be > 0 seconds (finite) for a deferred channel, got nothing'],
    ['a deferred channel with patience', (m: Model) => { m.channels[0]!.kind = 'deferred'; m.channels[0]!.deadlineSeconds = 3600; }, 'channels[0].patience is not allowed on a deferred channel'],
    ['a return share above 1', (m: Model) => { m.channels[0]!.selfService = { share: 0.5, returnShare: 1.5 }; }, 'channels[0].selfService.returnShare must be in [0, 1]'],
    ['callsWhileChatting not a boolean', (m: Model) => { (m.groups[0] as { callsWhileChatting: unknown }).callsWhileChatting = 'yes'; }, 'groups[0].callsWhileChatting must be true or false, got "yes"'],
  ])('rejects %s, naming the path', (_what, mutate, message) => {
    const problems = problemsOf(mutate);
    expect(problems.some((p) => p.startsWith(message)), problems.join('\n')).toBe(true);
  });

  it('refuses a deferred skill listed before a real-time one, and chat skills with different slowdowns in one group', () => {
    const m = structuredClone(good());
    const base = m.channels[0]!;
    m.channels.push(
      { ...base, name: 'email', kind: 'deferred', deadlineSeconds: 14_400, patience: undefined },
      { ...base, name: 'chat', kind: 'chat', concurrency: 3, slowdown: 0.2 },
      { ...base, name: 'wechat', kind: 'chat', concurrency: 3, slowdown: 0.1 },
    );
    delete m.channels[1]!.patience;
    m.groups[0]!.skills = ['voice', 'email', 'chat', 'wechat'];
    const problems = modelProblems(m);
    expect(problems).toContain('groups[0].skills[2] lists real-time channel "chat" after deferred channel "email": list deferred channels last (real-time work is always taken first)');
    expect(problems.some((p) => p.startsWith('groups[0].skills: chat channels "chat" (slowdown 0.2) and "wechat" (slowdown 0.1) must share one slowdown')), problems.join('\n')).toBe(true);
    m.groups[0]!.skills = ['voice', 'chat', 'email'];
    expect(modelProblems(m)).toEqual([]);
  });

  it('lists every problem at once, in one RangeError', () => {
    const m = structuredClone(good());
    m.channels[0]!.arrivalRatePerSecond[1] = -1;
    m.groups[0]!.onDuty[2] = -1;
    let err: unknown;
    try { validateModel(m); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RangeError);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).problems).toHaveLength(2);
    expect(() => simulate(m, { seed: 1 })).toThrow(/arrivalRatePerSecond\[1\].*onDuty\[2\]/);
  });

  it('rejects bad run options', () => {
    expect(() => simulate(good(), { seed: 1, maxArrivals: 0 })).toThrow('maxArrivals must be an integer >= 1, got 0');
    expect(() => simulate(good(), { seed: 1, replication: -1 })).toThrow('replication must be an integer >= 0, got -1');
    expect(() => simulate(good(), { seed: 1, warmupSeconds: -5 })).toThrow('warmupSeconds must be >= 0 seconds (finite), got -5');
  });

  it('refuses a warm-up that reaches the horizon (every figure would be 0/0, NaN), in simulate and runReplications', () => {
    const m = good();
    const horizon = m.days * 86_400;
    const message = `warmupSeconds must be below the model's horizon of ${horizon} s (days ${m.days} × 86,400 s), got ${horizon}: nothing would be measured`;
    expect(() => simulate(m, { seed: 1, warmupSeconds: horizon })).toThrow(message);
    expect(() => runReplications(m, { seed: 1, replications: 2, warmupSeconds: horizon })).toThrow(message);
    // just below the horizon the last seconds are measured: arrivals counted, figures finite
    const r = runReplications(m, { seed: 1, replications: 2, warmupSeconds: horizon - 3600 });
    expect(r.pooled.offered).toBeGreaterThan(0);
    expect(Number.isFinite(r.figures.answerRate)).toBe(true);
  });
});
