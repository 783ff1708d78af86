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
export { solveAgents, requiredAgentsErlangC } from './staffing.js';
