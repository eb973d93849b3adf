import { openStore } from '../../server/storage/open-store.ts';
import { createTestDatabase } from './postgres-test-database.ts';

// Every app test on PostgreSQL starts on an empty, migrated database of its own. Made and migrated each time, that
// was about 1.2 s of waiting on the server per store (CREATE DATABASE 0.55 s, the migrations 0.65–0.85 s, at load
// 15 on 2 cores) and some 200 stores a PostgreSQL pass; a copy of one migrated database (CREATE DATABASE …
// TEMPLATE), opened, took about 0.35 s. The template is made once per test process, when first asked for, and
// dropped when the process has nothing left to do.
let template: Promise<string> | undefined;

/** A new database holding the current schema and nothing else: its URL, and drop() to remove it. */
export async function createMigratedTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  template ??= migratedTemplate();
  return createTestDatabase([], await template);
}

async function migratedTemplate(): Promise<string> {
  const database = await createTestDatabase();
  const store = await openStore(database.url);
  await store.close();
  let dropped = false;
  process.on('beforeExit', () => {
    if (dropped) return;
    dropped = true;
    void database.drop().catch(() => undefined);
  });
  return new URL(database.url).pathname.slice(1);
}
