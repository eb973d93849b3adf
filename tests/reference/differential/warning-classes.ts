// estimatr's warnings as classes (R trial 42): the differential test compares, case by case, which of them R gave
// (differential.R stores every warning of a fit or dim case) with which vlab gave, in vlab's own words. A warning
// of R's outside these classes fails the test until it is classed here, so a new kind is seen, not skipped; vlab's
// warnings outside them (level order, declared levels, its own refusals' notes) are vlab's additions, not compared.
// Where R stops (a case's stored error) its warnings before stopping are not compared: vlab refuses such a case.

export type WarningClass =
  | 'missing weights'
  | 'missing clusters'
  | 'missing fixed effects'
  | 'missing blocks'
  | 'NaNs produced'
  | 'NAs introduced by coercion'
  | 'blocks of two beside larger'
  | 'df zero or negative';

/** R's message (R 4.2.2, estimatr 1.0.0) of each class. */
const R_WORDS: [WarningClass, RegExp][] = [
  ['missing weights', /missingness in the weights variable\(s\) but not in the outcome/],
  ['missing clusters', /missingness in the cluster variable\(s\) but not in the outcome/],
  ['missing fixed effects', /missingness in the fixed_effects variable\(s\) but not in the outcome/],
  ['missing blocks', /missingness in the block variable\(s\) but not in the outcome/],
  ['NaNs produced', /^NaNs produced$/],
  ['NAs introduced by coercion', /^NAs introduced by coercion$/],
  ['blocks of two beside larger', /^Some `blocks` have two units\/`clusters` while other blocks have more/],
  ['df zero or negative', /^Some degrees of freedom have been estimated as negative or zero/],
];

/** vlab's words for the same class. */
const VLAB_WORDS: [WarningClass, RegExp][] = [
  ['missing weights', /a missing weight \(/],
  ['missing clusters', /a missing cluster \(/],
  ['missing fixed effects', /a missing fixed effect \(/],
  ['missing blocks', /a missing block \(/],
  ['NaNs produced', /\(R: "NaNs produced"\)/],
  ['NAs introduced by coercion', /\(R: "NAs introduced by coercion"\)/],
  ['blocks of two beside larger', /some blocks have two (units|clusters) while others have more/],
  ['df zero or negative', /some degrees of freedom are zero or negative/],
];

function classesOf(warnings: readonly string[], words: [WarningClass, RegExp][]): { classes: Set<WarningClass>; unclassed: string[] } {
  const classes = new Set<WarningClass>();
  const unclassed: string[] = [];
  for (const warning of warnings) {
    const found = words.find(([, pattern]) => pattern.test(warning));
    if (found) classes.add(found[0]);
    else unclassed.push(warning);
  }
  return { classes, unclassed };
}

/** The classes of R's stored warnings, and any warning of R's no class names (the test fails on those). */
export const rWarningClasses = (warnings: readonly string[]) => classesOf(warnings, R_WORDS);

/** The classes among vlab's warnings; vlab's other warnings are its own additions. */
export const vlabWarningClasses = (warnings: readonly string[]): Set<WarningClass> => classesOf(warnings, VLAB_WORDS).classes;
