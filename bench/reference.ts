/**
 * The reference loop: a fixed, allocation-free arithmetic loop timed beside every case in
 * the same run, so a case's cost can be stated as a ratio ("this kernel costs as much as
 * 40 reference steps") that carries from one machine, or one load level, to another.
 *
 * One operation = one step = two dependent multiply-adds on two independent chains.
 * REFERENCE_STEPS steps per call (≈ 0.1 ms on a 2020s x86 core). Changing this loop
 * changes every ratio: rewrite `bench/baseline.json` if you do.
 */
import type { RegisteredCase } from './case.js';

/**
 * Steps per reference call: 2^16 (131,072 multiply-adds, ≈ 0.1 ms), the same length as a case's
 * sample, so time-slicing on a busy machine inflates both alike (a longer reference sample
 * is preempted more often than a short case sample, which would bias every ratio down).
 * Each timing takes the median over a few hundred such calls: tens of millions of multiply-adds.
 */
export const REFERENCE_STEPS = 1 << 16;

/** The name the reference carries in tables and JSON. */
export const REFERENCE_NAME = 'reference loop';

// Dependent chains: each step needs the previous one, so the loop cannot be vectorised or skipped.
const a = 0.999_999;
const b = 0.999_9;
const c = 1e-6;

/** Runs the loop once; returns its state so the caller can keep it alive. Values stay normal (no denormals). */
export function referenceLoop(): number {
  let x = 1;
  let y = 0.5;
  for (let i = 0; i < REFERENCE_STEPS; i++) {
    x = x * a + y;
    y = y * b + c;
  }
  return x + y;
}

/** The reference as a case, measured like any other (never gated: it is the yardstick). */
export const referenceCase: RegisteredCase = {
  name: REFERENCE_NAME,
  suite: 'harness',
  fn: referenceLoop,
  opsPerCall: REFERENCE_STEPS,
  unit: 'step',
  gate: false,
};
