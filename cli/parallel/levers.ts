/**
 * What-if levers as functions of a validated scenario (pure: a new scenario, the input is
 * not touched). Used by `ccsim sweep` for lever axes.
 *
 * - `staff` x: relative change of head count, x > −1 (−0.08 = −8%): every class's
 *   staffPerCentre and every explicit onDutyPerCentre schedule × (1 + x).
 * - `selfService` s: the self-service share of every channel that has self-service, in [0, 1].
 * - `aht` x: relative change of handle time, x > −1: every channel's handle-time distribution
 *   scaled by (1 + x) (mean, deterministic value, or empirical values).
 */
import type { Scenario } from '../../scenarios/index.js';
import type { Lever } from './grid.js';

type Dist = Scenario['channels'][number]['handleTimeSeconds'];

function scaleDist(d: Dist, f: number): Dist {
  switch (d.kind) {
    case 'deterministic': return { ...d, value: d.value * f };
    case 'empirical': return { ...d, values: d.values.map((v) => v * f) };
    default: return { ...d, mean: d.mean * f };
  }
}

/**
 * Applies one lever.
 * @throws {RangeError} a value outside the lever's range, or selfService on a scenario without self-service
 */
export function applyLever(s: Scenario, lever: Lever, value: number): Scenario {
  switch (lever) {
    case 'staff': {
      if (!(value > -1)) throw new RangeError(`staff change must be > -100%, got ${value * 100}%`);
      const f = 1 + value;
      return {
        ...s,
        centreClasses: s.centreClasses.map((c) => ({ ...c, staffPerCentre: c.staffPerCentre * f })),
        groups: s.groups.map((g) => (g.schedule.onDutyPerCentre
          ? { ...g, schedule: { ...g.schedule, onDutyPerCentre: g.schedule.onDutyPerCentre.map((x) => x * f) } }
          : g)),
      };
    }
    case 'selfService': {
      if (!(value >= 0 && value <= 1)) throw new RangeError(`selfService share must be in [0, 1], got ${value}`);
      if (!s.channels.some((c) => c.selfService)) throw new RangeError('selfService: no channel of the scenario has self-service to change');
      return { ...s, channels: s.channels.map((c) => (c.selfService ? { ...c, selfService: { ...c.selfService, share: value } } : c)) };
    }
    case 'aht': {
      if (!(value > -1)) throw new RangeError(`aht change must be > -100%, got ${value * 100}%`);
      return { ...s, channels: s.channels.map((c) => ({ ...c, handleTimeSeconds: scaleDist(c.handleTimeSeconds, 1 + value) })) };
    }
  }
}
