import { nextUint32 } from './generator.js';
import { uniform } from './uniform.js';

/*
 * Ziggurat for the standard exponential, 256 layers (Marsaglia & Tsang 2000, "The Ziggurat
 * Method for Generating Random Variables", J. Stat. Softw. 5(8), §REXP: r = 7.697117470131487,
 * v = 3.949659822581572e-3). One 32-bit word per draw in ~98.9% of cases: its low 8 bits
 * pick the layer, its high 24 bits the abscissa. Unlike the paper's REXP (which reuses the
 * layer bits inside the abscissa), the two bit fields are disjoint, so the layer and the
 * position within it are independent. Tables are built once at module load.
 */
const LAYERS = 256;
const M = 16777216; // 2²⁴: the abscissa is j·w[i] with j a 24-bit integer
const ke = new Uint32Array(LAYERS);
const we = new Float64Array(LAYERS);
const fe = new Float64Array(LAYERS);
/** Start of the tail: x₂₅₅ of the 256-layer exponential ziggurat. */
const R = 7.697117470131487;
{
  const ve = 3.949659822581572e-3;
  let de = R, te = R;
  const q = ve / Math.exp(-de);
  ke[0] = Math.floor((de / q) * M); ke[1] = 0;
  we[0] = q / M; we[LAYERS - 1] = de / M;
  fe[0] = 1; fe[LAYERS - 1] = Math.exp(-de);
  for (let i = LAYERS - 2; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    ke[i + 1] = Math.floor((de / te) * M);
    te = de;
    fe[i] = Math.exp(-de);
    we[i] = de / M;
  }
}

/**
 * A standard exponential draw (mean 1, rate 1) by the ziggurat; exact in distribution (up
 * to the 2⁻²⁴ grid of abscissas within a layer). About 1 word per draw; the rare
 * rejections and the tail (x > 7.697, by memorylessness: R + a fresh exponential) use more.
 * @example 300 * standardExponential(s) // an exponential handle time with mean 300 s
 */
export function standardExponential(s: Uint32Array): number {
  // The xor4096 step of generator.ts, inlined by hand (see generator.ts, "Inlined copies").
  const w = (s[129]! + 0x61c88647) | 0;
  s[129] = w;
  let k = s[128]!;
  let v = s[(k + 34) & 127]!;
  k = (k + 1) & 127;
  let t = s[k]!;
  v ^= v << 13; t ^= t << 17; v ^= v >>> 15; t ^= t >>> 12; v ^= t;
  s[k] = v; s[128] = k;
  const u = (v + (w ^ (w >>> 16))) >>> 0;
  const i = u & 255;
  const j = u >>> 8;
  if (j < ke[i]!) return j * we[i]!;
  // The rare path (~1.1% of draws) hands its draw back through `fixOut`, not as a return
  // value: a double returned by a call V8 does not inline is boxed (a heap number per rare
  // draw: 0.75 MB allocated per 1M-call stationary run).
  exponentialFix(s, i, j);
  return fixOut[0]!;
}

/** The result of `exponentialFix`. */
const fixOut = new Float64Array(1);

/** The ziggurat's rejection and tail path for layer i, abscissa j: the draw into fixOut[0]. */
function exponentialFix(s: Uint32Array, i: number, j: number): void {
  for (;;) {
    if (i === 0) { fixOut[0] = R + standardExponential(s); return; }   // the tail beyond R: memoryless
    const x = j * we[i]!;
    if (fe[i]! + uniform(s) * (fe[i - 1]! - fe[i]!) < Math.exp(-x)) { fixOut[0] = x; return; }
    const u = nextUint32(s);
    i = u & 255;
    j = u >>> 8;
    if (j < ke[i]!) { fixOut[0] = j * we[i]!; return; }
  }
}
