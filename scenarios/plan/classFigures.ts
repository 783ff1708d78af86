/**
 * Figures per centre class: for each class of the scenario, the runs of that class (one per
 * day type) summed, as tallies, over the whole period — the kernels' figures from the
 * analytic tallies, the simulation's as mean ± 95% half-width across replications of the
 * per-replication summed tallies (figures from summed tallies, never averaged ratios).
 */
import { addTally, emptyTally, figuresOf, type Figures, type Tally } from '../../engine/stats/figures.js';
import { summarizeFigures } from '../../engine/stats/summarizeFigures.js';
import type { Plan } from './build.js';
import type { Scenario } from '../format/schema.js';
import type { PlanSimulation } from './simulatePlan.js';

/** One centre class over the period. */
export interface ClassFigures {
  centreClass: string;
  centres: number;
  staffPerCentre: number;
  analytic: Figures;
  simulated: { figures: Figures; ci95: Figures };
}

/**
 * The figures of every centre class, in the scenario's order.
 * @param analyticByRun the plan's scaled analytic tallies, run by run (`analyticPlan(plan).byRun`)
 * @param sim the plan's simulation (its `byRunTallies[replication][run]`)
 */
export function classFigures(scenario: Scenario, plan: Plan, analyticByRun: readonly Tally[], sim: Pick<PlanSimulation, 'tallies' | 'byRunTallies'>): ClassFigures[] {
  return scenario.centreClasses.map((c) => {
    const idx = plan.runs.map((r, i) => (r.centreClass === c.name ? i : -1)).filter((i) => i >= 0);
    const t = emptyTally();
    for (const i of idx) addTally(t, analyticByRun[i]!);
    const perRep = sim.tallies.map((_, rep) => {
      const x = emptyTally();
      for (const i of idx) addTally(x, sim.byRunTallies[rep]![i]!);
      return figuresOf(x);
    });
    const s = summarizeFigures(perRep);
    return { centreClass: c.name, centres: c.centres, staffPerCentre: c.staffPerCentre, analytic: figuresOf(t), simulated: { figures: s.figures, ci95: s.ci95 } };
  });
}
