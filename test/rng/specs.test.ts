import { describe, expect, it } from 'vitest';
import { type DistributionSpec, encodeSampler, makeSampler, specProblems, streamState } from '../../engine/rng/index.js';

const s = streamState(1, 0, 0, 'specs');

describe('bad specs: each error names the field, the value and the allowed range', () => {
  it.each([
    [{ kind: 'exponential', mean: -3 }, 'handleTime.mean must be > 0 seconds (finite), got -3'],
    [{ kind: 'exponential', mean: NaN }, 'handleTime.mean must be > 0 seconds (finite), got NaN'],
    [{ kind: 'exponential' }, 'handleTime.mean must be > 0 seconds (finite), got nothing'],
    [{ kind: 'erlang', mean: 300, k: 2.5 }, 'handleTime.k must be an integer in [1, 1000000], got 2.5'],
    [{ kind: 'erlang', mean: 0, k: 2 }, 'handleTime.mean must be > 0 seconds (finite), got 0'],
    [{ kind: 'gamma', mean: 300, cv: -0.1 }, 'handleTime.cv must be a number in (0, 1000] (sd / mean; a fixed value is kind deterministic), got -0.1'],
    [{ kind: 'lognormal', mean: 300, cv: 0 }, 'handleTime.cv must be a number in (0, 1000] (sd / mean; a fixed value is kind deterministic), got 0'],
    [{ kind: 'lognormal', mean: 300, cv: '1' }, 'handleTime.cv must be a number in (0, 1000] (sd / mean; a fixed value is kind deterministic), got "1"'],
    [{ kind: 'weibull', mean: 300, shape: 0 }, 'handleTime.shape must be a number in [0.05, 100], got 0'],
    [{ kind: 'deterministic', value: -1 }, 'handleTime.value must be ≥ 0 seconds (finite), got -1'],
    [{ kind: 'empirical', values: [] }, 'handleTime.values must be a non-empty array of durations in seconds, got []'],
    [{ kind: 'empirical', values: [1, 2, -5] }, 'handleTime.values[2] must be ≥ 0 seconds (finite), got -5'],
    [{ kind: 'normal', mean: 3 }, 'handleTime.kind must be one of exponential, erlang, gamma, lognormal, weibull, deterministic, empirical, mixture, got "normal"'],
    [{ kind: 'mixture', components: [{ weight: 0.2, kind: 'deterministic', value: 5 }, { weight: 0.7, kind: 'exponential', mean: 200 }] },
      'handleTime.components weights must sum to 1, got 0.2 + 0.7 = 0.8999999999999999'],
    [{ kind: 'mixture', components: [] }, 'handleTime.components must be a non-empty array of distributions, each with a weight, got []'],
    [{ kind: 'mixture', components: [{ kind: 'exponential', mean: 5 }] }, 'handleTime.components[0].weight must be a probability in [0, 1], got nothing'],
    [{ kind: 'mixture', components: [{ weight: 1, kind: 'mixture', components: [] }] }, 'handleTime.components[0].kind must not be mixture'],
    [{ kind: 'mixture', components: [{ weight: 0.5, kind: 'exponential', mean: 5 }, { weight: 0.5, kind: 'empirical', values: [3, -1] }] },
      'handleTime.components[1].values[1] must be ≥ 0 seconds (finite), got -1'],
    [null, 'handleTime must be a distribution object, got null'],
  ])('%j', (spec, message) => {
    const bad = spec as DistributionSpec;     // specs come from files: the types do not guard them
    expect(() => makeSampler(bad, s, 'handleTime')).toThrow(RangeError);
    expect(() => makeSampler(bad, s, 'handleTime')).toThrow(message);
    expect(() => encodeSampler(bad, 'handleTime')).toThrow(message);
  });

  it('reports every problem of a spec, not just the first', () => {
    expect(specProblems({ kind: 'gamma', mean: -1, cv: -1 }, 'channels[0].patience')).toEqual([
      'channels[0].patience.mean must be > 0 seconds (finite), got -1',
      'channels[0].patience.cv must be a number in (0, 1000] (sd / mean; a fixed value is kind deterministic), got -1',
    ]);
  });

  it('valid specs have no problems', () => {
    expect(specProblems({ kind: 'weibull', mean: 60, shape: 0.7 })).toEqual([]);
    // weights written with a few decimals: within 1e-9 of 1
    expect(specProblems({ kind: 'mixture', components: [
      { weight: 0.1, kind: 'exponential', mean: 5 }, { weight: 0.2, kind: 'deterministic', value: 60 }, { weight: 0.7, kind: 'lognormal', mean: 200, cv: 2 },
    ] })).toEqual([]);
  });
});
