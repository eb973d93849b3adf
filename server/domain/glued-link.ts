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
