/** The discrete-event simulator: model types, one replication, replications with CIs, validation. */
export type {
  Model, Channel, ChannelKind, AgentGroup, RunOptions, WarmupVolume, TraceSink, ContactOutcome, DistributionSpec,
} from './model.js';
export { DEFAULT_CHAT_SLOWDOWN, DEFAULT_CHAT_CONCURRENCY } from './model.js';
export { simulate, type RunResult } from './simulate.js';
export { runReplications, combineReplications, ReplicationAccumulator, type ReplicationOptions, type ReplicationsResult } from './replications.js';
export { defaultWarmupSeconds, WARMUP_MULTIPLE, backlogWarmup, DEFAULT_BACKLOG_WARMUP_CYCLES } from './warmup.js';
export { stationaryModel, MAX_STATIONARY_DAYS, type StationaryOptions } from './stationary.js';
export { validateModel, modelProblems, ModelError, MAX_CONCURRENCY, MAX_AGENTS_ON_DUTY } from './validate.js';
export type { RunTallies } from './tallies.js';
