import { guardedCodes } from '../export/spreadsheet-safe.ts';
import type { ColumnSpec } from '../export/wave-columns.ts';
import { r, rVector } from './r-source.ts';

/**
 * replicate.R's `read.csv` of one of the package's files (data.csv, a conjoint's profiles.csv) into `variable`:
 * the columns that hold codes (`codeColumns`, code-columns.ts) are read as text, as the platform's fits read them;
 * left to read.csv's guess, "01" and "+1" became the number 1. Only those the file has are named (a package leaves
 * the panel IDs out, export-service.ts): read.csv warns of a column it is given a class for and does not find.
 * Then the spreadsheet guard is taken off the declared codes that carry it (unguardedLines).
 */
export function readCsvLines(variable: string, file: string, codeColumns: readonly ColumnSpec[]): string[] {
  const text = codeColumns.map((c) => c.name);
  const columns = `${variable}_text`;
  return [
    `${columns} <- intersect(${rVector(text)}, names(read.csv(${r(file)}, nrows = 1)))`,
    `${variable} <- read.csv(${r(file)}, stringsAsFactors = FALSE, na.strings = c("", "NA"), colClasses = setNames(rep("character", length(${columns})), ${columns}))`,
    ...unguardedLines(variable, file, codeColumns),
  ];
}

/**
 * The CSV files write a declared code that starts like a spreadsheet formula and is no number ("@home", "=x",
 * "-none-") after a single quote, so that a spreadsheet shows it as text and runs nothing (spreadsheet-safe.ts);
 * the platform's estimates used the code itself. Read as written, replicate.R saw another level ("'@home"), which
 * no declared level matched, and its estimates differed from the platform's (attacker pass 36's leftover, 37). Only
 * a cell that is exactly a declared code after the quote is changed: a free-text answer keeps its guard.
 */
function unguardedLines(variable: string, file: string, codeColumns: readonly ColumnSpec[]): string[] {
  const guarded = codeColumns.flatMap((c) => {
    const codes = guardedCodes(c);
    return codes.length > 0 ? [`${r(c.name)} = ${rVector(codes)}`] : [];
  });
  if (guarded.length === 0) return [];
  const list = `${variable}_guarded`;
  return [
    `# ${file} writes a code that starts like a spreadsheet formula after a ' (a spreadsheet then shows it as text); the estimates used the code itself.`,
    `${list} <- list(${guarded.join(', ')})`,
    `for (v in intersect(names(${list}), names(${variable}))) {`,
    `  quoted <- ${variable}[[v]] %in% paste0("'", ${list}[[v]])`,
    `  ${variable}[[v]][quoted] <- substring(${variable}[[v]][quoted], 2)`,
    '}',
  ];
}
