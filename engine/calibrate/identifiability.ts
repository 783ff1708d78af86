/**
 * Which fitted parameters the fitted targets determine. From the Jacobian J (rows = fitted
 * targets, columns = parameters, each column scaled by the parameter's range and each row by
 * its target, so entries are "relative change of the target per full range of the
 * parameter"): a parameter whose column is ~0 moves no fitted target; a set of parameters
 * whose columns are linearly dependent (only a combination is pinned down, e.g. handle time
 * and staff on voice through their product) shows as a near-zero singular value. Also flags
 * fewer fitted targets than parameters.
 */

export interface Identifiability {
  /** singular values of the scaled Jacobian, largest first */
  singularValues: number[];
  /** σ_max / σ_min (Infinity when σ_min = 0) */
  condition: number;
  /** parameters (indices) that move no fitted target */
  inert: number[];
  /** parameter index sets along near-null directions (each a combination the targets cannot separate) */
  confounded: number[][];
  /** fitted targets (rows) minus parameters; < 0: under-determined */
  excess: number;
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi). Returns values and column vectors. */
function symmetricEigen(a0: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = a0.length;
  const a = a0.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!, akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!, aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!, vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((r, i) => r[i]!), vectors: v };
}

/**
 * Identifiability of parameters from a scaled Jacobian (rows fitted targets, columns parameters).
 * Singular values are those of the Jacobian with unit-length columns (1 for a lone parameter).
 * @param tolerance relative size below which a column counts as zero (default 1e-4); a
 *   singular value below √tolerance · σ_max marks a confounded set
 * @example identifiability([[1, 2]]).excess // -1: two parameters, one target
 */
export function identifiability(jacobian: readonly (readonly number[])[], tolerance = 1e-4): Identifiability {
  const m = jacobian.length;
  const n = jacobian[0]?.length ?? 0;
  const raw = Array.from({ length: n }, (_, k) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += jacobian[j]![k]! ** 2;
    return Math.sqrt(s);
  });
  const maxRaw = Math.max(0, ...raw);
  const inert = raw.map((c, k) => (c <= tolerance * Math.max(maxRaw, 1e-300) || c < 1e-12 ? k : -1)).filter((k) => k >= 0);
  // Columns normalised to unit length: a near-null direction then shows every parameter in it
  // with a comparable weight, whatever the parameters' sensitivities.
  const norm = (j: number, k: number) => (inert.includes(k) ? 0 : jacobian[j]![k]! / raw[k]!);
  const jtj = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += norm(j, i) * norm(j, k);
    return s;
  }));
  const { values, vectors } = symmetricEigen(jtj);
  const order = values.map((_, i) => i).sort((x, y) => values[y]! - values[x]!);
  const singularValues = order.map((i) => Math.sqrt(Math.max(0, values[i]!)));
  const smax = singularValues[0] ?? 0;
  const smin = singularValues[singularValues.length - 1] ?? 0;
  const confounded: number[][] = [];
  order.forEach((i) => {
    const sv = Math.sqrt(Math.max(0, values[i]!));
    if (sv > Math.sqrt(tolerance) * smax) return; // σ of unit columns: √tolerance ≈ 1% by default
    const vec = vectors.map((row) => row[i]!);
    const members = vec.map((x, k) => (Math.abs(x) > 0.1 && !inert.includes(k) ? k : -1)).filter((k) => k >= 0);
    if (members.length >= 2) confounded.push(members);
  });
  return { singularValues, condition: smin > 0 ? smax / smin : Infinity, inert, confounded, excess: m - n };
}
