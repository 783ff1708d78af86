/**
 * The intraday charts of a (centre class, day type), picked from a menu, for all channels or one
 * channel (a second menu): contacts offered / answered / abandoned per interval, agents on duty
 * against the agents the kernels need (per pool of channels sharing agents), and the channel's
 * service figure against its goal (voice: answered ≤ T; chat: first response ≤ T; deferred:
 * handled within the deadline). Simulated means with 95% bands, the kernels dashed; a channel
 * the kernels give nothing for shows the simulation only.
 */
import type { IntradayGoal, IntradaySection, IntradaySeries, ReportChannel } from '../../../scenarios/studies/report/document.js';
import { duration } from '../../format/slices.js';
import { linesChart, type Point } from '../charts.js';
import { figure, h, select } from '../dom.js';
import { fixed } from '../format.js';
import { seriesPicker, unitWords } from '../labels.js';

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** The service figure of a goal in words, e.g. `first response ≤ 60 s / offered`. */
function serviceWords(goal: IntradayGoal | undefined, c: ReportChannel | undefined): string {
  if (goal?.figure === 'handledWithinDeadline') return `handled within the ${goal.seconds !== undefined ? `${duration(goal.seconds)} ` : ''}deadline / handled`;
  const T = goal?.seconds !== undefined ? `${goal.seconds} s` : 'own T';
  return `${c?.kind === 'chat' ? 'first response' : 'answered'} ≤ ${T} / offered`;
}

/** The simulated band of a figure at interval k, or the kernels' value (null when neither). */
function point(d: IntradaySeries, key: 'offered' | 'answered' | 'abandoned' | 'serviceLevel', k: number): Pick<Point, 'y' | 'lo' | 'hi'> {
  const b = d[key];
  if (b) return { y: b.mean[k] ?? null, lo: (b.mean[k] ?? NaN) - (b.ci95[k] ?? NaN), hi: (b.mean[k] ?? NaN) + (b.ci95[k] ?? NaN) };
  return { y: d.kernels?.[key][k] ?? null };
}

const drawn = (pts: readonly Point[]) => pts.some((p) => typeof p.y === 'number' && Number.isFinite(p.y));

