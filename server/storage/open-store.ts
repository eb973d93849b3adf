import { openDatabase, openReadOnlyDatabase } from './db.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { isPostgresUrl, type Store } from './store.ts';

/**
 * Opens the configured database (VLAB_DB or DATABASE_URL): a `postgres://` URL opens a PostgreSQL pool, anything
 * else is a SQLite file. Both are migrated before the store is returned, and both refuse a schema newer than this
 * build knows. The PostgreSQL client is loaded only when it is used.
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    return openPostgresStore(location);
  }
  return createSqliteStore(openDatabase(location));
}

/** A connection that only reads (a researcher worker's): read-only on SQLite, a small pool of its own on PostgreSQL. */
export async function openReadOnlyStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    return openPostgresStore(location, { migrate: false, maxConnections: 2 });
  }
  return createSqliteStore(openReadOnlyDatabase(location));
}
