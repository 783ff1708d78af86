/** Fitting unknown parameters to reported aggregates: least squares, identifiability, monotone search. */
export { leastSquares, gaussNewtonStep } from './leastSquares.js';
export type { Evaluate, LeastSquaresProblem, LeastSquaresOptions, LeastSquaresResult } from './leastSquares.js';
export { identifiability } from './identifiability.js';
export type { Identifiability } from './identifiability.js';
export { bisect } from './bisect.js';
export type { BisectResult } from './bisect.js';
