import type Database from 'better-sqlite3';
import type { PanelIdentity } from '../domain/panel.ts';
import type { Db } from './db.ts';

/**
 * One SQLite statement over all the panel identities a link's ID may be stored under (1 to 5:
 * panelIdentitiesToMatch), where a statement call for each took most of the lookup's time: `arm(i)` is one
 * identity's SELECT, reading `@wave`, `@source${i}` and `@panelId${i}`; `whole(arms)` makes the statement of the arms
 * joined by UNION ALL. Prepared once per number of identities; answers the statement's first row, or undefined.
 * In process, alternating with one call an identity on one database (a busy machine, 2026-12-05), the four
 * identities of a Prolific ID took a start's participant lookup 41 µs of CPU as four calls and 18 µs as one, the
 * completion's duplicate-ID lookup 49 µs and 20 µs: most of a call is binding and stepping, not the index lookups.
 */
export function panelIdentityLookup<Row>(
  db: Db,
  arm: (i: number) => string,
  whole: (arms: string) => string,
): (waveId: string, identities: readonly PanelIdentity[]) => Row | undefined {
  const byCount = new Map<number, Database.Statement<[Record<string, string>], Row>>();
  return (waveId, identities) => {
    if (identities.length === 0) return undefined;
    let statement = byCount.get(identities.length);
    if (!statement) {
      statement = db.prepare<[Record<string, string>], Row>(whole(identities.map((_, i) => arm(i)).join('\n UNION ALL ')));
      byCount.set(identities.length, statement);
    }
    const params: Record<string, string> = { wave: waveId };
    identities.forEach(({ source, id }, i) => {
      params[`source${i}`] = source;
      params[`panelId${i}`] = id;
    });
    return statement.get(params);
  };
}
