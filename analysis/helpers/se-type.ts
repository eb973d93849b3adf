import { AnalysisError } from '../errors.ts';
import { validOptions } from './did-you-mean.ts';

/** Every variance estimator `lmRobust` knows, as estimatr names them (plus `cregg`, survey::svyglm's convention). */
export const SE_TYPES = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'] as const;
export type SeType = (typeof SE_TYPES)[number];

/** estimatr's "none" returns the estimates with every SE, test and interval NA; vlab has no such fit (a plan says so too). */
export const SE_TYPE_NONE_REFUSAL = `se type "none" is not supported: vlab always computes standard errors (estimatr's "none" gives the same estimates with no SE, p-value or interval; any se type gives those estimates) (valid: ${SE_TYPES.join(', ')})`;

const CLUSTER_TYPES: readonly SeType[] = ['CR0', 'stata', 'CR2', 'cregg'];

/**
 * Validates an se type against the data's clustering (estimatr's `check_se_type`): default HC2, or CR2 with
 * clusters; `stata` without clusters means HC1, as in estimatr. Unknown values list the valid ones.
 *
 * @example resolveSeType('lmRobust', undefined, true) // 'CR2'; resolveSeType('lmRobust', 'stata', false) // 'HC1'
 */
export function resolveSeType(fn: string, requested: string | undefined, clustered: boolean): SeType {
  if (requested === undefined) return clustered ? 'CR2' : 'HC2';
  if (requested === 'none') throw new AnalysisError(fn, SE_TYPE_NONE_REFUSAL);
  if (!(SE_TYPES as readonly string[]).includes(requested)) {
    throw new AnalysisError(fn, `unknown se type "${requested}" ${validOptions(requested, SE_TYPES)}`);
  }
  const seType = requested as SeType;
  if (clustered && !CLUSTER_TYPES.includes(seType)) {
    throw new AnalysisError(fn, `se type "${seType}" cannot be used with clusters (valid with clusters: ${CLUSTER_TYPES.join(', ')})`);
  }
  if (!clustered && seType === 'stata') return 'HC1';
  if (!clustered && CLUSTER_TYPES.includes(seType)) {
    throw new AnalysisError(fn, `se type "${seType}" needs clusters (valid without clusters: classical, HC0, HC1, HC2, HC3, stata)`);
  }
  return seType;
}
