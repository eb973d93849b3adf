import { AnalysisError } from '../errors.ts';
import { unknownColumn, type Levels, type Row } from '../helpers/data.ts';
import { isDataTable, tableFromRows, type Column, type DataTable } from '../helpers/data-table.ts';
import { compareCodePoints, compareNumericLabels } from '../helpers/level-order.ts';
import { formatRNumber } from '../helpers/r-number.ts';

/** A feature over the used profile rows: its levels in order (first = reference) and each row's level code. */
export interface Factor {
  name: string;
  levels: string[];
  codes: Int32Array;
  /** A numeric column: its levels (labels as R's as.character writes them) sort by value, as factor() sorts them. */
  numeric: boolean;
}

/** Profile rows with no missing value in the columns an estimate uses, coded once. */
export interface Profiles {
  n: number;
  /** Rows left out because a used column was missing. */
  nDropped: number;
  outcome: Float64Array;
  /** Weights (non-negative, some positive), or undefined. */
  weights?: Float64Array;
  /** Respondent of each row, as a code 0..G−1, and G. */
  respondent: Int32Array;
  nRespondents: number;
  /**
   * Respondents of cregg's survey design: every id with a weight on some row, complete profile or not (svyglm drops
   * incomplete rows by subsetting the design, which keeps their respondent among its clusters: R trial 39). For the
   * whole data without `by`, or for a group's profiles (subsetProfiles).
   */
  designRespondents?: number;
  /** With `by`: each group's design respondents (cregg splits the data by group and builds a design on each part). */
  designRespondentsByGroup?: ReadonlyMap<string, number>;
  features: Factor[];
  /** The subgroup column (`by`), when asked for. */
  by?: Factor;
}

export interface ProfileColumns {
  outcome: string;
  features: readonly string[];
  id: string;
  weights?: string;
  by?: string;
  levels?: Levels;
}

/** The data as a table: records or a table read by columns (tableFromCsv). */
export function asTable(rows: readonly Row[] | DataTable): DataTable {
  return isDataTable(rows) ? rows : tableFromRows(rows);
}

/** Labels of a column's cells (numbers by `label`: every digit, as JavaScript prints them, unless told), null where missing. */
function labelsOf(column: Column, label: (x: number) => string = String): (i: number) => string | null {
  if (column.type === 'character') return (i) => (column.codes[i] < 0 ? null : column.labels[column.codes[i]]);
  if (column.type === 'logical') return (i) => (Number.isNaN(column.values[i]) ? null : column.values[i] ? 'TRUE' : 'FALSE');
  return (i) => (Number.isNaN(column.values[i]) ? null : label(column.values[i]));
}

/**
 * Codes the profile rows for the conjoint estimators. Features (and `by`) are factors: their levels are the
 * `levels` given for them (a value outside those is an error), else the values present in code-point order (R's
 * `factor()` in the C locale), or by value for a numeric column (as `factor()` sorts numbers); declared levels nobody saw are left out, as R's model frame drops them. The outcome
 * must be numeric (0/1 choice or a rating). Rows missing any used column are dropped (R's na.omit) and counted.
 *
 * @example profileData('amce', table, { outcome: 'chosen', features: ['regime'], id: 'respondent' }).features[0].levels
 */
