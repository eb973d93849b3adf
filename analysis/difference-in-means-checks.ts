// The design checks of differenceInMeans (difference-in-means.ts): what estimatr refuses, and where its answer would
// be a variance that is 0 by construction printed as rounding noise.
import { AnalysisError } from './errors.ts';
import type { Row } from './helpers/data.ts';

const FN = 'differenceInMeans';

/**
 * estimatr's check_clusters_blocks: every cluster within one block ("All `clusters` must be contained within `blocks`";
 * a label reused in another block is another cluster only to the analyst). Named here with the first such cluster.
 */
export function checkClustersNested(rows: readonly Row[], index: Int32Array, codes: { cluster: Int32Array; block: Int32Array }, clusters: string, blocks: string): void {
  // By the codes groupCodes gives (a cluster as R reads it: "01" and "1" of a numeric column are one cluster).
  const firstRow = new Map<number, number>();
  for (let k = 0; k < index.length; k++) {
    const seen = firstRow.get(codes.cluster[k]);
    if (seen === undefined) firstRow.set(codes.cluster[k], k);
    else if (codes.block[seen] !== codes.block[k]) {
      const [i, j] = [index[seen], index[k]];
      throw new AnalysisError(FN, `clusters must be nested within blocks: cluster "${rows[i][clusters]}" of "${clusters}" is in blocks "${rows[i][blocks]}" and "${rows[j][blocks]}" (as estimatr refuses it; give each block's clusters their own labels, e.g. block and cluster pasted together)`);
    }
  }
}

/** Whether y takes one value in each arm (of each block): every residual of y ~ 1 + t (per block) is 0. */
export function oneValuePerArm(y: Float64Array, t: Uint8Array, blockCodes: Int32Array | undefined): boolean {
  const first = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    const key = 2 * (blockCodes ? blockCodes[i] : 0) + t[i];
    const value = first.get(key);
    if (value === undefined) first.set(key, y[i]);
    else if (value !== y[i]) return false;
  }
  return true;
}

export function checkClusterTreatment(cluster: Int32Array, t: Uint8Array): void {
  const seen = new Map<number, number>();
  for (let i = 0; i < cluster.length; i++) {
    const previous = seen.get(cluster[i]);
    if (previous === undefined) seen.set(cluster[i], t[i]);
    else if (previous !== t[i]) throw new AnalysisError(FN, 'all units within a cluster must have the same treatment condition');
  }
}

/**
 * An arm that is one cluster has no variance to estimate: each cluster's residuals sum to 0, so every SE is 0 and
 * estimatr prints roundoff (SE 9e-17, p 1e-31: a "significant" result from nothing). Refused in words, as lmRobust
 * refuses one cluster. (Blocked designs have estimatr's own rules: pairs, two clusters of each arm a block.)
 */
export function checkClustersPerArm(cluster: Int32Array, t: Uint8Array, column: string): void {
  const perArm = [new Set<number>(), new Set<number>()];
  cluster.forEach((c, i) => perArm[t[i]].add(c));
  const short = perArm.findIndex((set) => set.size < 2);
  if (short >= 0) {
    throw new AnalysisError(FN, `with clusters, each arm needs two or more clusters; the ${short ? 'treated' : 'control'} arm is ${perArm[short].size} cluster of "${column}", whose standard error would be 0 by construction`);
  }
}
