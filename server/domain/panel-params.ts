/**
 * Parameters that panels append to the survey link: Prolific (PROLIFIC_PID, STUDY_ID, SESSION_ID), MTurk
 * (workerId, assignmentId, hitId), Lucid-style (RID or rid). Kept with the participant and filled into the
 * wave's redirect URLs. The respondent page (public/src, bundled for the browser) reads them from its URL with
 * this same list, so this file must stay free of imports.
 */
export const PANEL_PARAMS = ['PROLIFIC_PID', 'STUDY_ID', 'SESSION_ID', 'workerId', 'assignmentId', 'hitId', 'RID', 'rid'] as const;

type PanelParamName = (typeof PANEL_PARAMS)[number];

/** Each name of the list by its lower case; RID and rid share one, which then stands for the first (RID). */
const BY_LOWER_CASE = new Map<string, PanelParamName>();
for (const name of [...PANEL_PARAMS].reverse()) BY_LOWER_CASE.set(name.toLowerCase(), name);

/** White space and invisible format characters at either end of a text (kept free of imports: see above). */
const GLUED_ENDS = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/**
 * A panel's placeholder left unfilled: Prolific's `{{%PROLIFIC_PID%}}`, Lucid's `[%RID%]`, `${workerId}`, `%RID%`,
 * `{RID}` — a name of letters and underscores in a template's brackets, which no ID is (an ID in braces has digits).
 */
const UNFILLED = /^(?:\{\{\s*%?|\[%|\$\{|\{|%)\s*[A-Za-z_]+\s*(?:%?\s*\}\}|%\]|\}|%)$/;

/**
 * The panel parameters among a link's query (or the start's `panel` body), under the panel's own names. A name in
 * other capitals (`prolific_pid`, `WORKERID`: a link typed by hand) is that parameter: dropped as unknown, it made
 * a participant without their panel ID, whose redirects lacked it and who drew again on the next visit. The exact
 * spelling wins over another; an empty value is no value, and so is a placeholder the panel left unfilled
 * (`{{%PROLIFIC_PID%}}`: a link tried before the panel fills it, or passed through by a supplier, made everyone who
 * opened it one participant until attacker pass 40). A text value's ends lose what copying a link glues there
 * (white space, a zero-width space, a byte-order mark: Unicode's Cf), which no panel's IDs hold: a link pasted into
 * the panel's settings as `…?RID=[%RID%]` + U+200B refused every respondent (attacker pass 40). Values are otherwise
 * returned as given (the server's schema checks them). A link giving the exact name two different values is
 * ambiguous: both are passed on, as a list, which the start refuses (`expected a text, got a list`), and the page
 * says which parameter. The first used to win, and a link with a leftover `?workerId=TEST`, to which MTurk appends each worker's own, made every worker one participant.
 */
export function panelParamsOf(entries: Iterable<[string, unknown]>): Partial<Record<PanelParamName, unknown>> {
  const params: Partial<Record<PanelParamName, unknown>> = {};
  const exact = new Map<string, unknown[]>();
  for (const [given, raw] of entries) {
    const value = typeof raw === 'string' ? raw.replace(GLUED_ENDS, '') : raw;
    const name = (PANEL_PARAMS as readonly string[]).includes(given) ? (given as PanelParamName) : BY_LOWER_CASE.get(given.toLowerCase());
    if (!name || value === '' || (typeof value === 'string' && UNFILLED.test(value))) continue;
    if (name === given) {
      const values = exact.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      exact.set(name, values);
      params[name] = values.length > 1 ? [...values] : value;
    } else if (!exact.has(name) && !(name in params)) params[name] = value;
  }
  return params;
}
