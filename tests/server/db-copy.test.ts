// `vlab db copy` (server/storage/copy/): a SQLite project run through the app (starts, completes, screen-outs,
// over-quota exits, leased quota slots, quality flags, tokens) is copied to PostgreSQL and served from there: the
// same app reads the same data (the CSV export byte for byte, the wave status), a new start takes the next draw,
// new rows do not collide with copied ones. Values of every type the copy converts keep their meaning, and
// targets that would lose data are refused. Runs when PostgreSQL answers; says so when it skips.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Express } from 'express';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { permutedBlockCell } from '../../server/domain/assignment.ts';
import { designOf } from '../../server/domain/design.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { copySqliteToPostgres, CopyRefused } from '../../server/storage/copy/copy-sqlite-to-postgres.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { createResearcherPool } from '../../server/workers/researcher-pool.ts';
import { silentLogger } from '../../server/logger.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';
import { COMPLETE_ALLIANCE_ANSWERS, completeSurvey, reachVignette, TEST_RATE_LIMITS } from './test-app.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`db-copy.test.ts: ${skip}`);

const dir = mkdtempSync(join(tmpdir(), 'vlab-db-copy-'));
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** The app over `store`, as `vlab serve` builds it (exports and status in researcher workers opening `location`). */
function appOver(store: Store, location: string) {
  const config = loadConfig({}, { dbPath: location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const researcherPool = createResearcherPool({ ...config, logger: silentLogger });
  cleanups.push(() => researcherPool.close());
  return createApp({ store, config, researcherPool });
}

async function newDatabase() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  return database;
}

/**
 * A SQLite project with a wave of target 20 (age 18–29 capped at 5) run through HTTP: 6 young participants
 * reach the quota step (the sixth leaves over quota), 9 complete (one with the honeypot filled, one a duplicate
 * panel ID from a second wave), one declines consent, 3 stay started with their leases running; two tokens, one revoked.
 */
async function populatedSqliteProject(name: string) {
  const file = join(dir, `${name}.sqlite`);
  const db = openDatabase(file);
  const store = createSqliteStore(db);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  const { wave } = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 20, seed: 'copy-seed' });
  const { wave: second } = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 50, seed: 'copy-second' });
  const tokens = createTokenService({ store });
  const { token } = await tokens.create('kept');
  const revoked = await tokens.create('revoked');
  await tokens.revoke(revoked.id);
  const app = appOver(store, file);
  const start = async (waveId: string, pid: string) => {
    const res = await request(app).post(`/api/waves/${waveId}/participants`).send({ panel: { PROLIFIC_PID: pid } });
    assert.equal(res.status, 201, res.text);
    return res.body.participant.code as string;
  };
  const young = { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '18-29' };
  const youngCodes = [];
  for (let i = 0; i < 6; i++) youngCodes.push(await start(wave.id, `young-${i}`));
  const admitted = [];
  for (const code of youngCodes) admitted.push((await reachVignette(app, code, { age_group: '18-29' })).body.admitted);
  assert.deepEqual(admitted, [true, true, true, true, true, false]);
  for (const code of youngCodes.slice(0, 2)) assert.equal((await completeSurvey(app, code, young)).body.status, 'complete');
  await start(second.id, 'twice');
  for (let i = 0; i < 7; i++) {
    const code = await start(wave.id, i === 0 ? 'twice' : `p-${i}`);
    const answers = { ...COMPLETE_ALLIANCE_ANSWERS, age_group: ['30-44', '45-64', '65+'][i % 3], gender: i % 2 ? 'female' : 'male' };
    const res = await completeSurvey(app, code, answers, i === 1 ? { honeypot: 'http://spam.example' } : {});
    assert.equal(res.body.status, 'complete', res.text);
  }
  const declined = await start(wave.id, 'no-consent');
  assert.equal((await completeSurvey(app, declined, { consent: false })).body.status, 'screened_out');
  return { file, db, store, app, wave, token };
}

const researcherGet = (app: Express, token: string, path: string) => request(app).get(`/api/researcher${path}`).set({ Authorization: `Bearer ${token}` });

