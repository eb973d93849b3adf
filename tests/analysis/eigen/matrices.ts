// Seeded matrices on which our ColPivHouseholderQR must reproduce Eigen's bits: intercepts and dummies (exact ties
// between collinear columns), scaled dummies, sums of columns (exact collinearity) and plain random columns, with
// odd and even row counts (Eigen's alignment), tall and wide. Shared by eigen-colpiv.test.ts and generate.ts.
import { seededRandom } from '../../../support/seeded-random.ts';

export interface TestMatrix {
  n: number;
  p: number;
  /** Column-major n × p. */
  x: Float64Array;
}

export function eigenTestMatrices(): TestMatrix[] {
  const random = seededRandom(20261202);
  const out: TestMatrix[] = [];
  for (let t = 0; t < 120; t++) {
    const n = 1 + Math.floor(random() * (t % 3 === 0 ? 400 : 60));
    const p = 1 + Math.floor(random() * 25);
    const x = new Float64Array(n * p);
    const kind = t % 4;
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < n; i++) {
        let v: number;
        if (j === 0) v = 1;
        else if (kind === 0) v = random() < 0.3 ? 1 : 0;
        else if (kind === 1) v = Math.floor(random() * 3) === j % 3 ? 1 : 0;
        else if (kind === 2) v = (random() < 0.5 ? 1 : 0) * Math.sqrt(0.5 + random());
        else v = j % 4 === 0 ? x[(j - 1) * n + i] + (j > 1 ? x[(j - 2) * n + i] : 0) : random() * 1000;
        x[j * n + i] = v;
      }
    }
    out.push({ n, p, x });
  }
  return out;
}

/** FNV-1a over the bits of every double: a fingerprint of Eigen's whole m_qr. */
export function fingerprint(values: Float64Array): string {
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < values.length; i++) h = ((h ^ view.getBigUint64(8 * i, true)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}