export function intraday(s: IntradaySection, channels: readonly ReportChannel[]): HTMLElement {
  const body = h('div', {});
  let run = 0;
  let channel = 'all';
  const hours = (k: number) => (k * s.intervalSeconds) / 3600;
  const draw = () => {
    const r = s.runs[run]!;
    const sides = r.sides.map((list, i) => ({ name: s.sides[i]!, data: (list.find((c) => c.channel === channel) ?? list[0]!).data }));
    const goal = s.goals.find((g) => g.channel === channel);
    const c = channels.find((x) => x.name === channel);
    const facet = sides.length > 1;
    const simulated = sides.some((x) => x.data.offered);
    const kernels = sides.some((x) => x.data.kernels);
    const contacts: Point[] = [];
    const agents: Point[] = [];
    const sl: Point[] = [];
    const target = goal?.target;
    const requiredName = (who: string) => `${who}required${target !== undefined ? ` for SL ≥ ${pct(target)}` : ''} (kernels)`;
    const dashed: string[] = [];
    for (const side of sides) {
      const d = side.data;
      const f = facet ? { facet: side.name } : {};
      d.agents.forEach((_, k) => {
        const x = hours(k);
        for (const key of ['offered', 'answered', 'abandoned'] as const) contacts.push({ x, series: key, ...point(d, key, k), ...f });
        agents.push({ x, series: c ? `on duty (groups serving ${c.name})` : 'on duty (every group)', y: d.agents[k] ?? null, ...f });
        if (d.pools) {
          for (const p of d.pools) {
            const who = `${p.channels.join(' + ')}: `;
            agents.push({ x, series: `${who}on duty`, y: p.agents[k] ?? null, ...f }, { x, series: `${who}required (kernels)`, y: p.requiredAgents[k] ?? null, ...f });
          }
        } else if (d.requiredAgents) {
          agents.push({ x, series: requiredName(goal?.pool && goal.pool.length > 1 ? `pool ${goal.pool.join(' + ')}: ` : ''), y: d.requiredAgents[k] ?? null, ...f });
        }
        sl.push({ x, series: `${side.name}${simulated ? ' (simulated)' : ' (kernels)'}`, ...point(d, 'serviceLevel', k) });
        if (simulated && d.kernels) sl.push({ x, series: `${side.name} (kernels)`, y: d.kernels.serviceLevel[k] ?? null });
      });
      dashed.push(`${side.name} (kernels)`);
    }
    for (const p of agents) if (p.series.includes('required')) dashed.push(p.series);
    const where = `one ${r.centreClass} centre on one ${r.dayType} day (× ${fixed(r.centres, 0)} centres × ${fixed(r.days, 0)} days in the period)`;
    const unit = unitWords(c);
    const words = serviceWords(goal, c);
    const charts: HTMLElement[] = [];
    if (drawn(contacts)) {
      charts.push(figure(linesChart(contacts, { kind: 'count', xLabel: 'interval start', yLabel: `${unit} per ${s.intervalSeconds / 60}-minute interval`, clockX: true }),
        `${c ? `${c.name}: ${unit}` : 'Contacts (all channels)'} offered to agents, answered${c?.kind === 'deferred' ? ' (handling started)' : ''} and abandoned per interval, ${where}${simulated ? ': simulated means with 95% bands' : ': the kernels\' expected values (simulate for bands)'}.`));
    }
    const need = sides[0]?.data.pools
      ? 'the agents each pool of channels sharing agents needs (kernels; chat pools by their session slots)'
      : sides.some((x) => x.data.requiredAgents)
        ? `the agents the kernels need for ${words} ≥ ${target !== undefined ? pct(target) : 'the goal'}${goal?.pool && goal.pool.length > 1 ? ` in the pool ${goal.pool.join(' + ')}` : ''}${c?.kind === 'chat' ? ' (sized by session slots)' : ''}`
        : 'no required agents (the kernels do not size deferred work)';
    charts.push(figure(linesChart(agents, { kind: 'real', xLabel: 'interval start', yLabel: 'agents on duty', clockX: true, dashed: [...new Set(dashed)] }),
      `Agents on duty (the plan) against ${need} in each interval (goal: ${goal?.source ?? 'none'}), ${where}.`));
    if (drawn(sl)) {
      charts.push(figure(linesChart(sl, {
        kind: 'fraction', xLabel: 'interval start', yLabel: goal?.figure === 'handledWithinDeadline' ? 'within deadline' : 'service level', clockX: true, dashed,
        ...(target !== undefined ? { rule: { y: target, label: `target ${pct(target)}` } } : {}),
      }), `${c ? `${c.name}: ` : ''}${words} per interval${target !== undefined ? ` against its target (${goal!.source})` : ` (${goal?.source ?? 'no target'})`}${simulated ? `: simulated with 95% bands${kernels ? ', the kernels dashed' : ''}` : ' (kernels)'}, ${where}.`));
    } else {
      charts.push(h('p', { class: 'unit' }, `${c ? c.name : 'All channels'}: ${words} — the kernels give no value here; simulate for it.`));
    }
    body.replaceChildren(...charts);
  };
  const runs = s.runs.map((r, i) => ({ value: String(i), text: `${r.centreClass} centre, ${r.dayType}` }));
  const names = (s.runs[0]?.sides[0] ?? []).map((x) => ({ value: x.channel, text: x.channel === 'all' ? 'all channels' : x.channel }));
  draw();
  return h('section', { class: 'intraday' }, h('h2', {}, 'Intraday: per interval, per day type and centre class'),
    h('div', { class: 'controls' },
      select('day type and centre class', runs, '0', (v) => { run = Number(v); draw(); }),
      seriesPicker(names, 'all', (v) => { channel = v; draw(); })),
    body);
}
