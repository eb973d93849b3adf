import { codePointName, firstInvisible, invisibleShown, withoutInvisible } from './invisible-characters.ts';
import { choicesBegunBy } from './match-arg.ts';

/**
 * The name a probable typo was meant to be: the candidate with the smallest edit distance (Levenshtein), if it
 * is close enough to be a slip (at most a third of the name's length, and at least 1 edit allowed) — so
 * "behaviour" finds "behavior" and "statoned" finds "stationed", but "party" finds nothing among attributes.
 * A name as near to two candidates names neither ("HC4" is one edit from HC0 to HC3): a guess would mislead.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  // The same text to the eye first: NFD's combining accents are too many edits for a slip ("si" + U+0301 against "sí").
  const lookalike = candidates.find((candidate) => lookalikeReason(name, candidate));
  if (lookalike !== undefined) return lookalike;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance, tied] = [candidate, distance, false];
    else if (distance === bestDistance && candidate !== best) tied = true;
  }
  return tied ? undefined : best;
}

/** `"x" is not a factor (did you mean "y"?)`-style hint, or the list of what exists when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const closest = closestName(name, candidates);
  if (!closest) return `expected one of ${candidates.join(', ')}`;
  const reason = lookalikeReason(name, closest);
  return `did you mean "${invisibleShown(closest)}"?${reason ? ` ${reason}` : ''}`;
}

/**
 * What a text looks like: without its invisible characters, in one Unicode form (NFC). Two texts with one look are
 * one to a reader (lookalikeReason).
 */
const visibleForm = (text: string): string => withoutInvisible(text).normalize('NFC');

/** A text as a reader takes it in: without spaces at its ends or runs of them inside. */
const spacedForm = (text: string): string => visibleForm(text).trim().replace(/\s+/gu, ' ');

/**
 * What a reader takes a text for: its look (visibleForm), its spaces evened (spacedForm), and compatibility forms of
 * one character made one (NFKC: full-width "Ａ" is "A", the ligature "ﬁ" is "fi", a full-width "２" is "2"). Two
 * texts with one reading are one answer to a respondent, who cannot tell them apart (lookalikeReason).
 */
export const readerForm = (text: string): string => spacedForm(text.normalize('NFKC'));

/**
 * Why two different names look the same, or '' when they do not: an invisible character copied along, the same
 * letters in another Unicode form (combining accents, NFD, as some editors and macOS text write them, against
 * precomposed ones, NFC), spaces around them or doubled inside, or compatibility forms (a full-width letter, typed
 * with an East Asian input method, against the ASCII one). A message that only showed both would show the same text
 * twice (attacker passes 28 and 38).
 */
export function lookalikeReason(a: string, b: string): string {
  if (a === b || readerForm(a) !== readerForm(b)) return '';
  const invisible = firstInvisible(a) ?? firstInvisible(b);
  const looksOne = visibleForm(a) === visibleForm(b);
  if (invisible && looksOne) return `the two differ only by an invisible character, ${codePointName(invisible.character)}: delete it`;
  if (looksOne) return 'the two look the same but are written in two Unicode forms, one with combining accents (NFD), one without (NFC): type one of them again';
  if (spacedForm(a) === spacedForm(b)) return 'the two differ only by spaces at the start or end, or by more than one space between words: delete them';
  return 'the two differ only by compatibility forms of the same characters (full-width "Ａ" against "A", a ligature "ﬁ" against "fi"): type one of them again';
}

/** Insertions, deletions and substitutions turning a into b (two-row dynamic programme). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** `(did you mean "HC2"? valid: classical, HC0, …)`, or `(valid: …)` when no option is a near miss: the end of an "unknown option" message. */
export function validOptions(value: string, options: readonly string[]): string {
  // R's match.arg takes a unique abbreviation (p.adjust(p, "bonf") is "bonferroni"): name what it stands for.
  const abbreviated = choicesBegunBy(value, options);
  const closest = closestName(value, options) ?? (abbreviated.length === 1 ? abbreviated[0] : undefined);
  return `(${closest ? `did you mean "${closest}"? ` : ''}valid: ${options.join(', ')})`;
}
