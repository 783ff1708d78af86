/**
 * Bounded nonlinear least squares for calibration: find parameters θ in a box so that the
 * model's figures match targets, minimising Σ w_j · r_j(θ)² with relative residuals
 * r_j = (f_j(θ) − target_j) / scale_j. Levenberg–Marquardt in coordinates normalised to the
 * box (u = (θ − min)/(max − min) ∈ [0, 1]), forward-difference Jacobian, steps clamped to the
 * box. Meant for a few parameters and a cheap model (the analytic kernels): each iteration
 * costs n + 1 evaluations plus a few trial steps.
 */

/** Model figures at parameters θ (one value per target). */
export type Evaluate = (theta: readonly number[]) => number[];

export interface LeastSquaresProblem {
  evaluate: Evaluate;
  /** target values, one per output of `evaluate` */
  targets: readonly number[];
  /** residual scales (default |target|, or 1 when the target is 0) */
  scales?: readonly number[];
  /** weights ≥ 0 (default 1); 0 reports a target without fitting it */
  weights?: readonly number[];
  /** box bounds, min < max for each parameter */
  min: readonly number[];
  max: readonly number[];
  /** starting point (default: the box centre) */
  start?: readonly number[];
}

export interface LeastSquaresOptions {
  /** stop when the weighted RMS relative residual is below this (default 1e-7) */
  tolerance?: number;
  /** iterations at most (default 40) */
  maxIterations?: number;
  /** forward-difference step in normalised coordinates (default 1e-3) */
  step?: number;
}

export interface LeastSquaresResult {
  theta: number[];
  /** model outputs at theta */
  values: number[];
  /** relative residuals at theta, (value − target) / scale */
  residuals: number[];
  /** d value_j / d theta_k at theta (physical units), rows = targets */
  jacobian: number[][];
  /** weighted sum of squared relative residuals */
  cost: number;
  iterations: number;
  evaluations: number;
  /** parameters at a bound at the end (index list) */
  atBound: number[];
}

/** Solves the normal equations (A + μ·diag(A)) x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    if (Math.abs(piv) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-300 ? 0 : row[n]! / row[i]!));
}

/**
 * Fits parameters to targets.
 * @throws {RangeError} mismatched lengths, a box with min ≥ max, or a start outside the box
 * @example leastSquares({ evaluate: ([x]) => [x! * x!], targets: [4], min: [0], max: [10] }).theta // ≈ [2]
 */
