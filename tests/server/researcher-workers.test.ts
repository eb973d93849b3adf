// Researcher work runs in worker threads (server/workers/researcher-pool.ts): a bounded number at once, a
// bounded queue (503 busy with Retry-After past it), stalled downloads cut off, pages read in short snapshots so
// a paused download does not hold the WAL; estimates are kept by (wave, plan hash, completes).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createEstimatesCache } from '../../server/services/estimates-cache.ts';
import { createEstimatesService } from '../../server/services/estimates-service.ts';
import { createExportService } from '../../server/services/export-service.ts';
import { createQualityFlagService } from '../../server/services/quality-flag-service.ts';
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { WAL_SIZE_LIMIT_BYTES } from '../../server/storage/db.ts';
import { seedAllianceWave } from './estimates-support.ts';
import { alliance } from './plan-support.ts';
import { completeWithService, createTestApp, TEST_RATE_LIMITS } from './test-app.ts';

const apps: { close(): void }[] = [];
after(() => apps.forEach((a) => a.close()));

async function setup(settings: Parameters<typeof createTestApp>[1] = {}) {
  const t = await createTestApp({ target: 5000 }, settings);
  apps.push(t);
  await seedAllianceWave(t.store, alliance, t.wave.id);
  const { token } = await createTokenService({ store: t.store }).create('workers');
  const get = (path: string) => request(t.app).get(`/api/researcher${path}`).set('Authorization', `Bearer ${token}`);
  return { ...t, get };
}

test('an export made by a worker thread is byte for byte the export service’s; unknown waves are 404 before any byte', async () => {
  const t = await setup();
  const inline = createExportService({ store: t.store, flags: createQualityFlagService().exportSource(t.repos) });
  for (const format of ['csv', 'long-csv', 'json', 'codebook'] as const) {
    const res = await t.get(`/waves/${t.wave.id}/export?format=${format}`);
    assert.equal(res.status, 200);
    const chunks: Buffer[] = [];
    for await (const chunk of (await inline.file(t.wave.id, format)).stream()) chunks.push(Buffer.from(chunk));
    assert.equal(res.text, Buffer.concat(chunks).toString('utf8'), format);
  }
  assert.ok(t.researcherPool.stats().workers >= 1, 'the work ran in a worker thread');
  const missing = await t.get('/waves/NoSuchWave1/export');
  assert.deepEqual([missing.status, missing.body.error.code], [404, 'not_found']);
  assert.equal(t.researcherPool.stats().running, 0, 'every place was given back');
});

test('past the running jobs and the queue a request gets 503 busy with Retry-After; a stalled download is cut off and frees its place', async () => {
  const t = await setup({ researcherJobs: 1, researcherQueue: 1, downloadStallSeconds: 1 });
  // A download whose client reads one chunk and then stops: it holds the only place.
  const stalled = await t.researcherPool.stream({ kind: 'export', waveId: t.wave.id, format: 'csv' });
  stalled.body.once('data', () => stalled.body.pause());
  const cut = once(stalled.body, 'error');
  assert.deepEqual(t.researcherPool.stats(), { running: 1, queued: 0, workers: 1 });

  const queued = t.get(`/waves/${t.wave.id}/estimates`).then((r) => r);
  while (t.researcherPool.stats().queued === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const refused = await t.get(`/waves/${t.wave.id}`);
  assert.equal(refused.status, 503);
  assert.equal(refused.body.error.code, 'busy');
  assert.equal(refused.headers['retry-after'], '5');

  const [error] = (await cut) as [Error];
  assert.match(error.message, /download stalled for 1 s/);
  const answered = await queued;
  assert.equal(answered.status, 200, 'the queued request ran once the stalled download was cut off');
  assert.equal(answered.body.nComplete, 1502);
  assert.equal(t.researcherPool.stats().running, 0);
});

test('a paused download holds no read snapshot: the WAL is checkpointed behind it while writes go on', async () => {
  const t = await setup({ downloadStallSeconds: 600 });
  const paused = await t.researcherPool.stream({ kind: 'export', waveId: t.wave.id, format: 'json' });
  paused.body.once('data', () => paused.body.pause());
  await once(paused.body, 'data');
  // About 40 MB written in 200 transactions while the download waits (one snapshot held grew the WAL by all of it).
  t.db.exec('CREATE TABLE filler (x BLOB)');
  const insert = t.db.prepare('INSERT INTO filler VALUES (randomblob(200000))');
  for (let i = 0; i < 200; i++) insert.run();
  const wal = statSync(`${t.db.name}-wal`).size;
  console.log(`paused download: WAL ${(wal / 1e6).toFixed(1)} MB after 40 MB of writes`);
  assert.ok(wal < WAL_SIZE_LIMIT_BYTES, `WAL grew to ${wal} bytes behind a paused download`);
  paused.body.destroy();

  // One 40-MB transaction makes a 40-MB WAL; once checkpointed, the next write cuts the file back to the limit.
  t.db.transaction(() => {
    for (let i = 0; i < 200; i++) insert.run();
  })();
  assert.ok(statSync(`${t.db.name}-wal`).size > 40e6);
  insert.run();
  const after = statSync(`${t.db.name}-wal`).size;
  assert.ok(after <= WAL_SIZE_LIMIT_BYTES, `the WAL stayed at ${after} bytes`);
});

test('estimates are computed again only when the wave has a new complete', async () => {
  const t = await setup();
  const estimates = createEstimatesService({ store: t.store });
  const cache = createEstimatesCache(estimates, (waveId) => t.repos.waveProgress.completes(waveId));
  const first = await cache.waveEstimates(t.wave.id);
  assert.equal(await cache.waveEstimates(t.wave.id), first);
  assert.equal(cache.computed(), 1);
  const service = createRespondentService({ store: t.store });
  const { participant } = await service.start({ waveId: t.wave.id, panelParams: {} });
  await completeWithService(service, participant.code);
  const second = await cache.waveEstimates(t.wave.id);
  assert.equal(cache.computed(), 2);
  assert.equal(second.nComplete, 1503);
  assert.equal(await cache.waveEstimates(t.wave.id), second);
  assert.equal(cache.computed(), 2);
});

test('a client that leaves before the first byte of a download is not a server error: nothing logged as one, the place given back', async () => {
  const t = await setup({ researcherJobs: 1, researcherQueue: 1 });
  // The app again over the same store and pool, with a logger whose lines the test reads.
  const lines: { level: number; msg?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const config = loadConfig({}, { dbPath: t.location, ...TEST_RATE_LIMITS, researcherJobs: 1, researcherQueue: 1 });
  const server = createApp({ store: t.store, config, researcherPool: t.researcherPool, logger }).listen(0);
  await once(server, 'listening');
  const { token } = await createTokenService({ store: t.store }).create('leaver');
  try {
    // The only place is held, so the download waits in the queue while its client goes away.
    const held = await t.researcherPool.stream({ kind: 'export', waveId: t.wave.id, format: 'csv' });
    const leaver = httpRequest({ port: (server.address() as AddressInfo).port, path: `/api/researcher/waves/${t.wave.id}/export`, headers: { authorization: `Bearer ${token}` } });
    leaver.on('error', () => undefined);
    leaver.end();
    while (t.researcherPool.stats().queued === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    leaver.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    held.body.destroy();
    while (t.researcherPool.stats().running + t.researcherPool.stats().queued > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(lines.filter((l) => l.level >= 50), [], 'a departed client is not logged as an unhandled error');
    assert.deepEqual(t.researcherPool.stats(), { running: 0, queued: 0, workers: 1 });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
