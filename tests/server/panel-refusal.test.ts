// A panel parameter the start refuses (docs/api.md: 1–128 printable ASCII characters) is `422 invalid_input` whose
// body names the parameter in `param` beside `reason: "panel_param"`, so the respondent page can say why in the
// respondent's language: before, only the English message named it, and a Spanish page quoted it in English.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { createTestApp } from './test-app.ts';

const t = await createTestApp();
after(() => t.close());
const { app, wave, sql } = t;

for (const [name, panel, message] of [
  ['a space', { PROLIFIC_PID: 'has a space' }, 'panel.PROLIFIC_PID: expected 1–128 printable ASCII characters, got "has a space"'],
  ['129 characters', { workerId: 'w'.repeat(129) }, `panel.workerId: expected 1–128 printable ASCII characters, got "${'w'.repeat(40)}…"`],
  ['a number', { RID: 5 }, 'panel.RID: expected a text, got 5'],
] as const) {
  test(`a panel parameter with ${name} is refused naming the parameter, and nothing is stored`, async () => {
    const before = (await sql.all('SELECT id FROM participants')).length;
    const res = await request(app).post(`/api/waves/${wave.id}/participants`).send({ panel });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, { error: { code: 'invalid_input', message, reason: 'panel_param', param: Object.keys(panel)[0] } });
    assert.equal((await sql.all('SELECT id FROM participants')).length, before);
  });
}

test('a panel that is not an object is refused without a parameter to name', async () => {
  const res = await request(app).post(`/api/waves/${wave.id}/participants`).send({ panel: 'PROLIFIC_PID' });
  assert.equal(res.status, 422);
  assert.deepEqual(res.body, { error: { code: 'invalid_input', message: 'panel: expected an object, got "PROLIFIC_PID" (a text)' } });
});
