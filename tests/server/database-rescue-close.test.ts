// Attacker pass 33: a store that meets its file moved away starts copying what its connection holds to
// `<path>.rescued-<time>` (sqlite-rescue.ts) with SQLite's backup API, which copies a step at a time between turns of
// the event loop. Closing the store went on to close the connection at once, so the copy failed: a `vlab` verb that
// met the move ended with an empty `.rescued-` file beside the path (noticed in pass 32), and `vlab serve` stopped
// soon after the move — as its own message tells the operator to do ("put the files back or restart vlab serve") —
// cut its copy short. Closing now waits for the copy; a copy that fails anyway leaves no file behind.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../server/storage/open-store.ts';
import { rescuesSettled } from '../../server/storage/sqlite-rescue.ts';
import type { SqliteStore } from '../../server/storage/sqlite-store.ts';

const token = (n: number) => ({ publicId: `rescue${n}`, name: `token ${n}`, salt: Buffer.alloc(16), hash: Buffer.alloc(32), createdAt: new Date(0).toISOString() });

test('a store closed right after it met its file moved away leaves a whole rescued copy, not an empty file', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'vlab-rescue-close-'));
  try {
    const path = join(folder, 'vlab.sqlite');
    const store = await openStore(path);
    // Enough pages that the copy takes several steps of the backup API.
    for (let n = 0; n < 300; n++) await store.write((tx) => tx.tokens.insert({ ...token(n), name: `token ${n} ${'x'.repeat(4000)}` }));
    renameSync(path, `${path}.away`);
    await assert.rejects(store.write((tx) => tx.tokens.insert(token(300))), (error: Error) => /was removed or replaced while the server ran/.test(String((error.cause as Error).message)));
    // While the copy is being taken it is not under the rescued copy's name: killed now, no file would pass for it.
    const named = () => readdirSync(folder).filter((f) => /^vlab\.sqlite\.rescued-[^.]*$/.test(f));
    assert.deepEqual(named(), [], `files while copying: ${readdirSync(folder).join(', ')}`);
    await store.close();

    const copies = named();
    assert.equal(copies.length, 1, `files: ${readdirSync(folder).join(', ')}`);
    assert.deepEqual(readdirSync(folder).filter((f) => f.endsWith('.partial')), []);
    const copy = join(folder, copies[0]!);
    assert.ok(statSync(copy).size > 0, `${copies[0]} is empty`);
    const rescued = new Database(copy, { readonly: true });
    try {
      assert.equal(rescued.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(rescued.prepare('SELECT count(*) FROM researcher_tokens').pluck().get(), 300);
    } finally {
      rescued.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a rescue copy that fails (its connection closed under it) leaves no file that would pass for the data', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'vlab-rescue-close-'));
  try {
    const path = join(folder, 'vlab.sqlite');
    const store = (await openStore(path)) as SqliteStore;
    for (let n = 0; n < 50; n++) await store.write((tx) => tx.tokens.insert(token(n)));
    renameSync(path, `${path}.away`);
    await assert.rejects(store.write((tx) => tx.tokens.insert(token(50))));
    store.sqlite.close();
    await rescuesSettled(store.sqlite);
    assert.deepEqual(readdirSync(folder).filter((f) => f.includes('.rescued-')), []);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
