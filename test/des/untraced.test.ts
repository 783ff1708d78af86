/**
 * The trace only reports (engine/des/model.ts TraceSink): a run without it gives the same
 * tallies, even where the trace's rows are written at the end of the run (contacts found
 * abandoned or still waiting then). Part of the event loop's focused list (test/mutation/testFiles.mjs).
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Model } from '../../engine/des/index.js';

describe('a run without a trace', () => {
  it('has the tallies of the same run traced when nobody is on duty: every contact found abandoned (or still waiting) at the end', () => {
    const model: Model = {
      intervalSeconds: 3600, days: 1,
      channels: [{ name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [60 / 3600, 30 / 3600], handleTime: { kind: 'exponential', mean: 60 }, patience: { kind: 'exponential', mean: 45 } }],
      groups: [{ name: 'pool', skills: ['voice'], onDuty: [0, 0] }],
    };
    let abandoned = 0, still = 0;
    const traced = simulate(model, { seed: 'untraced', trace: (_id, _c, _r, _a, _o, outcome) => { if (outcome === 'abandoned') abandoned++; if (outcome === 'still-waiting') still++; } });
    const untraced = simulate(model, { seed: 'untraced' });
    expect(untraced.tallies).toEqual(traced.tallies);
    expect(abandoned).toBe(traced.tallies.total.abandoned);
    expect(still).toBe(traced.tallies.total.stillWaiting);
    expect(abandoned).toBeGreaterThan(500);
  });
});
