/** A column beside the formula whose missing value drops a row: weights, clusters, a fixed effect, blocks. */
export interface MissingRole {
  role: 'weight' | 'cluster' | 'fixed effect' | 'block';
  /** The column (or the fixed effects' formula) as the analyst named it. */
  name: string;
  missing: (row: number) => boolean;
}

// estimatr's clean_model_data warns in this order (its to_check_if_missing), whichever role a row is counted under.
const WARNED_IN_ORDER: MissingRole['role'][] = ['cluster', 'block', 'weight', 'fixed effect'];

/**
 * The rows a missing weight, cluster, fixed effect or block drops while the outcome and terms are complete, in words:
 * estimatr warns "Some observations have missingness in the <role> variable(s) but not in the outcome or covariates.
 * These observations have been dropped."; vlab dropped the same rows without a word until the forty-first R trial. A
 * row missing in two roles counts under the first of `roles`, estimatr's model-frame order (naomitwhy: lm_robust's
 * weights, clusters, fixed effects; difference_in_means's weights, blocks, clusters). `considered`: the rows whose
 * outcome and terms are complete and that a subset keeps.
 *
 * @example missingRoleWarnings('lmRobust', 12, (i) => i !== 11, [{ role: 'cluster', name: 'cl', missing: (i) => i === 2 }])
 * // ['lmRobust: 1 row with the outcome and terms complete has a missing cluster ("cl") and is dropped, as estimatr drops …']
 */
export function missingRoleWarnings(fn: string, total: number, considered: (row: number) => boolean, roles: readonly MissingRole[]): string[] {
  const counts = new Map<MissingRole, number>();
  for (let i = 0; i < total; i++) {
    if (!considered(i)) continue;
    const first = roles.find((role) => role.missing(i));
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  const ordered = [...counts].sort(([a], [b]) => WARNED_IN_ORDER.indexOf(a.role) - WARNED_IN_ORDER.indexOf(b.role));
  return ordered.map(([{ role, name }, count]) => {
    const rows = count === 1 ? '1 row with the outcome and terms complete has' : `${count} rows with the outcome and terms complete have`;
    const estimatrRole = role === 'weight' ? 'weights' : role === 'fixed effect' ? 'fixed_effects' : role;
    return `${fn}: ${rows} a missing ${role} ("${name}") and ${count === 1 ? 'is' : 'are'} dropped, as estimatr drops ${count === 1 ? 'it' : 'them'} ` +
      `("Some observations have missingness in the ${estimatrRole} variable(s) but not in the outcome or covariates")`;
  });
}
