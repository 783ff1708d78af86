/**
 * The random-stream suite (issue 3): nanoseconds per draw. Every case draws D = 4096 numbers
 * per call from streams built in setup (opsPerCall = D, unit 'draw') and returns their sum.
 *
 * Gated: our `uniform` and `standardExponential` (ziggurat). Reported only (gate: false):
 * - the exponential by inversion `-Math.log(uniform)`, the normal ziggurat, encoded samplers;
 * - the generator choice: seedrandom's own closures (alea, xor128, tychei, xor4096) and the
 *   step functions of xor128 and tychei reimplemented over a Uint32Array like ours (the
 *   generator in engine/rng is xor4096 — see engine/rng/generator.ts for why not the others);
 * - `streamState` (one stream derived from its key: seedrandom's xor4096 key schedule), unit 'stream'.
 *
 * Setup checks each generator: the sample mean of 100,000 uniforms within 5 standard errors of ½.
 */
import seedrandom from 'seedrandom';
import {
  encodeSampler, nextUint32, sampleEncoded, standardExponential, standardNormal, streamState, uniform,
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

/** A case drawing D numbers with `draw` per call. */
function drawCase(name: string, gate: boolean, make: () => () => number, check?: (draw: () => number) => void): BenchCase {
  let draw: () => number = () => 0;
  return {
    name, gate, opsPerCall: D, unit: 'draw',
    setup: () => { draw = make(); check?.(draw); },
    fn: () => { let x = 0; for (let k = 0; k < D; k++) x += draw(); return x; },
  };
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
    name: 'rng standardNormal (ziggurat)', gate: false, opsPerCall: D, unit: 'draw',
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
      name: `rng sampleEncoded ${label}`, gate: false, opsPerCall: D, unit: 'draw',
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
  ...(['alea', 'xor128', 'tychei', 'xor4096'] as const).map((g) =>
    drawCase(`rng choice: seedrandom.${g} closure`, false, () => seedrandom[g](key), (d) => checkUniform(g, d))),
];
