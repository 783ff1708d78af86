/**
 * The random-stream suite (issue 3): nanoseconds per draw. Every case draws D = 4096 numbers
 * per call from streams built in setup (opsPerCall = D, unit 'draw') and returns their sum.
 *
 * Gated: our `uniform`, `standardExponential` and `standardNormal` (ziggurats), and the encoded
 * non-exponential samplers the simulator draws handle times and patience from (gamma, lognormal,
 * Weibull, Erlang), each checked in setup: the mean of 100,000 draws within 5 standard errors.
 * Reported only (gate: false):
 * - the exponential by inversion `-Math.log(uniform)`;
 * - the generator choice: seedrandom's own closures (alea, xor128, tychei, xor4096) and the
 *   step functions of xor128, xorwow, xorshift7, tychei, xor4096 (our `nextUint32`, called,
 *   not hand-inlined) and alea reimplemented over typed arrays (the generator in engine/rng
 *   is xor4096 — see engine/rng/generator.ts for why not the others). Reproduce the table:
 *   `npm run bench -- --suite rng --filter choice --quick`. Every case has its own loop: a
 *   loop shared by several generators makes its call site polymorphic, V8 stops inlining and
 *   every draw looks 3–4× slower (an artefact that first made seedrandom's closures look slow);
 * - `streamState` (one stream derived from its key: seedrandom's xor4096 key schedule), unit 'stream'.
 *
 * Setup checks each generator: the sample mean of 100,000 uniforms within 5 standard errors of ½.
 */
import seedrandom from 'seedrandom';
import {
  encodeSampler, meanOf, nextUint32, sampleEncoded, standardExponential, standardNormal, streamState, uniform, varianceOf,
} from '../../engine/rng/index.js';
import type { BenchCase } from '../case.js';

const D = 4096;
const K = 2.3283064365386963e-10;  // 2⁻³²

/** Throws unless the mean of 100,000 draws is within 5 standard errors (√(1/12/n)) of ½. */
function checkUniform(name: string, u: () => number): void {
  let m = 0;
  for (let k = 0; k < 100_000; k++) m += u();
  m /= 100_000;
  if (Math.abs(m - 0.5) > 5 * Math.sqrt(1 / 12 / 100_000)) throw new Error(`${name}: mean of uniforms ${m}, expected 0.5`);
}

/** Tyche-i step exactly as seedrandom computes it, over a Uint32Array [a, b, c, d]. */
function tycheiStep(s: Uint32Array): number {
  let a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!;
  b = (b << 25) ^ (b >>> 7) ^ c; c = (c - d) | 0; d = (d << 24) ^ (d >>> 8) ^ a; a = (a - b) | 0;
  b = (b << 20) ^ (b >>> 12) ^ c; c = (c - d) | 0; d = (d << 16) ^ (c >>> 16) ^ a; a = (a - b) | 0;
  s[0] = a; s[1] = b; s[2] = c; s[3] = d;
  return a >>> 0;
}

/** xor128 step exactly as seedrandom computes it, over a Uint32Array [x, y, z, w]. */
function xor128Step(s: Uint32Array): number {
  const x = s[0]!, t = x ^ (x << 11);
  s[0] = s[1]!; s[1] = s[2]!;
  const w = s[3]!;
  s[2] = w;
  const n = w ^ (w >>> 19) ^ t ^ (t >>> 8);
  s[3] = n;
  return n >>> 0;
}

/** xorwow step exactly as seedrandom computes it, over [x, y, z, w, v, d]. */
function xorwowStep(s: Uint32Array): number {
  const x = s[0]!, t = x ^ (x >>> 2);
  s[0] = s[1]!; s[1] = s[2]!; s[2] = s[3]!;
  const v = s[4]!;
  s[3] = v;
  const nv = (v ^ (v << 4)) ^ (t ^ (t << 1));
  s[4] = nv;
  const d = (s[5]! + 362437) | 0;
  s[5] = d;
  return (d + nv) >>> 0;
}

/** xorshift7 step exactly as seedrandom computes it, over [x₀ … x₇, i]. */
function xorshift7Step(s: Uint32Array): number {
  const i = s[8]!;
  let t = s[i]!; t ^= t >>> 7; let v = t ^ (t << 24);
  t = s[(i + 1) & 7]!; v ^= t ^ (t >>> 10);
  t = s[(i + 3) & 7]!; v ^= t ^ (t >>> 3);
  t = s[(i + 4) & 7]!; v ^= t ^ (t << 7);
  t = s[(i + 7) & 7]!; t = t ^ (t << 13); v ^= t ^ (t << 9);
  s[i] = v; s[8] = (i + 1) & 7;
  return v >>> 0;
}

