// Child process for migration-kill.test.ts: migrates the database at argv[2] and is killed (kill -9) in the middle.
// SQLite: the migration's UPDATE fires the test's trigger, which calls vlab_test_pause: it writes the file argv[3]
// (the parent's cue) and blocks for ever, inside the migration's transaction. PostgreSQL: the parent holds a lock the
// migration waits on, so the child is stopped inside its transaction without any hook.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { migrate } from '../../server/storage/db.ts';
import { openStore } from '../../server/storage/open-store.ts';

const [location, cue] = process.argv.slice(2) as [string, string];
if (location.startsWith('postgres')) {
  await openStore(location);
} else {
  const db = new Database(location);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.function('vlab_test_pause', () => {
    writeFileSync(cue, 'paused');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    return null;
  });
  migrate(db);
}
