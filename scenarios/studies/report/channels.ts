/**
 * The channels of a report (`ReportChannel`): each channel's kind, threshold, chat concurrency,
 * deadline and how the kernels treat it, from a scenario and its plan's kernels — what the
 * pages need to label a channel's figures with its own definitions.
 */
import { DEFAULT_CHAT_CONCURRENCY, DEFAULT_CHAT_SLOWDOWN } from '../../../engine/des/index.js';
import { kernelsOf, type ChannelKernel } from '../../plan/analytic.js';
import type { Plan } from '../../plan/build.js';
import type { Scenario } from '../../format/schema.js';
import type { ReportChannel } from './document.js';

/** The kernels of a plan per channel (status 'none' for every channel of a plan without runs). */
export function planKernels(s: Scenario, plan: Plan): ChannelKernel[] {
  return plan.runs[0] ? kernelsOf(plan.runs[0].model) : s.channels.map(() => ({ status: 'none' as const, model: 'none: no runs' }));
}

/**
 * The report's channels of a scenario.
 * @param kernels how the kernels treat each channel (scenario order), e.g. `planKernels(s, plan)`
 * @example reportChannels(s, planKernels(s, buildPlan(s)))[1] // { name: 'wechat', kind: 'chat', targetSeconds: 60, concurrency: 3, … }
 */
export function reportChannels(s: Scenario, kernels: readonly ChannelKernel[]): ReportChannel[] {
  return s.channels.map((c, i) => ({
    name: c.name, kind: c.kind, targetSeconds: c.targetSeconds,
    ...(c.kind === 'chat' ? { concurrency: c.concurrency ?? DEFAULT_CHAT_CONCURRENCY, slowdown: c.slowdown ?? DEFAULT_CHAT_SLOWDOWN } : {}),
    ...(c.deadlineSeconds !== undefined ? { deadlineSeconds: c.deadlineSeconds } : {}),
    selfService: (c.selfService?.share ?? 0) > 0,
    repeats: (c.retrial?.probability ?? 0) > 0 || (c.selfService?.returnShare ?? 0) > 0,
    kernel: kernels[i] ?? { status: 'none', model: 'none' },
  }));
}
