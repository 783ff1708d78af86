export { streamState } from './stream.js';
export { nextUint32, STATE_WORDS } from './generator.js';
export { uniform, uniform53 } from './uniform.js';
export { standardExponential } from './exponential.js';
export { standardNormal } from './normal.js';
export { standardGamma, marsagliaTsang } from './gamma.js';
export { lnGamma, gammaFunction } from './gammaFunction.js';
export {
  type DistributionSpec, type SimpleDistributionSpec, type MixtureSpec, type MixtureComponent,
  DISTRIBUTION_KINDS, MIXTURE_WEIGHT_TOLERANCE, specProblems, checkSpec,
} from './distribution.js';
export { meanOf, varianceOf } from './moments.js';
export { scaleSpec } from './scale.js';
export { makeSampler } from './sampler.js';
export {
  encodeSampler, sampleEncoded, ERLANG_SUM_MAX_K,
  EXPONENTIAL, ERLANG_SUM, GAMMA, LOGNORMAL, WEIBULL, DETERMINISTIC, EMPIRICAL, MIXTURE,
} from './encoded.js';
