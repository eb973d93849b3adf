// Attacker pass 33: a database that takes no writes — `default_transaction_read_only` set for maintenance, or the
// URL left on a standby after a failover — is answered 503 busy by a running server (the second attacker trial).
// But every open of the store ran `CREATE TABLE IF NOT EXISTS schema_migrations`, which a read-only transaction
// refuses even when the table is there: live, on a migrated database turned read-only, `vlab wave list` and
// `vlab export` stopped with `cannot open the database (cannot execute CREATE TABLE in a read-only transaction)`
// though they only read; a researcher worker (exports, estimates, wave status: its read-only store of its own)
// started then could not open either; and a `vlab serve` restarted in that window did not start at all. The table
// is now made only where it is missing, so an open at the current schema writes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { DomainError } from '../../server/domain/errors.ts';
import { openReadOnlyStore, openStore } from '../../server/storage/open-store.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`postgres-read-only-open.test.ts: ${skip}`);

const token = (n: number) => ({ publicId: `readonly${n}`, name: `token ${n}`, salt: Buffer.alloc(16), hash: Buffer.alloc(32), createdAt: new Date(0).toISOString() });

test('a migrated database turned read-only still opens: readers read, writes are 503 busy, nothing is made', { skip }, async () => {
  const database = await createTestDatabase();
  try {
    const first = await openStore(database.url);
    await first.write((tx) => tx.tokens.insert(token(1)));
    await first.close();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET default_transaction_read_only = on`);
    } finally {
      await admin.end();
    }

    const reader = await openReadOnlyStore(database.url);
    try {
      assert.deepEqual((await reader.read((tx) => tx.tokens.list())).map((t) => t.name), ['token 1']);
    } finally {
      await reader.close();
    }
    const server = await openStore(database.url);
    try {
      assert.deepEqual((await server.read((tx) => tx.tokens.list())).map((t) => t.name), ['token 1']);
      await assert.rejects(server.write((tx) => tx.tokens.insert(token(2))), (error: Error) => error instanceof DomainError && error.code === 'busy');
      await assert.rejects(server.ping(), (error: Error) => error instanceof DomainError && /refuses writes/.test(error.message));
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
  }
});
