// MTurk shows a HIT's survey in its preview with `assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE` (and no workerId) before
// the worker accepts it. The attacker trial of 2026-12-04 found each preview created a participant: a condition
// drawn and a slot of the permuted block spent on someone who may never accept, again at every preview.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { createTestApp } from './test-app.ts';

const t = await createTestApp();
after(() => t.close());
const { app, wave, sql } = t;

const rows = async () => ({
  participants: (await sql.all('SELECT id FROM participants')).length,
  counters: await sql.all('SELECT * FROM assignment_counters ORDER BY 1, 2'),
});

test('an MTurk preview is refused with 422 and a reason the page can show, and nothing is stored', async () => {
  const before = await rows();
  for (const panel of [{ assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE', hitId: '3XYZHIT' }, { assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE' }]) {
    const res = await request(app).post(`/api/waves/${wave.id}/participants`).send({ panel });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, {
      error: {
        code: 'invalid_input',
        reason: 'mturk_preview',
        message: 'this is a preview of an MTurk HIT (assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE): accept the HIT to begin',
      },
    });
    assert.equal(res.headers['set-cookie'], undefined);
  }
  assert.deepEqual(await rows(), before, 'nothing stored');
});

test('once the worker accepts the HIT (a real assignmentId and a workerId) the start goes ahead', async () => {
  const res = await request(app)
    .post(`/api/waves/${wave.id}/participants`)
    .send({ panel: { assignmentId: '3ASSIGNMENT1', hitId: '3XYZHIT', workerId: 'A1WORKER' } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
});
