/** `staff FORECAST`: required agents per interval, raw and after shrinkage, what they reach, and the table. */
import type { StaffingSection } from '../../../scenarios/studies/report/document.js';
import { linesChart, type Point } from '../charts.js';
import { figure, h, table } from '../dom.js';
import { byKind, fixed } from '../format.js';

export function staffing(s: StaffingSection): HTMLElement {
  const x = (i: number) => i;
  const label = (i: number) => s.starts[Math.round(i)] ?? '';
  const agents: Point[] = s.starts.flatMap((_, i) => [
    { x: x(i), series: 'required agents on duty', y: s.requiredAgents[i] ?? null },
    { x: x(i), series: `required staff after ${(s.shrinkage * 100).toFixed(1)}% shrinkage`, y: s.requiredStaff[i] ?? null },
  ]);
  const reached: Point[] = s.starts.flatMap((_, i) => [
    { x: x(i), series: `service level (answered ≤ ${s.targetSeconds} s / offered)`, y: s.serviceLevel[i] ?? null },
    { x: x(i), series: 'occupancy', y: s.occupancy[i] ?? null },
  ]);
  const chart = (pts: Point[], kind: string, yLabel: string, rule?: { y: number; label: string }) => {
    const el = linesChart(pts, { kind, xLabel: 'interval', yLabel, ...(rule ? { rule } : {}) });
    // interval numbers → their start as written in the forecast
    el.querySelectorAll('[aria-label="x-axis tick label"] text').forEach((t) => { t.textContent = label(Number(t.textContent)); });
    return el;
  };
  return h('section', { class: 'staffing' }, h('h2', {}, 'Required agents per interval'),
    figure(chart(agents, 'real', 'agents'), `Fewest agents on duty meeting ${s.goal} in each interval, and the staff that takes after ${(s.shrinkage * 100).toFixed(1)}% shrinkage (agents ÷ (1 − shrinkage)).`),
    figure(chart(reached, 'fraction', 'fraction', s.slTarget !== undefined ? { y: s.slTarget, label: `SL target ${(s.slTarget * 100).toFixed(0)}%` } : undefined), 'What the required agents reach in each interval (kernels).'),
    table(['start', 'calls', 'required agents', 'required staff', 'service level', 'occupancy'],
      s.starts.map((st, i) => [st, fixed(s.calls[i], 0), fixed(s.requiredAgents[i], 0), fixed(s.requiredStaff[i], 1), byKind('fraction', s.serviceLevel[i]), byKind('fraction', s.occupancy[i])]),
      [false, true, true, true, true, true]));
}
