/**
 * What copying a link can glue to either end of its wave id: whitespace (a no-break space), invisible characters
 * (a zero-width space or joiner, a byte-order mark, bidi marks: Unicode's Cf), and the sentence around the link
 * (its full stop or comma, brackets and quotes). None of these can be in a wave id (`WAVE_ID`).
 */
const GLUED_BEFORE = /^[\s\p{Cf}([{<"'\u2018\u201c\u00ab]+/u;
const GLUED_AFTER = /[\s\p{Cf}.,;:!?)\]}>"'\u2019\u201d\u00bb]+$/u;

/**
 * The wave id of a `/s/<id>` path with what copying glued to it taken off, or null when nothing was glued on: a
 * link pasted into a panel's settings from a document or a chat (`…/s/ita6DeCZr5YC` + U+200B) sent every respondent
 * to "This survey link is not valid" (attacker pass 28).
 *
 * @example ungluedWaveId('ita6DeCZr5YC\u200b.') // 'ita6DeCZr5YC'
 */
export function ungluedWaveId(pathId: string): string | null {
  const unglued = pathId.replace(GLUED_BEFORE, '').replace(GLUED_AFTER, '');
  return unglued === pathId || unglued === '' ? null : unglued;
}

/**
 * Where a link's query starts inside its path segment: a `?` or `&`, or either percent-encoded, or an encoded `#`
 * (`/s/<id>%23lang=es`: a link holding `#…` percent-encoded whole; the page reads parameters after a `#` as after a
 * `?`, public/src/link-parameters.ts, so they go on as the query: attacker pass 42). Each also encoded twice (`%253F`: a
 * tool that encoded a link it was given encoded): such a link met the polite 404 and wrote its panel IDs into the
 * request log whole (attacker pass 44).
 */
export const QUERY_IN_PATH = /[?&]|%(?:25)?(?:3F|26|23)/i;

/**
 * The wave id and the query of a `/s/<id>` path segment (as sent, not decoded) that holds its link's query: a panel
 * appended `&PROLIFIC_PID=…` to a link that had no `?` (`/s/<id>&PROLIFIC_PID=5f8d…`), or a tool percent-encoded
 * the link whole (`/s/<id>%3FPROLIFIC_PID%3D5f8d…`). Every respondent of such a link met "This survey link is not
 * valid" (attacker pass 41). A query after an encoded `?`, `&` or `#` is decoded as many times as its mark was encoded; after
 * a literal `&` it is kept as sent (`RID=a%26b` stays one value). Null when the segment holds no query.
 *
 * @example queryInPath('ita6DeCZr5YC%3Flang%3Des') // { id: 'ita6DeCZr5YC', query: 'lang=es', mark: '%3F' }
 */
export function queryInPath(segment: string): { id: string; query: string; mark: string } | null {
  const match = QUERY_IN_PATH.exec(segment);
  if (!match || match.index === 0) return null;
  const rest = segment.slice(match.index + match[0].length);
  // After a mark encoded once the query is decoded once; after one encoded twice (`%253F`), twice.
  const query = match[0].length === 1 ? rest : match[0].length === 3 ? decoded(rest) : decoded(decoded(rest));
  return { id: decoded(segment.slice(0, match.index)), query, mark: match[0] };
}

/** decodeURIComponent, or the text as it is where it is not valid percent-encoding. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
