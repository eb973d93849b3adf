/**
 * A survey link's query as its parameters were meant to be separated. Two joins no URL parser undoes and that link
 * makers produce:
 * - a second `?` where a panel (or a hand) appended its parameters to a link that already had a query:
 *   `…/s/<id>?lang=es?PROLIFIC_PID=5f8d…` reads as one `lang` of `es?PROLIFIC_PID=5f8d…`;
 * - `&amp;` (`&#38;`, `&#x26;`), the HTML or XML writing of `&`, in a link copied from a page's or an email's
 *   source or from an MTurk ExternalQuestion's XML: `?lang=es&amp;RID=r-1` reads as a parameter `amp;RID`.
 * Either way the respondent started without their panel ID (no ID stored, none in the redirect back, a new draw on
 * the next visit) and in the wave's default language (attacker pass 41). And a `+` is a plus: form encoding reads it
 * as a space, which neither a panel ID (the start refuses one inside) nor a language tag holds, so an ID a supplier
 * appends unencoded (a base64 `RID=Xy+z/w==`) was refused as `Xy z/w==`; an encoded space (`%20`) stays a space. A `?` is a separator here only before a
 * parameter's name and `=`, so a value with a percent-encoded `?` (`%3F`) or a `?` not followed by one is kept; the
 * page (public/src/link-parameters.ts) and the shell's `lang` (server/api-path.ts) read the query this way, so this
 * file stays free of imports.
 *
 * @example linkQuery('?lang=es?PROLIFIC_PID=5f8d&amp;STUDY_ID=s1') // '?lang=es&PROLIFIC_PID=5f8d&STUDY_ID=s1'
 */
export function linkQuery(search: string): string {
  const mark = search.startsWith('?') ? '?' : '';
  const separated = search.slice(mark.length).replace(/&(?:amp;|#0*38;|#x0*26;)+/gi, '&').replace(/\?(?=[A-Za-z_][\w.-]*=)/g, '&');
  return mark + separated.replaceAll('+', '%2B');
}
