/**
 * The paired ratio (bench/measure.ts): a case that runs the reference loop twice per call costs
 * 2 reference steps per operation, whatever the host's speed, because every sample is divided by
 * a reference timing taken right after it. Loose bounds: this checks the arithmetic of the
 * pairing (a 1× or 4× answer would be a wrong formula), not the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { measureCase, QUICK } from '../../bench/measure.js';
import { REFERENCE_STEPS, referenceLoop } from '../../bench/reference.js';

describe('measureCase with a paired reference', () => {
  it('twice the reference per call gives a ratio of about 2, and no ratio without a pair', async () => {
    const twice = {
      name: 'twice the reference',
      suite: 'test',
      fn: () => referenceLoop() + referenceLoop(),
      opsPerCall: REFERENCE_STEPS,
    };
    const pair = { fn: referenceLoop, opsPerCall: REFERENCE_STEPS };
    const paired = await measureCase(twice, QUICK, pair);
    expect(paired.state).toBe('completed');
    if (paired.state !== 'completed') return;
    expect(paired.pairedRatio).toBeGreaterThan(1.6);
    expect(paired.pairedRatio).toBeLessThan(2.5);
    const alone = await measureCase(twice, QUICK);
    expect(alone.state === 'completed' && alone.pairedRatio).toBe(undefined);
  });
});