test('a project copied to PostgreSQL is served from there as it was: export byte for byte, wave status, next draw, tokens', { skip }, async () => {
  const project = await populatedSqliteProject('served');
  const sqliteExport = await researcherGet(project.app, project.token, `/waves/${project.wave.id}/export?format=csv`);
  assert.equal(sqliteExport.status, 200);
  const sqliteStatus = await researcherGet(project.app, project.token, `/waves/${project.wave.id}`);
  const drawn = project.db.prepare('SELECT COUNT(*) FROM participants WHERE wave_id = ?').pluck().get(project.wave.id) as number;
  const counts = Object.fromEntries(
    (project.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations') AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).map(
      (t) => [t, project.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number],
    ),
  );

  // Copied while the SQLite app is still open (as beside a running `vlab serve`): one snapshot of it.
  const database = await newDatabase();
  const copied = await copySqliteToPostgres(project.file, database.url);
  assert.deepEqual(Object.fromEntries(copied.map((t) => [t.name, t.rows])), counts);
  assert.ok(counts.quality_flags! >= 9 && counts.quota_slots! > 0 && counts.researcher_tokens === 2, JSON.stringify(counts));
  assert.ok(copied.every((t) => /^[0-9a-f]{64}$/.test(t.checksum)));
  await project.store.close();

  const store = await openStore(database.url);
  cleanups.push(() => store.close());
  const app = appOver(store, database.url);
  const pgExport = await researcherGet(app, project.token, `/waves/${project.wave.id}/export?format=csv`);
  assert.equal(pgExport.status, 200, 'the token copied from SQLite authenticates on PostgreSQL');
  assert.equal(pgExport.text, sqliteExport.text);
  const pgStatus = await researcherGet(app, project.token, `/waves/${project.wave.id}`);
  assert.deepEqual(pgStatus.body, sqliteStatus.body);

  const started = await request(app).post(`/api/waves/${project.wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'after-copy' } });
  assert.equal(started.status, 201, started.text);
  const participant = (await store.repos.participants.findByCode(started.body.participant.code))!;
  assert.equal(participant.drawIndex, drawn, 'the next draw index of the wave');
  const nCells = designOf((await store.repos.studies.get(project.wave.studyId))!.definition).nCells;
  assert.equal(participant.cellIndex, permutedBlockCell(project.wave.seed, drawn, nCells), 'the permuted-block sequence goes on');
  assert.equal(participant.id, counts.participants! + 1, 'the identity counter continues past the copied ids');
  assert.equal((await completeSurvey(app, participant.code)).body.status, 'complete');
  const { id } = await createTokenService({ store }).create('after the copy');
  assert.equal((await store.repos.tokens.list()).length, 3, `a new token (${id}) beside the two copied`);
});

test('values of every kind keep their meaning: 64-bit integers, booleans, blobs, JSON, timestamps, text keys in byte order', { skip }, async () => {
  const file = join(dir, 'kinds.sqlite');
  const db = openDatabase(file);
  db.exec(`CREATE TABLE type_probe (id INTEGER PRIMARY KEY, big INTEGER, flag INTEGER, payload BLOB, doc TEXT, at TEXT, ratio REAL, label TEXT);
           CREATE TABLE text_keys (name TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
  const big = [2n ** 62n + 1n, 2n ** 31n + 5n, -(2n ** 40n), 9_223_372_036_854_775_807n];
  const bytes = randomBytes(32);
  bytes[3] = 0;
  const insert = db.prepare('INSERT INTO type_probe VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  insert.run(1, big[0], 1, bytes, '{"b": [1, {"y": 2, "x": 1}], "a": "é"}', '2026-12-02T09:00:00.123Z', 0.1, 'Ünïcode ✓');
  insert.run(2, big[1], 0, Buffer.alloc(0), '[]', '2026-01-01T00:00:00.000Z', 1e-300, '');
  insert.run(3, big[2], null, null, null, null, null, null);
  insert.run(2 ** 40, big[3], 1, Buffer.from('x'), '{}', '2026-06-30T23:59:59.999Z', -2.5, 'tab\there');
  const keys = ['a', 'B', 'é', 'Z', '_x', 'ab', 'A b'];
  keys.forEach((name, n) => db.prepare('INSERT INTO text_keys VALUES (?, ?)').run(name, n));
  db.close();

  const database = await newDatabase();
  const setup = await openStore(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  cleanups.push(() => client.end());
  await client.query(`CREATE TABLE type_probe (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, big BIGINT, flag BOOLEAN, payload BYTEA,
                        doc JSONB, at TIMESTAMPTZ, ratio DOUBLE PRECISION, label TEXT);
                      CREATE TABLE text_keys (name TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
  await setup.close();

  const copied = await copySqliteToPostgres(file, database.url);
  assert.deepEqual(copied.filter((t) => t.name.match(/type_probe|text_keys/)).map((t) => [t.name, t.rows]), [['text_keys', 7], ['type_probe', 4]]);
  const rows = (await client.query('SELECT id::text, big::text, flag, payload, doc, at, ratio, label FROM type_probe ORDER BY type_probe.id')).rows;
  assert.deepEqual(rows.map((r) => r.big), big.map(String));
  assert.deepEqual(rows.map((r) => r.id), ['1', '2', '3', String(2 ** 40)]);
  assert.deepEqual(rows.map((r) => r.flag), [true, false, null, true]);
  assert.ok(Buffer.compare(rows[0].payload, bytes) === 0 && rows[1].payload.length === 0 && rows[2].payload === null);
  assert.deepEqual(rows[0].doc, { a: 'é', b: [1, { x: 1, y: 2 }] });
  assert.equal((rows[0].at as Date).toISOString(), '2026-12-02T09:00:00.123Z');
  assert.deepEqual(rows.map((r) => r.ratio), [0.1, 1e-300, null, -2.5]);
  assert.deepEqual(rows.map((r) => r.label), ['Ünïcode ✓', '', null, 'tab\there']);
  const next = await client.query("INSERT INTO type_probe (label) VALUES ('new') RETURNING id::text AS id");
  assert.equal(next.rows[0].id, String(2 ** 40 + 1), 'the identity counter continues after the largest copied id');
});

test('targets that would lose or mix data are refused with one line, and leave the target as it was', { skip }, async () => {
  const project = await populatedSqliteProject('refused');
  await project.store.close();
  const database = await newDatabase();
  await copySqliteToPostgres(project.file, database.url);
  await assert.rejects(copySqliteToPostgres(project.file, database.url), (e: Error) => e instanceof CopyRefused && /is not empty \(rows in .*participants/.test(e.message));

  const older = join(dir, 'older.sqlite');
  const db = openDatabase(older);
  db.prepare('DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)').run();
  db.close();
  const fresh = await newDatabase();
  await assert.rejects(copySqliteToPostgres(older, fresh.url), (e: Error) => e instanceof CopyRefused && /is at migration \d+, older than this vlab's \d+; run vlab db migrate/.test(e.message));

  const newer = await newDatabase();
  const store = await openStore(newer.url);
  await (store as unknown as { pool: pg.Pool }).pool.query("INSERT INTO schema_migrations VALUES (999, '999_future.sql', 'x')");
  await store.close();
  await assert.rejects(copySqliteToPostgres(project.file, newer.url), /schema is at migration 999, newer than this vlab knows/);

  // A target that changes what it is given (here a trigger) is caught by the checksums before COMMIT.
  const altering = await newDatabase();
  const alteringStore = await openStore(altering.url);
  await (alteringStore as unknown as { pool: pg.Pool }).pool.query(`
    CREATE FUNCTION rename_token() RETURNS trigger AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER rename_token BEFORE INSERT ON researcher_tokens FOR EACH ROW EXECUTE FUNCTION rename_token();`);
  await alteringStore.close();
  await assert.rejects(
    copySqliteToPostgres(project.file, altering.url),
    (e: Error) => e instanceof CopyRefused && /^researcher_tokens: the copy differs from the source \(2 rows, sha256 [0-9a-f]{12}… in SQLite; 2 rows, [0-9a-f]{12}… in PostgreSQL\); nothing was committed$/.test(e.message),
  );

  await assert.rejects(copySqliteToPostgres(join(dir, 'missing.sqlite'), fresh.url), (e: Error) => e instanceof CopyRefused && /does not exist/.test(e.message));
  for (const url of [fresh.url, altering.url]) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      assert.equal(Number((await client.query('SELECT COUNT(*) AS n FROM participants')).rows[0].n), 0, 'a refused copy writes nothing');
    } finally {
      await client.end();
    }
  }
});

// SQLite keeps a NUL in text, and earlier versions stored one from a study's title or a wave's redirect template;
// PostgreSQL refuses it ("invalid byte sequence for encoding UTF8: 0x00"), in text and as a \u0000 escape in
// jsonb. The copy ended in node-postgres's stack trace; it now names the table, row and column, commits nothing.
test('a NUL in a text or JSON value of the SQLite file is named with its table, row and column; nothing is committed', { skip }, async () => {
  const project = await populatedSqliteProject('nul');
  await project.store.close();
  const db = openDatabase(project.file);
  db.prepare("UPDATE studies SET title = 'Opinions' || char(0) || ' about' WHERE id = (SELECT MIN(id) FROM studies)").run();
  const studyId = db.prepare('SELECT MIN(id) FROM studies').pluck().get();
  db.close();
  const database = await newDatabase();
  await assert.rejects(copySqliteToPostgres(project.file, database.url), (e: Error) => {
    assert.ok(e instanceof CopyRefused, e.stack);
    assert.equal(e.message, `studies.id = ${studyId}, column title: holds a NUL character (\\u0000), which no text may hold (PostgreSQL cannot store it): delete it; nothing was committed`);
    return true;
  });

  const file = join(dir, 'nul-json.sqlite');
  const probe = openDatabase(file);
  probe.exec('CREATE TABLE nul_probe (id INTEGER PRIMARY KEY, doc TEXT)');
  probe.prepare('INSERT INTO nul_probe VALUES (?, ?)').run(7, '{"answer": "a\\u0000b"}');
  probe.close();
  const target = await newDatabase();
  const setup = await openStore(target.url);
  await (setup as unknown as { pool: pg.Pool }).pool.query('CREATE TABLE nul_probe (id BIGINT PRIMARY KEY, doc JSONB)');
  await setup.close();
  await assert.rejects(copySqliteToPostgres(file, target.url), (e: Error) => e instanceof CopyRefused &&
    e.message === 'nul_probe.id = 7, column doc: answer: holds a NUL character (\\u0000), which no text may hold (PostgreSQL cannot store it): delete it; nothing was committed');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    assert.equal(Number((await client.query('SELECT COUNT(*) AS n FROM studies')).rows[0].n), 0, 'a refused copy writes nothing');
  } finally {
    await client.end();
  }
});
