import type { StudyDefinition } from '../study-definition.ts';
import { codeColumns } from './code-columns.ts';
import { r, rVector } from './r-source.ts';

/**
 * replicate.R's `read.csv` of data.csv: the columns that hold codes (code-columns.ts) are read as text, as the
 * platform's fits read them; left to read.csv's guess, "01" and "+1" became the number 1. Only those the file has
 * are named (a package leaves the panel IDs out, export-service.ts): read.csv warns of a column it is given a class
 * for and does not find.
 */
export function readCsvLines(variable: string, file: string, def: StudyDefinition): string[] {
  const text = codeColumns(def).map((c) => c.name);
  return [
    `text_columns <- intersect(${rVector(text)}, names(read.csv(${r(file)}, nrows = 1)))`,
    `${variable} <- read.csv(${r(file)}, stringsAsFactors = FALSE, na.strings = c("", "NA"), colClasses = setNames(rep("character", length(text_columns)), text_columns))`,
  ];
}
