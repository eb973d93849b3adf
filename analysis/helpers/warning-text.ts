// Every analysis warning starts with the name of the function that gave it ("lmRobust: …", "amce_diffs: …",
// convention 4), as R names the call. Where the reader already knows who spoke — `vlab amce`'s stderr, a
// hypothesis' card, a row of `vlab estimates`' table — the name is said once, by the verb or the label.

/**
 * A warning without the name of the function that gave it.
 * @example withoutEstimatorName('amce: feature "regime": …') // 'feature "regime": …'
 */
export const withoutEstimatorName = (message: string): string => message.replace(/^[A-Za-z][A-Za-z_]*: /, '');
