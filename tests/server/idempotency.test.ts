import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { serve } from '../e2e/serve-process.ts';
import { LOAD_ENV } from '../../support/load-settings.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, createTestLocation, PRETREATMENT_ALLIANCE_ANSWERS, reachVignette } from './test-app.ts';
import { testSql } from './test-sql.ts';

const ANSWERS = { ...COMPLETE_ALLIANCE_ANSWERS, attention_check: 'radio' };

test('50 parallel identical completions: one stored completion, every answer 200 with the same outcome', async () => {
  const t = await createTestApp({ completeUrl: 'https://panel.example/done?pid={PROLIFIC_PID}' });
  try {
    const started = await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'idem-1' } });
    const code = started.body.participant.code;
    await reachVignette(t.app, code, { attention_check: 'radio' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => request(t.app).post(`/api/participants/${code}/complete`).send({ answers: ANSWERS })),
    );
    const statuses = responses.map((r) => r.status);
    const bodies = new Set(responses.map((r) => JSON.stringify(r.body)));
    const count = (sql: string) => t.sql.value(sql);
    console.log(`idempotency (in-process): 50 requests → ${statuses.filter((s) => s === 200).length} × 200, ${await count("SELECT COUNT(*) FROM answers WHERE kind = 'final'")} stored completion`);
    assert.deepEqual(statuses, Array(50).fill(200));
    assert.deepEqual([...bodies], [JSON.stringify({ status: 'complete', redirectUrl: 'https://panel.example/done?pid=idem-1' })]);
    assert.equal(await count("SELECT COUNT(*) FROM answers WHERE kind = 'final'"), 1);
    assert.equal(await count('SELECT COUNT(*) FROM quality_flags'), 1);
    assert.equal(await count("SELECT COUNT(*) FROM participants WHERE status = 'complete'"), 1);
  } finally {
    t.close();
  }
});

test('50 parallel identical completions split over two server processes on one database: exactly one stored, none refused', async () => {
  const { location: dbPath, remove } = await createTestLocation();
  const servers = [await serve(dbPath, LOAD_ENV)];
  servers.push(await serve(dbPath, LOAD_ENV));
  const store = await openStore(dbPath);
  const sql = testSql(store);
  try {
    const waveId = servers[0]!.waves[0]!.id;
    const results: { finals: number; statuses: number[] }[] = [];
    for (let round = 0; round < 3; round++) {
      const started = await fetch(`${servers[0]!.baseUrl}/api/waves/${waveId}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ panel: { RID: `idem-${round}` } }),
      }).then((r) => r.json());
      const code = started.participant.code;
      await fetch(`${servers[0]!.baseUrl}/api/participants/${code}/quota-check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, attention_check: 'radio' } }),
      });
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${servers[i % 2]!.baseUrl}/api/participants/${code}/complete`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ answers: ANSWERS }),
          }).then(async (r) => {
            const body = await r.json();
            assert.equal(body.status, 'complete');
            return r.status;
          }),
        ),
      );
      const id = await sql.value('SELECT id FROM participants WHERE code = ?', code);
      results.push({ finals: await sql.value("SELECT COUNT(*) FROM answers WHERE participant_id = ? AND kind = 'final'", id), statuses });
    }
    const all = results.flatMap((r) => r.statuses);
    console.log(`idempotency (two processes): ${all.length} requests over 3 participants → ${all.filter((s) => s === 200).length} × 200, stored completions per participant ${results.map((r) => r.finals).join(', ')}`);
    assert.deepEqual(all, Array(150).fill(200));
    assert.deepEqual(results.map((r) => r.finals), [1, 1, 1]);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await store.close();
    await remove();
  }
});
