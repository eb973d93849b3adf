/**
 * "15 rows left out, missing a value the model uses": a fit's dropped rows in words, for the CLI table and the
 * dashboard's card alike (walk-through 22: an N of 80 under 95 completes said nothing of the other 15).
 */
export function leftOutWords(rows: number): string {
  return `${rows} row${rows === 1 ? '' : 's'} left out, missing a value the model uses`;
}
