/**
 * The report of a staffing day (`ccsim staff --report`): required agents per interval, raw and
 * with shrinkage, the calls, and the service level and occupancy each interval then reaches.
 */
import type { DayStaffing, IntervalStaffing, StaffOptions } from '../staffDay.js';
import type { ReportBody } from './document.js';

/** Figures the staffing report shows. */
export const STAFF_KEYS = ['requiredAgents', 'requiredStaff', 'offered', 'serviceLevel', 'occupancy', 'asa', 'pAbandon', 'answerRate'] as const;

/** The report body of a staffed forecast. `goal` is the targets in words. */
export function staffReport(input: { name: string; rows: readonly IntervalStaffing[]; day: DayStaffing; options: StaffOptions; intervalSeconds: number; goal: string }): ReportBody {
  const { rows, options: o, day } = input;
  return {
    kind: 'staff',
    title: `Staffing ${input.name}`,
    channels: [],
    sections: [{
      kind: 'staffing', intervalSeconds: input.intervalSeconds, shrinkage: o.shrinkage ?? 0, goal: input.goal,
      starts: rows.map((r) => r.start), calls: rows.map((r) => r.calls),
      requiredAgents: rows.map((r) => r.requiredAgents), requiredStaff: rows.map((r) => r.requiredStaff),
      serviceLevel: rows.map((r) => r.serviceLevel), occupancy: rows.map((r) => r.occupancy),
      targetSeconds: o.targetSeconds, ...(o.slTarget !== undefined ? { slTarget: o.slTarget } : {}),
    }],
    figures: [...STAFF_KEYS],
    notes: [
      `${rows.length} intervals of ${input.intervalSeconds} s, ${o.model}; goal: ${input.goal}; shrinkage ${((o.shrinkage ?? 0) * 100).toFixed(1)}%.`,
      `Day: ${day.agentIntervals} agent-intervals (${day.agentHours.toFixed(1)} agent-hours), ${day.staffHours.toFixed(1)} staff-hours after shrinkage; peak ${day.peakAgents} agents at ${day.peakStart}.`,
    ],
  };
}
