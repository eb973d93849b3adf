/**
 * Householder reflections H = I − τ v vᵀ, v = [1; essential], as LAPACK's dlarfg and dlarf define them (and
 * Eigen's makeHouseholder / applyHouseholderOnTheLeft, which estimatr's QR calls). The reflected vector is
 * [top; tail]: a diagonal element and the m elements below it, which may sit in another array (the tall-skinny
 * QR keeps its running triangle apart from the block of rows it folds in).
 *
 * Shared by qr.ts (the tall-skinny triangle and Qᵀy) and cr2-adjustment.ts (each cluster's QR). The pivoted QR in
 * col-piv-householder-qr.ts keeps its own copy on purpose: it must repeat Eigen's order of operations bit for bit.
 */

/**
 * Makes the reflector that maps [top[topAt]; tail[tailAt .. tailAt + m)] to [β; 0]: writes β to top[topAt] and the
 * essential part of v over the tail, and returns τ. A zero tail needs no reflection: τ = 0, nothing is written.
 *
 * @example const top = Float64Array.of(3), tail = Float64Array.of(4); makeReflector(top, 0, tail, 0, 1) // τ 1.6; top [−5], tail [0.5]
 */
export function makeReflector(top: Float64Array, topAt: number, tail: Float64Array, tailAt: number, m: number): number {
  let tailSq = 0;
  for (let i = tailAt; i < tailAt + m; i++) tailSq += tail[i] * tail[i];
  if (tailSq === 0) return 0;
  const alpha = top[topAt];
  let beta = Math.sqrt(alpha * alpha + tailSq);
  if (alpha >= 0) beta = -beta;
  const divisor = alpha - beta;
  for (let i = tailAt; i < tailAt + m; i++) tail[i] /= divisor;
  top[topAt] = beta;
  return (beta - alpha) / beta;
}

/**
 * Applies H = I − τ v vᵀ (v = [1; v[vAt .. vAt + m)]) to the vector [top[topAt]; tail[tailAt .. tailAt + m)] in place.
 *
 * @example applyReflector(1.6, Float64Array.of(0.5), 0, 1, Float64Array.of(3), 0, Float64Array.of(4), 0) // [3; 4] → [−5; 0]
 */
export function applyReflector(
  tau: number,
  v: Float64Array,
  vAt: number,
  m: number,
  top: Float64Array,
  topAt: number,
  tail: Float64Array,
  tailAt: number,
): void {
  if (tau === 0) return;
  let w = top[topAt];
  for (let i = 0; i < m; i++) w += v[vAt + i] * tail[tailAt + i];
  w *= tau;
  top[topAt] -= w;
  for (let i = 0; i < m; i++) tail[tailAt + i] -= w * v[vAt + i];
}
