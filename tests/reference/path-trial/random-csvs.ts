// The path trial's CSV files for the analysis verbs (`vlab fit`, `vlab dim`): what a spreadsheet or another
// program writes — a byte-order mark, CRLF line ends, quoted headers and values, headers with spaces, "NA", empty
// and blank cells, TRUE/FALSE, accented labels — with the options an analyst would give. cli.R reads each file
// with read.csv(na.strings = c("", "NA"), check.names = FALSE) and runs the same estimatr call.
import { seededRandom } from '../../analysis/support.ts';

/** Seeds 1…CSV_TRIAL_SEEDS; each is one file and one call. */
export const CSV_TRIAL_SEEDS = 16;

const SE_TYPES = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'stata'] as const;
const CLUSTER_SE_TYPES = ['CR0', 'CR2', 'stata'] as const;
/** Text labels in a declared order (--levels), so no locale's sort is involved. */
export const LABELS = ['Démocratie', 'autocracy', 'mixed regime'] as const;

export interface CsvCase {
  seed: number;
  csv: string;
  verb: 'fit' | 'dim';
  /** The verb's options after --data FILE. */
  args: string[];
  /** For cli.R: the outcome, right-hand side, se type and optional weights / clusters / blocks columns. */
  r: { outcome: string; rhs: string; seType: string | null; weights: string | null; clusters: string | null; blocks: string | null };
}

type Draw = () => number;
const pick = <T>(random: Draw, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function cell(random: Draw, value: string, missingRate: number): string {
  const u = random();
  if (u < missingRate / 3) return 'NA';
  if (u < (2 * missingRate) / 3) return '';
  if (u < missingRate) return ' ';
  return random() < 0.2 ? `"${value}"` : value;
}

/** One row's fields: outcome, a covariate, a label, a logical, a cluster id, a weight, a 0/1 treatment. */
function rowFields(random: Draw, clusters: number): string[] {
  const label = pick(random, LABELS);
  const x = random() * 4 - 2;
  const treated = random() < 0.5 ? 1 : 0;
  const flag = random() < 0.5;
  const y = 1 + 0.5 * x + (label === 'autocracy' ? 0.7 : 0) + 0.4 * treated + (flag ? 0.2 : 0) + (random() - 0.5) * 2;
  return [
    cell(random, y.toFixed(4), 0.1),
    cell(random, x.toFixed(3), 0.04),
    `"${label}"`,
    flag ? 'TRUE' : 'FALSE',
    String(1 + Math.floor(random() * clusters)),
    cell(random, (0.2 + random() * 2).toFixed(3), 0.03),
    String(treated),
  ];
}

const HEADER = ['"support (0-10)"', 'x', '"regime type"', 'flag', 'cl', 'w', 'treated'];

export function csvCase(seed: number): CsvCase {
  const random = seededRandom(1000 + seed);
  const n = 40 + Math.floor(random() * 80);
  const clusters = 6 + Math.floor(random() * 10);
  const lines = [HEADER.join(','), ...Array.from({ length: n }, () => rowFields(random, clusters).join(','))];
  const eol = random() < 0.5 ? '\r\n' : '\n';
  const csv = `${random() < 0.4 ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
  const weights = random() < 0.4 ? 'w' : null;
  const clustered = random() < 0.4 ? 'cl' : null;
  if (random() < 0.35) {
    const blocks = !clustered && random() < 0.5 ? 'regime type' : null;
    const args = ['--outcome', 'support (0-10)', '--treatment', 'treated', ...(blocks ? ['--blocks', blocks] : []), ...(clustered ? ['--clusters', clustered] : []), ...(weights ? ['--weights', weights] : [])];
    return { seed, csv, verb: 'dim', args, r: { outcome: 'support (0-10)', rhs: 'treated', seType: null, weights, clusters: clustered, blocks } };
  }
  const seType = pick(random, clustered ? CLUSTER_SE_TYPES : SE_TYPES);
  const rhs = pick(random, ['x + `regime type`', 'x * flag + `regime type`', '`regime type` * treated', 'x + I(x^2) + flag']);
  const args = ['--formula', `\`support (0-10)\` ~ ${rhs}`, '--se-type', seType, ...(clustered ? ['--clusters', clustered] : []), ...(weights ? ['--weights', weights] : [])];
  return { seed, csv, verb: 'fit', args, r: { outcome: 'support (0-10)', rhs, seType, weights, clusters: clustered, blocks: null } };
}
