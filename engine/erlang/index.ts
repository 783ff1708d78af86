export type {
  ErlangAFigures,
  ErlangCFigures,
  StaffingModel,
  StaffingRequest,
  StaffingResult,
  StaffingTarget,
} from './types.js';
export { erlangB } from './erlangB.js';
export { erlangC, erlangCServiceLevel, erlangCFigures } from './erlangC.js';
export { erlangAServiceLevel, erlangAAbandon, erlangAFigures } from './erlangA.js';
export { mmngFigures, mmngErrorEstimate, DEFAULT_TOLERANCE } from './mmng.js';
export { patienceCurve, describePatience, type PatienceCurve } from './patience.js';
export { solveAgents, requiredAgentsErlangC } from './staffing.js';
