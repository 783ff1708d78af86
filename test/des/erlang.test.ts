/**
 * The simulator against queueing theory: a stationary M/M/N (Erlang C) or M/M/N+M (Erlang A)
 * system, simulated through the general engine (48 half-hour intervals, schedules, tallies),
 * reproduces the kernels' answer rate, service level, ASA, mean wait, abandonment and
 * occupancy within 4 standard errors of the mean over independent replications.
 * Sources: Erlang C — Erlang (1917); Erlang A — Palm (1943), Garnett, Mandelbaum & Reiman
 * (2002), "Designing a call center with impatient customers", MSOM 4(3) 208–227; kernels in
 * engine/erlang (tested there against published tables).
 */
import { describe, expect, it } from 'vitest';
import { runReplications } from '../../engine/des/index.js';
import { erlangAFigures, erlangCFigures } from '../../engine/erlang/index.js';
import type { Figures } from '../../engine/stats/figures.js';
import { standardError, stationary } from './models.js';
import { shrink } from './profile.js';

/** Calls per replication are this many times fewer in the mutation profile (test/des/profile.ts). */
const SHRINK = shrink(5);

const KEYS = ['answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'occupancy'] as const;

interface Case { agents: number; erlangs: number; aht: number; patience?: number; calls: number; note: string; target?: number; replications?: number }

const CASES: Case[] = [
  { agents: 1, erlangs: 0.5, aht: 300, calls: 100_000, note: 'M/M/1 at ρ = 0.5' },
  { agents: 10, erlangs: 8, aht: 180, calls: 100_000, note: 'Erlang C, 10 agents at 80%' },
  { agents: 100, erlangs: 95, aht: 300, calls: 200_000, note: 'Erlang C, 100 agents at 95%' },
  { agents: 100, erlangs: 95, aht: 300, patience: 120, calls: 200_000, note: 'Erlang A, the benchmark case' },
  { agents: 10, erlangs: 12, aht: 300, patience: 60, calls: 100_000, note: 'Erlang A in overload (120%)' },
  { agents: 50, erlangs: 75, aht: 180, patience: 300, calls: 100_000, note: 'Erlang A in heavy overload (150%)' },
  // T = 5 s: at 2,000 agents a wait beyond 20 s has probability 1.4e-5, a rare event that
  // comes in bursts (one excursion of the queue), so its replication SE is unreliable.
  // Even at T = 5 s the per-replication figures are heavy-tailed (excursions of a nearly
  // critical 2,000-server queue); 20 replications give a steadier standard error.
  { agents: 2000, erlangs: 1980, aht: 300, patience: 180, calls: 250_000, note: 'Erlang A, 2,000 agents', target: 5, replications: 20 },
];

function analytic(c: Case): Record<(typeof KEYS)[number], number> {
  return c.patience === undefined
    ? erlangCFigures(c.agents, c.erlangs, c.aht, c.target ?? 20)
    : erlangAFigures(c.agents, c.erlangs, c.aht, c.patience, c.target ?? 20);
}

describe('stationary runs reproduce Erlang C and Erlang A within 4 standard errors', () => {
  for (const c of CASES) {
    it(`${c.note}: N = ${c.agents}, A = ${c.erlangs}${c.patience ? `, patience ${c.patience} s` : ''}`, () => {
      const model = stationary(c.agents, c.erlangs, c.aht, c.patience, 10_000, c.target ?? 20);
      const r = runReplications(model, { seed: 'erlang', replications: c.replications ?? 10, maxArrivals: c.calls / SHRINK, warmupSeconds: 'auto' });
      const theory = analytic(c);
      for (const key of KEYS) {
        const values = r.runs.map((run) => run.total[key as keyof Figures]);
        const mean = values.reduce((a, v) => a + v, 0) / values.length;
        const se = standardError(values);
        // Erlang C: nobody abandons, but contacts still waiting when the run stops count as
        // offered and not answered, so the answer rate and SL sit a hair (≈ queue/calls) below theory
        // (× SHRINK: as many callers in line at the end, out of SHRINK times fewer calls).
        const endEffect = c.patience === undefined ? 5e-4 * SHRINK * (key === 'asa' || key === 'meanWait' ? c.aht : 1) : 0;
        expect(Math.abs(mean - theory[key]), `${key}: simulated ${mean} ± ${se} (SE), theory ${theory[key]}`)
          .toBeLessThanOrEqual(4 * se + endEffect + 1e-12);
      }
      // Offered = answered + abandoned + still waiting, in every replication.
      for (const run of r.runs) {
        const t = run.tallies.total;
        expect(t.answered + t.abandoned + t.stillWaiting).toBe(t.offered);
      }
    });
  }

  it('95% half-width of the answer rate is under 0.4 percentage points at one million calls (8 replications)', () => {
    // Mutation profile: 100,000 calls a replication, and the half-width, ∝ 1/√calls, under 0.4·√10 points.
    const calls = 1_000_000 / shrink(10);
    const model = stationary(100, 95, 300, 120);
    const r = runReplications(model, { seed: 'ci', replications: 8, maxArrivals: calls, warmupSeconds: 'auto' });
    expect(r.arrivals).toBe(8 * calls);
    expect(r.ci95.answerRate).toBeLessThan(0.004 * Math.sqrt(1_000_000 / calls));
    const theory = erlangAFigures(100, 95, 300, 120, 20);
    for (const key of KEYS) {
      const se = standardError(r.runs.map((run) => run.total[key]));
      expect(Math.abs(r.figures[key] - theory[key]), key).toBeLessThanOrEqual(4 * se);
    }
  });
});
