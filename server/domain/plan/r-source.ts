import { terminalText } from '../../../analysis/terminal-text.ts';

/**
 * Values written into the R source of a replication package. Strings are JSON string literals, which R reads
 * the same way (its escapes include JSON's \" \\ \n \t \uXXXX).
 */
export const r = (value: string | number): string => (typeof value === 'number' ? String(value) : JSON.stringify(value));
export const rVector = (values: readonly (string | number)[]): string => `c(${values.map(r).join(', ')})`;

/**
 * A plan's own words (a description, an exclusion's reason, kept values) for a `#` comment: every run of
 * whitespace, line breaks included, becomes one space. A line break would end the comment, and whatever
 * followed it would run as R code on the machine of whoever runs the package. Other control characters (ESC,
 * bidi overrides) are written as their escapes (terminalText): `cat replicate.R` in a terminal must not clear the
 * screen or reorder the line, so what a reader sees of the script is what R runs.
 */
export const rComment = (text: string | number): string => terminalText(String(text).replace(/\s+/g, ' '));
