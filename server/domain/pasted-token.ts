/**
 * A researcher token as it was pasted, without what copying carries along: a zero-width space or joiner, a byte-order
 * mark, a soft hyphen where a chat or a document wrapped the line (Unicode's format characters, Cf), a space, a
 * no-break space or a line break. None can be part of a token (`vlab_`, hex digits, then letters, digits, `_` and
 * `-`), so dropping them never makes one token another; the secret is still checked whole. Used by the researcher
 * API's check and by the dashboard's sign-in form (whose fetch refuses a header holding U+200B outright).
 */
export const pastedToken = (text: string): string => text.replace(/[\p{Cf}\p{White_Space}]/gu, '');
