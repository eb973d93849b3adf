import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { codePointName, firstInvisible } from '../../analysis/helpers/invisible-characters.ts';
import { PANEL_PARAMS, panelParamsOf } from './panel-params.ts';

export type PanelParamName = (typeof PANEL_PARAMS)[number];
export type PanelParams = Partial<Record<PanelParamName, string>>;

const panelValue = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'expected 1–128 printable ASCII characters');

/**
 * Unknown parameters are dropped, not refused: links carry all sorts of tracking parameters. A known one in other
 * capitals is taken under its own name, as the page reads its link (panelParamsOf).
 */
export const panelParamsSchema = z.preprocess(
  (given) => (given !== null && typeof given === 'object' && !Array.isArray(given) ? panelParamsOf(Object.entries(given)) : given),
  z.object(
    Object.fromEntries(PANEL_PARAMS.map((name) => [name, panelValue.optional()])) as Record<PanelParamName, z.ZodOptional<typeof panelValue>>,
  ),
);

export type PanelSource = 'prolific' | 'mturk' | 'lucid';

/**
 * Who this respondent is on their panel, if the link says: the key that makes a participant sticky and that the
 * duplicate-panel-ID flag compares. Prolific's IDs are lower-case hex and MTurk's worker IDs upper-case letters
 * and digits, so each is taken in its panel's own case: an ID retyped in other capitals is the same person (it
 * drew a second condition in the same wave and passed the flag). Lucid-style RIDs stay as sent: their form
 * depends on the supplier, and folding case-sensitive IDs would make two people one participant.
 */
export function panelIdentity(params: PanelParams): PanelIdentity | null {
  const given = givenPanelId(params);
  return given && { source: given.source, id: IN_PANEL_CASE[given.source](given.id) };
}

export interface PanelIdentity {
  source: PanelSource;
  id: string;
}

/** Each panel's IDs in the case it writes them (see panelIdentity). */
const IN_PANEL_CASE: Record<PanelSource, (id: string) => string> = {
  prolific: (id) => id.toLowerCase(),
  mturk: (id) => id.toUpperCase(),
  lucid: (id) => id,
};

function givenPanelId(params: PanelParams): { source: PanelSource; id: string } | null {
  if (params.PROLIFIC_PID) return { source: 'prolific', id: params.PROLIFIC_PID };
  if (params.workerId) return { source: 'mturk', id: params.workerId };
  const rid = params.RID ?? params.rid;
  return rid ? { source: 'lucid', id: rid } : null;
}

/**
 * The identities a stored participant with this link's panel ID may have: its own first, then the same ID as each
 * other panel would have stored it (its case). One ID is one participant of a wave whichever panel parameter
 * carries it: a respondent who rewrote `PROLIFIC_PID=X` into `workerId=X` or `RID=X` drew again (attacker pass 16).
 * Two panels' IDs do not coincide (Prolific's are 24 hex digits, MTurk's begin with A), so no two people merge.
 */
export function panelIdentitiesToMatch(params: PanelParams): PanelIdentity[] {
  const given = givenPanelId(params);
  if (!given) return [];
  const sources: PanelSource[] = [given.source, ...(['prolific', 'mturk', 'lucid'] as const).filter((s) => s !== given.source)];
  const matches = sources.flatMap((source) => formsIn(source, given).map((id) => ({ source, id })));
  return matches.filter((m, i) => matches.findIndex((o) => o.source === m.source && o.id === m.id) === i);
}

/**
 * The forms `given` may have been stored in under `source`. A RID is stored as sent, so a Prolific or MTurk ID (whose
 * case means nothing) is looked for among RIDs as sent and in either case: otherwise which spelling arrived first
 * decided whether one person was one participant (a RID first, then the same ID as PROLIFIC_PID in capitals, drew
 * again). A RID looked for as a RID stays exact.
 */
function formsIn(source: PanelSource, given: PanelIdentity): string[] {
  if (source !== 'lucid' || given.source === 'lucid') return [IN_PANEL_CASE[source](given.id)];
  return [given.id, given.id.toLowerCase(), given.id.toUpperCase()];
}

/** What MTurk puts in `assignmentId` while a worker previews a HIT they have not accepted (its ExternalQuestion docs). */
export const MTURK_PREVIEW_ASSIGNMENT = 'ASSIGNMENT_ID_NOT_AVAILABLE';

/**
 * A preview of an MTurk HIT: not a respondent yet. Starting one drew a condition and stored a participant at every
 * preview, spending the permuted block's slots on workers who may never accept the HIT.
 */
export function isMturkPreview(params: PanelParams): boolean {
  return params.assignmentId === MTURK_PREVIEW_ASSIGNMENT;
}

/**
 * Each panel's per-session parameter: a new one for every time the respondent takes the study (Prolific's
 * SESSION_ID, MTurk's assignmentId). Lucid-style links carry none.
 */
const SESSION_PARAM: Record<PanelSource, PanelParamName | null> = { prolific: 'SESSION_ID', mturk: 'assignmentId', lucid: null };

/**
 * The link presented now carries the same per-session parameter as the one the participant started with. A
 * panel ID alone is not proof of who is at the keyboard (it shows in URLs and on panel dashboards); the session
 * parameter of that very session is.
 */
