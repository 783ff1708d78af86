/** Small scenario texts for the scenario tests (no formulas unless a test adds them). */

/** One centre, one day type of 24 one-hour intervals, one voice channel, staff following the load. */
export function smallScenario(over: { staffShare?: number; callsPerDay?: number; patience?: number; extra?: string } = {}): string {
  return `
name: small
intervalSeconds: 3600
dayTypes:
  - name: day
    days: 1
    volumeWeight: 1
    intradayProfile: [1, 1, 1, 1, 1, 1, 2, 4, 6, 8, 8, 8, 7, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1]
centreClasses:
  - { name: only, centres: 1, staffPerCentre: 200, volumeShare: 1 }
channels:
  - name: voice
    kind: voice
    callsPerDay: ${over.callsPerDay ?? 20000}
    selfService: { share: 0.5 }
    handleTimeSeconds: { kind: exponential, mean: 180 }
    patienceSeconds: { kind: exponential, mean: ${over.patience ?? 90} }
    targetSeconds: 20
groups:
  - name: agents
    skills: [voice]
    staffShare: ${over.staffShare ?? 0.6}
    shrinkage: 0.3
    paidHoursPerYear: 2000
    schedule:
      followLoad: { flatten: 0.2, minOnDuty: 1 }
simulation: { replications: 4, seed: 7 }
${over.extra ?? ''}`;
}

/**
 * One centre class (3 centres), a flat day of 1-hour intervals, 100 calls an hour per centre (75 to
 * agents), AHT 240 s: A = 5 erlangs per interval, `agents` on duty (a number or formula), the
 * given patience; `extra` is appended at the top level, `dayExtra` inside the day type.
 */
export const flatScenario = (agents: number, patience: string, extra = '', dayExtra = ''): string => `
name: flat
intervalSeconds: 3600
dayTypes:
  - { name: day, days: 10, volumeWeight: 1, intradayProfile: "1"${dayExtra} }
centreClasses:
  - { name: c, centres: 3, staffPerCentre: 50, volumeShare: 1 }
channels:
  - name: voice
    kind: voice
    callsPerDay: ${3 * 24 * 100}
    selfService: { share: 0.25 }
    handleTimeSeconds: { kind: exponential, mean: 240 }
    patienceSeconds: ${patience}
    targetSeconds: 20
groups:
  - { name: g, skills: [voice], staffShare: 1, shrinkage: 0.3, paidHoursPerYear: 2000, schedule: { onDutyPerCentre: "${agents}" } }
${extra}`;
