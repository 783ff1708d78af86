/**
 * Gauss quadrature for the gamma distribution of mean 1 and coefficient of variation `cv` (shape
 * a = 1/cv²): K nodes fⱼ and probabilities pⱼ with Σ pⱼ·q(fⱼ) = E[q(F)] exactly for every
 * polynomial q of degree ≤ 2K − 1. By Golub & Welsch (1969): the nodes are the eigenvalues of the
 * Jacobi matrix of the generalised Laguerre polynomials L^{(a−1)} (diagonal 2k + a, off-diagonal
 * √(k(k + a − 1)), k from 0 or 1), divided by a; the probabilities are the squared first
 * components of the normalised eigenvectors. Used for a random volume factor F (a day's volume
 * against its forecast): an expectation over F as a K-point weighted sum.
 * @throws {RangeError} cv not in (0, 10] or K not a whole number in [1, 20]
 * @example gammaQuadrature(0.2, 3) // nodes ≈ [0.66, 0.98, 1.37], weights summing to 1
 */
export function gammaQuadrature(cv: number, K: number): { nodes: number[]; weights: number[] } {
  if (!(cv > 0 && cv <= 10)) throw new RangeError(`gammaQuadrature: cv must be in (0, 10], got ${cv}`);
  if (!(Number.isInteger(K) && K >= 1 && K <= 20)) throw new RangeError(`gammaQuadrature: K must be a whole number in [1, 20], got ${K}`);
  const a = 1 / (cv * cv);
  const d = Array.from({ length: K }, (_, k) => 2 * k + a);
  const e = Array.from({ length: K }, (_, k) => (k === 0 ? 0 : Math.sqrt(k * (k + a - 1))));
  const { values, firstComponents } = tridiagonalEigen(d, e);
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const nodes = order.map((i) => values[i]! / a);
  const raw = order.map((i) => firstComponents[i]! ** 2);
  const total = raw.reduce((s, w) => s + w, 0);
  return { nodes, weights: raw.map((w) => w / total) };
}

/**
 * Eigenvalues and first eigenvector components of a symmetric tridiagonal matrix (diagonal d,
 * sub-diagonal e with e[0] unused) by the implicit QL method with Wilkinson shifts.
 */
function tridiagonalEigen(diag: readonly number[], sub: readonly number[]): { values: number[]; firstComponents: number[] } {
  const n = diag.length;
  const d = [...diag];
  const e = [...sub.slice(1), 0];
  // z holds the first row of the accumulated rotations (the eigenvectors' first components)
  const z: number[] = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0));
  for (let l = 0; l < n; l++) {
    for (let iter = 0; iter < 60; iter++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1]! - p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = z[i + 1]!;
        z[i + 1] = s * z[i]! + c * f;
        z[i] = c * z[i]! - s * f;
      }
      if (r === 0 && i >= l) continue;
      d[l] = d[l]! - p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return { values: d, firstComponents: z };
}