export function profileData(fn: string, table: DataTable, columns: ProfileColumns): Profiles {
  // cregg's id defaults to ~0 (svydesign(ids = ~0): every row its own cluster, a respondent's profiles taken as
  // independent); vlab asks for the column rather than assume that, and names the way to get cregg's default.
  if (typeof columns.id !== 'string') {
    throw new AnalysisError(fn, 'id is required: the respondent column the standard errors are clustered by (for cregg\'s default without id, svydesign(ids = ~0), every row its own cluster, give a column of row numbers)');
  }
  if (table.length === 0) throw new AnalysisError(fn, 'no rows of data');
  const column = (name: string, role: string): Column => {
    const found = table.column(name);
    if (!found) throw unknownColumn(fn, role, name, table.names);
    return found;
  };
  const outcomeColumn = column(columns.outcome, 'formula');
  if (outcomeColumn.type === 'character') {
    throw new AnalysisError(fn, `outcome column "${columns.outcome}" is not numeric (a 0/1 choice or a rating)`);
  }
  const idLabels = labelsOf(column(columns.id, 'id'));
  const weightColumn = columns.weights === undefined ? undefined : column(columns.weights, 'weights');
  if (weightColumn && weightColumn.type !== 'numeric') throw new AnalysisError(fn, `weights column "${columns.weights}" is not numeric`);
  const factorNames = [...columns.features, ...(columns.by === undefined ? [] : [columns.by])];
  // Levels of numbers are labelled as R's factor() labels them (15 digits: "1e+05"); ids keep every digit.
  const factorLabels = factorNames.map((name, k) => labelsOf(column(name, k < columns.features.length ? 'formula' : 'by'), formatRNumber));

  const keep: number[] = [];
  const designIds = new Set<string>();
  const groupIds = new Map<string, Set<string>>();
  const byLabels = columns.by === undefined ? undefined : factorLabels[factorLabels.length - 1];
  for (let i = 0; i < table.length; i++) {
    if (idLabels(i) === null || (weightColumn && Number.isNaN(weightColumn.values[i]))) continue;
    designIds.add(idLabels(i)!);
    const group = byLabels?.(i);
    if (group != null) groupIds.set(group, (groupIds.get(group) ?? new Set()).add(idLabels(i)!));
    if (Number.isNaN(outcomeColumn.values[i]) || factorLabels.some((labels) => labels(i) === null)) continue;
    keep.push(i);
  }
  if (keep.length === 0) throw new AnalysisError(fn, 'no complete rows (every row misses the outcome, a feature, the id or the weight)');
  const n = keep.length;
  const outcome = Float64Array.from(keep, (i) => outcomeColumn.values[i]);
  let weights: Float64Array | undefined;
  if (weightColumn) {
    weights = Float64Array.from(keep, (i) => weightColumn.values[i]);
    const negative = weights.findIndex((w) => w < 0);
    if (negative >= 0) throw new AnalysisError(fn, `weights column "${columns.weights}" has a negative value (row ${keep[negative] + 1})`);
    if (!weights.some((w) => w > 0)) throw new AnalysisError(fn, `weights column "${columns.weights}" has no positive weight`);
  }
  const respondentCodes = new Map<string, number>();
  const respondent = Int32Array.from(keep, (i) => {
    const label = idLabels(i)!;
    let code = respondentCodes.get(label);
    if (code === undefined) respondentCodes.set(label, (code = respondentCodes.size));
    return code;
  });
  const factors = factorNames.map((name, k) =>
    codeFactor(fn, name, keep, factorLabels[k], columns.levels?.[name], table.column(name)?.type === 'numeric'),
  );
  return {
    n,
    nDropped: table.length - n,
    outcome,
    weights,
    respondent,
    nRespondents: respondentCodes.size,
    designRespondents: columns.by === undefined ? designIds.size : undefined,
    designRespondentsByGroup: columns.by === undefined ? undefined : new Map([...groupIds].map(([group, ids]) => [group, ids.size])),
    features: factors.slice(0, columns.features.length),
    by: columns.by === undefined ? undefined : factors[columns.features.length],
  };
}

function codeFactor(fn: string, name: string, keep: number[], labels: (i: number) => string | null, declared: readonly string[] | undefined, numeric: boolean): Factor {
  const seen = new Set<string>();
  for (const i of keep) seen.add(labels(i)!);
  let levels: string[];
  if (declared) {
    if (!Array.isArray(declared)) throw new AnalysisError(fn, `levels of "${name}" must be a list of strings`);
    const outside = [...seen].find((label) => !declared.includes(label));
    if (outside !== undefined) throw new AnalysisError(fn, `"${name}" has the value "${outside}", which is not among its declared levels (${declared.join(', ')})`);
    levels = declared.filter((level) => seen.has(level));
  } else {
    levels = [...seen].sort(numeric ? compareNumericLabels : compareCodePoints);
  }
  const index = new Map(levels.map((level, k) => [level, k]));
  return { name, levels, codes: Int32Array.from(keep, (i) => index.get(labels(i)!)!), numeric };
}

/**
 * The profiles of `rows` only (a subgroup): every per-row array subset, and each feature's levels reduced to those
 * the group shows (R's drop.unused.levels in the group's own model, as cregg's `by` fits it), so the reference is
 * the first level present. Keeping an absent reference gave the group's contrasts against another level under
 * the absent one's name (found by the 2026-12-03 trial against R).
 */
export function subsetProfiles(profiles: Profiles, rows: Int32Array, designRespondents?: number): Profiles {
  const pick = <T extends Float64Array | Int32Array>(values: T): T => {
    const out = new (values.constructor as new (n: number) => T)(rows.length);
    rows.forEach((i, k) => (out[k] = values[i]));
    return out;
  };
  const respondent = pick(profiles.respondent);
  const factor = (f: Factor): Factor => ({ ...f, codes: pick(f.codes) });
  const present = (f: Factor): Factor => {
    const codes = pick(f.codes);
    const seen = new Uint8Array(f.levels.length);
    for (const code of codes) seen[code] = 1;
    const recode = new Int32Array(f.levels.length).fill(-1);
    const levels: string[] = [];
    f.levels.forEach((level, k) => {
      if (seen[k]) {
        recode[k] = levels.length;
        levels.push(level);
      }
    });
    return { name: f.name, levels, codes: codes.map((code) => recode[code]), numeric: f.numeric };
  };
  return {
    n: rows.length,
    nDropped: 0,
    outcome: pick(profiles.outcome),
    weights: profiles.weights && pick(profiles.weights),
    respondent,
    nRespondents: new Set(respondent).size,
    designRespondents,
    features: profiles.features.map(present),
    by: profiles.by && factor(profiles.by),
  };
}