export function leastSquares(p: LeastSquaresProblem, options: LeastSquaresOptions = {}): LeastSquaresResult {
  const n = p.min.length;
  if (p.max.length !== n) throw new RangeError(`leastSquares: min and max must have the same length, got ${n} and ${p.max.length}`);
  for (let k = 0; k < n; k++) {
    if (!(p.min[k]! < p.max[k]!)) throw new RangeError(`leastSquares: parameter ${k} needs min < max, got [${p.min[k]}, ${p.max[k]}]`);
  }
  if (p.start !== undefined && p.start.length !== n) {
    throw new RangeError(`leastSquares: start must have one value per parameter (${n}), got ${p.start.length}`);
  }
  const m = p.targets.length;
  const scales = p.scales ?? p.targets.map((t) => (t === 0 ? 1 : Math.abs(t)));
  const weights = p.weights ?? p.targets.map(() => 1);
  const tol = options.tolerance ?? 1e-7;
  const maxIt = options.maxIterations ?? 40;
  const h = options.step ?? 1e-3;
  const span = p.min.map((lo, k) => p.max[k]! - lo);
  const toTheta = (u: readonly number[]) => u.map((x, k) => p.min[k]! + x * span[k]!);
  let evaluations = 0;
  const resid = (u: readonly number[]): { values: number[]; r: number[]; cost: number } => {
    evaluations++;
    const values = p.evaluate(toTheta(u));
    if (values.length !== m) throw new RangeError(`leastSquares: evaluate returned ${values.length} values for ${m} targets`);
    const r = values.map((v, j) => (v - p.targets[j]!) / scales[j]!);
    let cost = 0;
    for (let j = 0; j < m; j++) cost += weights[j]! * r[j]! * r[j]!;
    return { values, r, cost: Number.isFinite(cost) ? cost : Infinity };
  };
  let u = (p.start ?? p.min.map((lo, k) => lo + span[k]! / 2)).map((t, k) => (t - p.min[k]!) / span[k]!);
  const outside = u.findIndex((x) => !(x >= 0 && x <= 1));
  if (outside >= 0) {
    throw new RangeError(`leastSquares: start[${outside}] must lie in [${p.min[outside]}, ${p.max[outside]}], got ${p.start?.[outside]}`);
  }
  let cur = resid(u);
  let mu = 1e-3;
  let it = 0;
  let jac: number[][] = [];
  const jacobianAt = (u0: readonly number[], r0: readonly number[]): number[][] => {
    const cols: number[][] = [];
    for (let k = 0; k < n; k++) {
      const step = u0[k]! + h <= 1 ? h : -h;
      const u1 = [...u0];
      u1[k] = u0[k]! + step;
      const r1 = resid(u1).r;
      cols.push(r1.map((x, j) => (x - r0[j]!) / step));
    }
    return Array.from({ length: m }, (_, j) => cols.map((c) => c[j]!)); // rows = targets, in normalised u
  };
  for (; it < maxIt && Math.sqrt(cur.cost) > tol; it++) {
    jac = jacobianAt(u, cur.r);
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => {
      let s = 0;
      for (let j = 0; j < m; j++) s += weights[j]! * jac[j]![i]! * jac[j]![k]!;
      return s;
    }));
    const g = Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < m; j++) s -= weights[j]! * jac[j]![i]! * cur.r[j]!;
      return s;
    });
    let improved = false;
    for (let tries = 0; tries < 12; tries++) {
      const damped = a.map((row, i) => row.map((x, k) => (i === k ? x + mu * (x + 1e-12) : x)));
      const d = solve(damped, g);
      const u1 = u.map((x, k) => Math.min(1, Math.max(0, x + d[k]!)));
      const next = resid(u1);
      if (next.cost < cur.cost) {
        u = u1;
        cur = next;
        mu = Math.max(mu / 4, 1e-9);
        improved = true;
        break;
      }
      mu *= 8;
    }
    if (!improved) break;
  }
  jac = jacobianAt(u, cur.r);
  const theta = toTheta(u);
  const jacobian = jac.map((row, j) => row.map((x, k) => (x * scales[j]!) / span[k]!));
  const atBound = u.map((x, k) => (x <= 1e-9 || x >= 1 - 1e-9 ? k : -1)).filter((k) => k >= 0);
  return { theta, values: cur.values, residuals: cur.r, jacobian, cost: cur.cost, iterations: it, evaluations, atBound };
}

/**
 * One Gauss–Newton step from residuals measured elsewhere (e.g. by simulation) with a
 * Jacobian computed on a cheaper model: Δθ minimising Σ w_j (r_j + Σ_k J_jk Δθ_k / s_j)²,
 * θ clamped to the box. `residualsAbs` and `jacobian` in physical units (value − target).
 * @example gaussNewtonStep([2], [[4]], [1], [0], [10]) // [1.5] from θ = 2: 2 − 2/4
 */
export function gaussNewtonStep(
  theta: readonly number[],
  jacobian: readonly (readonly number[])[],
  residualsAbs: readonly number[],
  min: readonly number[],
  max: readonly number[],
  weights?: readonly number[],
  scales?: readonly number[],
): number[] {
  const n = theta.length;
  const m = residualsAbs.length;
  const w = weights ?? residualsAbs.map(() => 1);
  const s = scales ?? residualsAbs.map(() => 1);
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => {
    let x = 0;
    for (let j = 0; j < m; j++) x += (w[j]! * jacobian[j]![i]! * jacobian[j]![k]!) / (s[j]! * s[j]!);
    return x + (i === k ? 1e-12 * (x + 1e-300) : 0);
  }));
  const g = Array.from({ length: n }, (_, i) => {
    let x = 0;
    for (let j = 0; j < m; j++) x -= (w[j]! * jacobian[j]![i]! * residualsAbs[j]!) / (s[j]! * s[j]!);
    return x;
  });
  const d = solve(a, g);
  return theta.map((t, k) => Math.min(max[k]!, Math.max(min[k]!, t + d[k]!)));
}
