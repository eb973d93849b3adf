import { linkQuery } from '../../server/domain/link-query.ts';

/**
 * The survey link's parameters: its query, then those written after a `#`. A panel appends its parameters to the
 * study URL as text (`?PROLIFIC_PID=…`, or `&…` when the URL has a `?`), so a link that holds a `#` (pasted as
 * `…/s/<id>#` or `…#start`) gets them in its fragment, which the browser never sends to the server: the respondent
 * started without their panel ID, stored no ID, was sent back to the panel without it and drew a new condition on
 * another device (attacker pass 31 saw it, pass 32 mended it). A name the query already has keeps the query's value
 * first (`get`: lang); another value of it follows, so a panel ID given two values is ambiguous (panel-params.ts)
 * wherever the second is: `…?workerId=TEST#start&workerId=A1B2` made every respondent TEST (attacker pass 35).
 *
 * @example linkParameters('', '#?PROLIFIC_PID=5f8d').get('PROLIFIC_PID') // '5f8d'
 */
export function linkParameters(search: string, hash: string): URLSearchParams {
  // Parameters joined by a second `?` or by `&amp;` are separated first (link-query.ts).
  const query = new URLSearchParams(linkQuery(search));
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const mark = fragment.indexOf('?');
  // `#start?PROLIFIC_PID=…`: the part after the panel's `?`; `#start&workerId=…` or `#PROLIFIC_PID=…`: all of it.
  const appended = mark >= 0 ? fragment.slice(mark + 1) : fragment.includes('=') ? fragment : '';
  const given = new Set([...query].map(([name, value]) => `${name}=${value}`));
  for (const [name, value] of new URLSearchParams(linkQuery(appended))) if (!given.has(`${name}=${value}`)) query.append(name, value);
  return query;
}
