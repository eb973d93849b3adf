// The public surface of the analysis module: estimators, their options and result shapes, and the helpers a
// caller needs to prepare input (CSV rows) or reuse the maths (distributions).
export { AnalysisError } from './errors.ts';
export { isPerfectFitWarning, lmRobust, PERFECT_FIT_WARNING, type LmRobustOptions, type LmRobustResult } from './lm-robust.ts';
export { differenceInMeans, type DifferenceInMeansOptions, type DifferenceInMeansResult } from './difference-in-means.ts';
export { rake, type Margins, type RakeOptions, type RakeResult } from './rake.ts';
export { pAdjust, pAdjustMethod, pAdjustMethodProblem, P_ADJUST_METHODS, type PAdjustMethod, type PAdjustMethodName } from './p-adjust.ts';
export { rowsFromCsv, csvFromRecords } from './csv.ts';
export { tableFromCsv } from './csv-table.ts';
export { tableFromRows, type Column, type DataTable } from './helpers/data-table.ts';
export { rowsWhere } from './helpers/subset-rows.ts';
export { SE_TYPE_NONE_REFUSAL, SE_TYPES, type SeType } from './helpers/se-type.ts';
export { DEFAULT_ALPHA } from './helpers/alpha.ts';
export type { TidyRow } from './helpers/tidy.ts';
export type { Cell, Levels, Row } from './helpers/data.ts';
export { parseFormula, type Formula } from './helpers/formula.ts';
export { designColumnNames, type VariableShape } from './helpers/model-matrix.ts';
export {
  noncentralTCdf,
  normalQuantile,
  normalTwoSidedP,
  normalUpperTail,
  studentQuantile,
  studentTwoSidedP,
  studentUpperTail,
} from './helpers/distributions.ts';
export { powerPropTest, type PowerPropOptions, type PowerPropResult } from './power-prop.ts';
export { cohenH, powerCohenH, type CohenHAlternative, type PowerCohenHOptions, type PowerCohenHResult } from './power-cohen-h.ts';
export { powerAnalysis, type PowerAlternative, type PowerContrast, type PowerOptions, type PowerResult, type PowerType } from './power.ts';
export { MDE_POWER, minimumDetectableEffect, type MdeOptions } from './mde.ts';
export { textTable } from './text-table.ts';
export { terminalText } from './terminal-text.ts';
export { amce, type AmceOptions, type ConjointOptions } from './conjoint/amce.ts';
export { mm, type MmOptions } from './conjoint/mm.ts';
export { mmDiffs, type MmDiffsOptions } from './conjoint/mm-diffs.ts';
export { amceDiffs, type AmceDiffsOptions } from './conjoint/amce-diffs.ts';
export { freqs, type FreqsOptions, type LevelFrequency } from './conjoint/freqs.ts';
export { probabilitiesFromColumns } from './conjoint/probability-columns.ts';
export { conjointColumns, type ConjointEstimate, type ConjointResult } from './conjoint/result.ts';
export type { ConjointLabels } from './conjoint/warnings.ts';
export { chiSquareUpperTail } from './helpers/chi-square.ts';
