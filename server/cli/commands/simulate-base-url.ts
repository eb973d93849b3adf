import { UsageError } from '../cli-action.ts';

/**
 * What `vlab simulate` says without --base-url: the address the last `vlab serve` on the local database announced
 * (the one `vlab wave create` makes its links on), ready to paste; without one, where the address is printed.
 * Commander's "required option '--base-url <url>' not specified" left a newcomer whose server took another port than
 * the README's 3000 to find it (walk-through 28). The database is read only, never created.
 */
export async function missingBaseUrl(db: string | undefined): Promise<UsageError> {
  const { configuredDatabase, databaseLabel, openExistingDatabase } = await import('../../index.ts');
  const required = '--base-url is required: the server the respondents talk to';
  let store;
  try {
    store = await openExistingDatabase({ dbPath: db });
    const served = await store.repos.servedAddress.get();
    if (served) {
      const on = databaseLabel(configuredDatabase({ dbPath: db }));
      return new UsageError(`${required}; the last vlab serve on ${on} announced ${served.origin}: --base-url ${served.origin}`);
    }
  } catch {
    // No database to learn from (missing, unreadable): the general hint below.
  } finally {
    await store?.close();
  }
  return new UsageError(`${required}, as vlab serve printed it (e.g. --base-url http://localhost:3000)`);
}