export function sameSession(source: PanelSource | null, stored: PanelParams, presented: PanelParams): boolean {
  const name = source ? SESSION_PARAM[source] : null;
  const expected = name ? stored[name] : undefined;
  const given = name ? presented[name] : undefined;
  if (!expected || !given || expected.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/**
 * `{participant}` (the participant's reference: random, not their code, which is their credential) plus every
 * panel parameter may appear in a redirect URL.
 */
export const REDIRECT_PLACEHOLDERS = ['participant', ...PANEL_PARAMS] as const;

/** Stands for a placeholder while a template is parsed as a URL: letters only, so it is valid anywhere in one. */
const PLACEHOLDER_MARK = 'vlabplaceholder';

/**
 * A reason the redirect URL template is unusable, or null. Placeholders may stand only in the path, query and
 * fragment: one in the scheme, user-info, host or port would let a panel parameter (chosen by whoever opens the
 * link) send respondents to another site. Their values are URL-encoded, so they cannot leave the part they are in.
 */
export function redirectTemplateProblem(template: string): string | null {
  // The URL parser drops tabs and line breaks and trims spaces and control characters, so the template stored
  // would not be the link respondents follow (and PostgreSQL refuses a NUL outright): such characters are refused.
  if (/[\s\p{Cc}\p{Cs}]/u.test(template)) {
    return 'a URL must not contain spaces, line breaks or control characters (percent-encode them, e.g. %20)';
  }
  const invisible = invisibleCharacterProblem(template);
  if (invisible) return invisible;
  const glued = sentenceEndProblem(template);
  if (glued) return glued;
  for (const [, name] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(REDIRECT_PLACEHOLDERS as readonly string[]).includes(name!)) {
      return `unknown placeholder {${name}} in "${template}" (known: ${REDIRECT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`;
    }
  }
  let url: URL;
  try {
    url = new URL(template.replace(/\{[A-Za-z_]+\}/g, PLACEHOLDER_MARK));
  } catch {
    return `"${template}" is not an absolute URL${schemeHint(template)}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${template}" must be an http(s) URL${schemeHint(template)}`;
  if ([url.protocol, url.username, url.password, url.host].some((part) => part.toLowerCase().includes(PLACEHOLDER_MARK))) {
    return `"${template}" has a placeholder before the path; placeholders may stand only in the path, query or fragment`;
  }
  return null;
}

/**
 * Format characters (Unicode's Cf: zero-width spaces and joiners, a soft hyphen, bidi marks and overrides, word
 * joiners, tags) show as nothing, yet the URL parser keeps them, percent-encoded: a completion code pasted from a
 * document or a chat with one (`cc=C1AB2CD3` + U+200B) sent every respondent to `cc=C1AB2CD3%E2%80%8B`, a code the
 * panel does not know, and no listing showed why (attacker pass 28). Named by code point and place, as nothing else
 * can show them.
 */
function invisibleCharacterProblem(template: string): string | null {
  const found = firstInvisible(template);
  if (!found) return null;
  return `a URL must not contain invisible characters: ${codePointName(found.character)} at character ${found.place} (text copied from a document or a chat can carry one); delete it, or percent-encode it (${encodeURIComponent(found.character)}) if it is meant`;
}

/** What ends a sentence, or closes the quotes or brackets, that a link is copied from, by what it is. */
const SENTENCE_ENDS: readonly [RegExp, string][] = [
  [/\.$/, 'the full stop of a sentence it was copied from?'],
  [/[,;:!]$/, 'the punctuation of a sentence it was copied from?'],
  [/['"\u2019\u201d\u00bb>\])]$/u, 'the end of the quotes or brackets it was copied in?'],
];

/**
 * A template ending as the sentence around it did: `Set the completion URL to https://…/complete?cc=C1AB2CD3.` was
 * stored with the full stop, and every respondent sent to `cc=C1AB2CD3.`, a code the panel does not know (attacker
 * pass 40; pass 28 refused the invisible characters). A bracket the URL opened itself is its own (`…/done_(pilot)`).
 */
function sentenceEndProblem(template: string): string | null {
  const found = SENTENCE_ENDS.find(([end]) => end.test(template));
  if (!found) return null;
  const last = template.slice(-1);
  if ((last === ')' && template.includes('(')) || (last === ']' && template.includes('['))) return null;
  const encoded = [...new TextEncoder().encode(last)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return `a URL must not end with "${last}" (${found[1]}); delete it, or percent-encode it (${encoded}) if it is meant`;
}

/**
 * " (did you mean "https://prolific.com/x"?)" for a link pasted without its scheme ("prolific.com/x", and
 * "prolific.com:8080/x", which parses as the scheme "prolific.com:"), else "". Only when the template begins with a
 * host name of a domain (a dot in it) or localhost, and the URL with https:// is a usable one.
 */
function schemeHint(template: string): string {
  const withScheme = `https://${template.replace(/^\/\//, '')}`;
  let host: string;
  try {
    host = new URL(withScheme.replace(/\{[A-Za-z_]+\}/g, PLACEHOLDER_MARK)).hostname;
  } catch {
    return '';
  }
  const typed = /^(?:\/\/)?([^/:?#]*)/.exec(template)![1]!.toLowerCase();
  const aHost = typed === host && (host.includes('.') || host === 'localhost');
  return aHost && redirectTemplateProblem(withScheme) === null ? ` (did you mean "${withScheme}"?)` : '';
}

/** The redirect URL with placeholders replaced by this participant's (URL-encoded) values; missing → empty. */
export function fillRedirectUrl(template: string, params: PanelParams, participantRef: string): string {
  return template.replace(/\{([A-Za-z_]+)\}/g, (_, name: string) => {
    const value = name === 'participant' ? participantRef : params[name as PanelParamName];
    return encodeURIComponent(value ?? '');
  });
}
