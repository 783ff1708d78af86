import { nextUint32 } from './generator.js';
import { uniform } from './uniform.js';

/*
 * Ziggurat for the standard normal, 128 layers (Marsaglia & Tsang 2000, J. Stat. Softw. 5(8),
 * §RNOR: r = 3.442619855899, v = 9.91256303526217e-3), one 32-bit word per draw in ~98.8% of
 * cases: its low 7 bits pick the layer, its high 25 bits are a signed abscissa index j in
 * [−2²⁴, 2²⁴). The bit fields are disjoint (the paper's RNOR reuses the layer bits).
 * No second value is cached: each call is independent of the others' bookkeeping.
 * Tail beyond r: Marsaglia's (1964) method, as in the paper's nfix.
 */
const LAYERS = 128;
const M = 16777216; // 2²⁴
const kn = new Uint32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
const R = 3.442619855899;
{
  const vn = 9.91256303526217e-3;
  let dn = R, tn = R;
  const q = vn / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M); kn[1] = 0;
  wn[0] = q / M; wn[LAYERS - 1] = dn / M;
  fn[0] = 1; fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M;
  }
}

/**
 * A standard normal draw (mean 0, variance 1) by the ziggurat.
 * @example 5 + 2 * standardNormal(s) // N(5, 2²)
 */
export function standardNormal(s: Uint32Array): number {
  // The xor4096 step of generator.ts, inlined by hand (see generator.ts, "Inlined copies").
  const w = (s[129]! + 0x61c88647) | 0;
  s[129] = w;
  let k = s[128]!;
  let v = s[(k + 34) & 127]!;
  k = (k + 1) & 127;
  let t = s[k]!;
  v ^= v << 13; t ^= t << 17; v ^= v >>> 15; t ^= t >>> 12; v ^= t;
  s[k] = v; s[128] = k;
  const u = (v + (w ^ (w >>> 16))) | 0;   // the same word as nextUint32, as an int32
  const i = u & 127;
  const j = u >> 7;                        // signed, in [−2²⁴, 2²⁴)
  const m = j >> 31;                       // |j| without a branch: the sign is a coin flip,
  if (((j ^ m) - m) < kn[i]!) return j * wn[i]!;   // a branch on it mispredicts half the time
  return +normalFix(s, i, j); // unary +: unboxed result (see exponential.ts)
}

function normalFix(s: Uint32Array, i: number, j: number): number {
  for (;;) {
    if (i === 0) {
      let x: number, y: number;
      do {
        x = -Math.log(uniform(s)) / R;
        y = -Math.log(uniform(s));
      } while (y + y < x * x);
      return j > 0 ? R + x : -R - x;
    }
    const x = j * wn[i]!;
    if (fn[i]! + uniform(s) * (fn[i - 1]! - fn[i]!) < Math.exp(-0.5 * x * x)) return x;
    const u = nextUint32(s) | 0;
    i = u & 127;
    j = u >> 7;
    if (Math.abs(j) < kn[i]!) return j * wn[i]!;
  }
}