/** alea step exactly as seedrandom computes it, over a Float64Array [s0, s1, s2, c]; returns the double. */
function aleaStep(s: Float64Array): number {
  const t = 2091639 * s[0]! + s[3]! * K;
  s[0] = s[1]!; s[1] = s[2]!;
  const c = t | 0;
  s[3] = c;
  return (s[2] = t - c);
}

const key = 'bench/0/0/draws';

export const cases: BenchCase[] = [
  // Ours — gated.
  {
    name: 'rng uniform (xor4096 over Uint32Array)', gate: true, opsPerCall: D, unit: 'draw', targetNs: 5,
    setup: () => { const s = streamState('bench', 0, 0, 'check'); checkUniform('uniform', () => uniform(s)); },
    fn: (() => { const s = streamState('bench', 0, 0, 'draws'); return () => { let x = 0; for (let k = 0; k < D; k++) x += uniform(s); return x; }; })(),
  },
  {
    name: 'rng standardExponential (ziggurat)', gate: true, opsPerCall: D, unit: 'draw', targetNs: 8,
    setup: () => {
      const s = streamState('bench', 0, 0, 'check'); let m = 0;
      for (let k = 0; k < 100_000; k++) m += standardExponential(s);
      if (Math.abs(m / 100_000 - 1) > 5 / Math.sqrt(100_000)) throw new Error(`ziggurat exponential mean ${m / 100_000}`);
    },
    fn: (() => { const s = streamState('bench', 0, 0, 'draws'); return () => { let x = 0; for (let k = 0; k < D; k++) x += standardExponential(s); return x; }; })(),
  },
  // Ours — reported.
  {
    name: 'rng exponential by inversion -log(uniform)', gate: false, opsPerCall: D, unit: 'draw',
    fn: (() => { const s = streamState('bench', 0, 0, 'draws'); return () => { let x = 0; for (let k = 0; k < D; k++) x -= Math.log(uniform(s)); return x; }; })(),
  },
  {
    name: 'rng standardNormal (ziggurat)', gate: true, opsPerCall: D, unit: 'draw',
    setup: () => {
      const s = streamState('bench', 0, 0, 'check'); let m = 0;
      for (let k = 0; k < 100_000; k++) m += standardNormal(s);
      if (Math.abs(m / 100_000) > 5 / Math.sqrt(100_000)) throw new Error(`ziggurat normal mean ${m / 100_000}`);
    },
    fn: (() => { const s = streamState('bench', 0, 0, 'draws'); return () => { let x = 0; for (let k = 0; k < D; k++) x += standardNormal(s); return x; }; })(),
  },
  ...([
    ['gamma cv 0.5', { kind: 'gamma', mean: 300, cv: 0.5 }],
    ['gamma cv 1.5', { kind: 'gamma', mean: 300, cv: 1.5 }],
    ['lognormal cv 1', { kind: 'lognormal', mean: 300, cv: 1 }],
    ['weibull shape 0.7', { kind: 'weibull', mean: 300, shape: 0.7 }],
    ['erlang-3', { kind: 'erlang', mean: 300, k: 3 }],
  ] as const).map(([label, spec]): BenchCase => {
    const s = streamState('bench', 0, 0, label);
    const p = encodeSampler(spec);
    return {
      name: `rng sampleEncoded ${label}`, gate: true, opsPerCall: D, unit: 'draw',
      setup: () => {
        const c = streamState('bench', 0, 0, `check ${label}`); let m = 0;
        for (let k = 0; k < 100_000; k++) m += sampleEncoded(p, c);
        const se = Math.sqrt(varianceOf(spec) / 100_000);
        if (Math.abs(m / 100_000 - meanOf(spec)) > 5 * se) throw new Error(`${label}: mean of 100,000 draws ${m / 100_000}, expected ${meanOf(spec)}`);
      },
      fn: () => { let x = 0; for (let k = 0; k < D; k++) x += sampleEncoded(p, s); return x; },
    };
  }),
  {
    name: 'rng streamState (derive one stream)', gate: false, opsPerCall: 64, unit: 'stream',
    fn: (() => { let r = 0; return () => { let x = 0; for (let k = 0; k < 64; k++) x += nextUint32(streamState('bench', 0, r++, 'arrivals:voice')); return x; }; })(),
  },
  // The generator choice — reported.
  {
    name: 'rng choice: xor128 step over Uint32Array', gate: false, opsPerCall: D, unit: 'draw',
    fn: (() => {
      const o = seedrandom.xor128(key, { state: true }).state();
      const s = Uint32Array.of(o.x, o.y, o.z, o.w);
      return () => { let x = 0; for (let k = 0; k < D; k++) x += (xor128Step(s) + 0.5) * K; return x; };
    })(),
  },
  {
    name: 'rng choice: tychei step over Uint32Array', gate: false, opsPerCall: D, unit: 'draw',
    fn: (() => {
      const o = seedrandom.tychei(key, { state: true }).state();
      const s = Uint32Array.of(o.a, o.b, o.c, o.d);
      return () => { let x = 0; for (let k = 0; k < D; k++) x += (tycheiStep(s) + 0.5) * K; return x; };
    })(),
  },
  // Each case has its own loop (a shared loop taking the step as a parameter would make the
  // call site polymorphic and stop V8 inlining the step: a benchmark artefact of 3–5×).
  {
    name: 'rng choice: xorwow step over Uint32Array', gate: false, opsPerCall: D, unit: 'draw',
    fn: (() => {
      const o = seedrandom.xorwow(key, { state: true }).state();
      const s = Uint32Array.of(o.x, o.y, o.z, o.w, o.v, o.d);
      return () => { let x = 0; for (let k = 0; k < D; k++) x += (xorwowStep(s) + 0.5) * K; return x; };
    })(),
  },
  {
    name: 'rng choice: xorshift7 step over Uint32Array', gate: false, opsPerCall: D, unit: 'draw',
    fn: (() => {
      const o = seedrandom.xorshift7(key, { state: true }).state();
      const s = new Uint32Array(9); s.set(o.x); s[8] = o.i;
      return () => { let x = 0; for (let k = 0; k < D; k++) x += (xorshift7Step(s) + 0.5) * K; return x; };
    })(),
  },
  {
    name: 'rng choice: xor4096 step over Uint32Array (nextUint32)', gate: false, opsPerCall: D, unit: 'draw',
    fn: (() => {
      const s = streamState('bench', 0, 0, 'draws');
      return () => { let x = 0; for (let k = 0; k < D; k++) x += (nextUint32(s) + 0.5) * K; return x; };
    })(),
  },
  {
    name: 'rng choice: alea step over Float64Array', gate: false, opsPerCall: D, unit: 'draw',
    fn: (() => {
      const o = seedrandom.alea(key, { state: true }).state();
      const s = Float64Array.of(o.s0, o.s1, o.s2, o.c);
      return () => { let x = 0; for (let k = 0; k < D; k++) x += aleaStep(s); return x; };
    })(),
  },
  // seedrandom's own closures, one loop each (see above).
  {
    name: 'rng choice: seedrandom.alea closure', gate: false, opsPerCall: D, unit: 'draw',
    setup: () => checkUniform('alea', seedrandom.alea(key)),
    fn: (() => { const r = seedrandom.alea(key); return () => { let x = 0; for (let k = 0; k < D; k++) x += r(); return x; }; })(),
  },
  {
    name: 'rng choice: seedrandom.xor128 closure', gate: false, opsPerCall: D, unit: 'draw',
    setup: () => checkUniform('xor128', seedrandom.xor128(key)),
    fn: (() => { const r = seedrandom.xor128(key); return () => { let x = 0; for (let k = 0; k < D; k++) x += r(); return x; }; })(),
  },
  {
    name: 'rng choice: seedrandom.tychei closure', gate: false, opsPerCall: D, unit: 'draw',
    setup: () => checkUniform('tychei', seedrandom.tychei(key)),
    fn: (() => { const r = seedrandom.tychei(key); return () => { let x = 0; for (let k = 0; k < D; k++) x += r(); return x; }; })(),
  },
  {
    name: 'rng choice: seedrandom.xor4096 closure', gate: false, opsPerCall: D, unit: 'draw',
    setup: () => checkUniform('xor4096', seedrandom.xor4096(key)),
    fn: (() => { const r = seedrandom.xor4096(key); return () => { let x = 0; for (let k = 0; k < D; k++) x += r(); return x; }; })(),
  },
];
