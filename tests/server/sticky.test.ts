import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { panelIdentitiesToMatch } from '../../server/domain/panel.ts';
import { completeSurvey, createTestApp } from './test-app.ts';

// Extends tests/server/respondent-api.test.ts (same panel ID 100×, cookie-only stickiness, resume of saved
// answers) with the browser situations a respondent actually meets.

const apps: { close(): void }[] = [];
async function setup() {
  const t = await createTestApp({ completeUrl: 'https://panel.example/done' });
  apps.push(t);
  return t;
}
after(() => apps.forEach((a) => a.close()));

const path = (waveId: string) => `/api/waves/${waveId}/participants`;

test('reload (cookie and panel ID) and a new tab (same cookie jar, same link): the same participant, page and answers', async () => {
  const { app, wave } = await setup();
  const browser = request.agent(app);
  const panel = { PROLIFIC_PID: 'sticky-1', STUDY_ID: 's', SESSION_ID: 'x' };
  const first = await browser.post(path(wave.id)).send({ panel });
  const code = first.body.participant.code;
  await browser.put(`/api/participants/${code}/answers`).send({ answers: { consent: true, age_group: '30-44' }, currentPage: 2 });
  for (let i = 0; i < 3; i++) {
    const again = await browser.post(path(wave.id)).send({ panel });
    assert.equal(again.status, 200);
    assert.equal(again.body.participant.code, code);
    assert.equal(again.body.participant.currentPage, 2);
    assert.deepEqual(again.body.answers, { consent: true, age_group: '30-44' });
    assert.deepEqual(again.body.survey, first.body.survey, 'the same vignette');
  }
});

test('browser closed, cookie lost, panel ID present: resumes the same participant; a cookie of someone else does not override the panel ID', async () => {
  const { app, wave, sql } = await setup();
  const panel = { workerId: 'STICKY-W1' };
  const first = await request.agent(app).post(path(wave.id)).send({ panel });
  await request(app).put(`/api/participants/${first.body.participant.code}/answers`).send({ answers: { consent: true }, currentPage: 1 });
  const newBrowser = await request(app).post(path(wave.id)).send({ panel });
  assert.equal(newBrowser.status, 200);
  assert.equal(newBrowser.body.participant.code, first.body.participant.code);
  assert.equal(newBrowser.body.participant.currentPage, 1);

  // A shared computer: the cookie belongs to an earlier respondent, the link to this one.
  const other = request.agent(app);
  const earlier = await other.post(path(wave.id)).send({ panel: { workerId: 'STICKY-W2' } });
  const mine = await other.post(path(wave.id)).send({ panel });
  assert.equal(mine.body.participant.code, first.body.participant.code);
  assert.notEqual(mine.body.participant.code, earlier.body.participant.code);
  assert.equal(await sql.value('SELECT COUNT(*) FROM participants'), 2);
});

test('a panel ID retyped in other capitals is the same participant on Prolific and MTurk (no second condition); a Lucid-style RID is taken as sent', async () => {
  // Prolific's IDs are 24 lower-case hex digits and MTurk's worker IDs upper-case letters and digits: a respondent
  // who edits their link's ID into other capitals drew a second condition in the same wave (attacker pass 15).
  const { app, wave, sql } = await setup();
  const prolific = await request(app).post(path(wave.id)).send({ panel: { PROLIFIC_PID: '5f8d0d55b54764421b7156c3' } });
  const mturk = await request(app).post(path(wave.id)).send({ panel: { workerId: 'A1B2C3D4E5F6G7' } });
  for (const [first, panel] of [
    [prolific, { PROLIFIC_PID: '5F8D0D55B54764421B7156C3' }],
    [prolific, { PROLIFIC_PID: '5f8D0d55b54764421b7156C3' }],
    [mturk, { workerId: 'a1b2c3d4e5f6g7' }],
  ] as const) {
    const again = await request(app).post(path(wave.id)).send({ panel });
    assert.equal(again.status, 200, JSON.stringify(panel));
    assert.equal(again.body.participant.code, first.body.participant.code);
  }
  assert.equal(await sql.value('SELECT COUNT(*) FROM participants'), 2);
  // Stored in the panel's own case; the redirect keeps what the link carried.
  assert.deepEqual(await sql.all('SELECT panel_source, panel_id FROM participants ORDER BY id'), [
    { panel_source: 'prolific', panel_id: '5f8d0d55b54764421b7156c3' },
    { panel_source: 'mturk', panel_id: 'A1B2C3D4E5F6G7' },
  ]);
  // RIDs differ by supplier (some are case-sensitive): folding them could make two people one participant.
  await request(app).post(path(wave.id)).send({ panel: { RID: 'rid-abc' } });
  assert.equal((await request(app).post(path(wave.id)).send({ panel: { RID: 'RID-ABC' } })).status, 201);
});

test('cookie present, panel ID missing (link opened without its parameters): the cookie resumes the participant', async () => {
  const { app, wave, sql } = await setup();
  const browser = request.agent(app);
  const first = await browser.post(path(wave.id)).send({ panel: { RID: 'sticky-rid' } });
  const bare = await browser.post(path(wave.id)).send({});
  assert.equal(bare.status, 200);
  assert.equal(bare.body.participant.code, first.body.participant.code);
  assert.equal(await sql.value('SELECT COUNT(*) FROM participants'), 1);
});

test('a finished participant who comes back gets their outcome again, never a second draw; a cookie for another wave is ignored', async () => {
  const { app, wave, studies } = await setup();
  const browser = request.agent(app);
  const panel = { PROLIFIC_PID: 'sticky-done' };
  const first = await browser.post(path(wave.id)).send({ panel });
  const code = first.body.participant.code;
  await completeSurvey(app, code);
  for (const agent of [browser, request(app)]) {
    const back = await agent.post(path(wave.id)).send({ panel });
    assert.equal(back.status, 200);
    assert.equal(back.body.participant.code, code);
    assert.equal(back.body.participant.status, 'complete');
    assert.deepEqual(back.body.outcome, { status: 'complete', redirectUrl: 'https://panel.example/done' });
  }
  const byCookie = await browser.post(path(wave.id)).send({});
  assert.equal(byCookie.body.participant.code, code);

  const otherWave = (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 10, seed: 'other' })).wave;
  const elsewhere = await browser.post(path(otherWave.id)).send({});
  assert.equal(elsewhere.status, 201);
  assert.notEqual(elsewhere.body.participant.code, code);
});

test('the same panel ID under another spelling of its parameter, or another panel\'s parameter, is the same participant (no second condition)', async () => {
  // Attacker pass 16: `?prolific_pid=` was dropped as an unknown parameter (a new participant without a panel ID,
  // redirects without it), and `PROLIFIC_PID=X` then `workerId=X` or `RID=X` drew a second and third condition.
  const { app, wave, sql } = await setup();
  const first = await request(app).post(path(wave.id)).send({ panel: { PROLIFIC_PID: '5f8d0d55b54764421b7156c4', SESSION_ID: 's-1' } });
  assert.equal(first.status, 201);
  for (const panel of [
    { prolific_pid: '5f8d0d55b54764421b7156c4' },
    { Prolific_Pid: '5F8D0D55B54764421B7156C4' },
    { workerId: '5F8D0D55B54764421B7156C4' },
    { WORKERID: '5f8d0d55b54764421b7156c4' },
    { RID: '5f8d0d55b54764421b7156c4' },
  ]) {
    const again = await request(app).post(path(wave.id)).send({ panel });
    assert.equal(again.status, 200, JSON.stringify(panel));
    assert.equal(again.body.participant.code, first.body.participant.code, JSON.stringify(panel));
  }
  // A parameter in other capitals is stored under the panel's own name, so redirects and exports carry it.
  const lower = await request(app).post(path(wave.id)).send({ panel: { workerid: 'A9B8C7', assignmentid: 'asg-1', hitID: 'hit-1' } });
  assert.equal(lower.status, 201);
  assert.deepEqual(await sql.all("SELECT panel_source, panel_id, panel_params_json FROM participants WHERE panel_id = 'A9B8C7'"), [
    { panel_source: 'mturk', panel_id: 'A9B8C7', panel_params_json: JSON.stringify({ workerId: 'A9B8C7', assignmentId: 'asg-1', hitId: 'hit-1' }) },
  ]);
  // The exact spelling wins over another; a RID compared with a RID stays exact (case-sensitive IDs stay two people).
  const both = await request(app).post(path(wave.id)).send({ panel: { prolific_pid: 'aaaaaaaaaaaaaaaaaaaaaaa1', PROLIFIC_PID: 'bbbbbbbbbbbbbbbbbbbbbbb2' } });
  assert.equal(both.status, 201);
  assert.equal(await sql.value("SELECT COUNT(*) FROM participants WHERE panel_id = 'bbbbbbbbbbbbbbbbbbbbbbb2'"), 1);
  await request(app).post(path(wave.id)).send({ panel: { RID: 'Rid-Xy' } });
  assert.equal((await request(app).post(path(wave.id)).send({ panel: { rid: 'RID-XY' } })).status, 201);
  assert.equal(await sql.value('SELECT COUNT(*) FROM participants'), 5);
});

test('a RID stored first is found by the same ID under Prolific or MTurk in any capitals (the order of arrival does not split one person)', async () => {
  // The 40-at-once test below gave two participants on PostgreSQL when the RID spelling won the race: a RID is
  // stored as sent, and a Prolific ID in capitals was looked for among RIDs only as sent.
  const { app, wave } = await setup();
  const first = await request(app).post(path(wave.id)).send({ panel: { RID: '5f8d0d55b54764421b7156c7' } });
  assert.equal(first.status, 201);
  for (const panel of [{ PROLIFIC_PID: '5F8D0D55B54764421B7156C7' }, { workerId: '5f8d0d55b54764421b7156c7' }, { prolific_pid: '5f8d0d55b54764421B7156C7' }]) {
    const again = await request(app).post(path(wave.id)).send({ panel });
    assert.equal(again.status, 200, JSON.stringify(panel));
    assert.equal(again.body.participant.code, first.body.participant.code, JSON.stringify(panel));
  }
  // Two RIDs still compare exactly: RID=5F8D… is another person than RID=5f8d….
  assert.equal((await request(app).post(path(wave.id)).send({ panel: { RID: '5F8D0D55B54764421B7156C7' } })).status, 201);
});

test('40 starts at once with one ID under four parameter spellings: one participant, one draw', async () => {
  const { app, wave, sql } = await setup();
  const spellings = [{ PROLIFIC_PID: '5f8d0d55b54764421b7156c5' }, { prolific_pid: '5F8D0D55B54764421B7156C5' }, { workerId: '5f8d0d55b54764421b7156c5' }, { RID: '5f8d0d55b54764421b7156c5' }];
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => request(app).post(path(wave.id)).send({ panel: spellings[i % 4] })));
  assert.deepEqual(answers.map((a) => a.status).sort((a, b) => b - a), [201, ...Array<number>(39).fill(200)]);
  assert.equal(new Set(answers.map((a) => a.body.participant.code)).size, 1);
  assert.equal(await sql.value('SELECT COUNT(*) FROM participants'), 1);
  assert.equal(await sql.value('SELECT SUM(assigned) FROM assignment_counters'), 1);
});

test('two stored participants match a link\'s ID under different identities: the link\'s own panel wins, whichever was stored first', async () => {
  // findByPanelIdentities asks for every identity in one statement (storage/panel-identity-lookup.ts); the order of
  // panelIdentitiesToMatch must still decide. Such a pair predates one-ID-one-participant (6cdb59c), so it is stored here by hand.
  const { repos, wave } = await setup();
  const stored = (code: string, panelSource: 'prolific' | 'lucid', panelId: string) =>
    repos.participants.insert({
      code, publicRef: `ref-${code}`, waveId: wave.id, panelSource, panelId, panelParams: {}, drawIndex: code.length,
      cellIndex: 0, assignment: {}, assignmentProbability: 1, startedAt: '2026-12-05T22:00:00.000Z',
    });
  await stored('lucid-first-aaaa', 'lucid', 'AB12CD');
  await stored('prolific-second-b', 'prolific', 'ab12cd');
  const find = (params: Record<string, string>) => repos.participants.findByPanelIdentities(wave.id, panelIdentitiesToMatch(params));
  assert.equal((await find({ PROLIFIC_PID: 'AB12CD' }))?.code, 'prolific-second-b');
  assert.equal((await find({ RID: 'AB12CD' }))?.code, 'lucid-first-aaaa');
  assert.equal((await find({ RID: 'ab12cd' }))?.code, 'prolific-second-b', 'a RID as sent finds no RID, then the Prolific form');
  assert.equal(await find({ RID: 'zz99' }), undefined);
  assert.equal(await repos.participants.findByPanelIdentities(wave.id, []), undefined);
});

test('a panel parameter with what copying glued to its ends (a space, U+200B, a BOM, a no-break space) is the same participant as without it', async () => {
  // A link typed in a document and pasted into the panel's settings (`…?RID=[%RID%]` + U+200B) ends every
  // respondent's last parameter with that glue: each was refused "expected 1–128 printable ASCII characters" (422)
  // with an ID that looked whole, and the completion redirect would have carried it (attacker pass 40). No panel's
  // IDs hold white space or an invisible character, so the ends are taken off, as a glued wave id's are (pass 28).
  const t = await createTestApp({ completeUrl: 'https://panel.example/done?rid={RID}&session={SESSION_ID}' });
  apps.push(t);
  const glued = await request(t.app).post(path(t.wave.id)).send({ panel: { RID: 'r-5512\u200b' } });
  assert.equal(glued.status, 201, JSON.stringify(glued.body));
  for (const panel of [{ RID: 'r-5512' }, { RID: '\ufeffr-5512 ' }, { RID: 'r-5512\u00a0\u2060' }]) {
    const again = await request(t.app).post(path(t.wave.id)).send({ panel });
    assert.equal(again.status, 200, JSON.stringify(panel));
    assert.equal(again.body.participant.code, glued.body.participant.code);
  }
  const prolific = await request(t.app).post(path(t.wave.id)).send({ panel: { PROLIFIC_PID: ' 5f8d0d55b54764421b7156c3', STUDY_ID: 's1', SESSION_ID: 'sess-9\u200b' } });
  assert.equal(prolific.status, 201, JSON.stringify(prolific.body));
  assert.deepEqual(await t.sql.all('SELECT panel_id, panel_params_json FROM participants ORDER BY id'), [
    { panel_id: 'r-5512', panel_params_json: '{"RID":"r-5512"}' },
    { panel_id: '5f8d0d55b54764421b7156c3', panel_params_json: '{"PROLIFIC_PID":"5f8d0d55b54764421b7156c3","STUDY_ID":"s1","SESSION_ID":"sess-9"}' },
  ]);
  const done = await completeSurvey(t.app, glued.body.participant.code);
  assert.equal(done.body.redirectUrl, 'https://panel.example/done?rid=r-5512&session=');
  // Inside an ID a space is no glue: still refused, as a value of glue alone is no value (the start without it).
  assert.equal((await request(t.app).post(path(t.wave.id)).send({ panel: { RID: 'r 5512' } })).status, 422);
  const onlyGlue = await request(t.app).post(path(t.wave.id)).send({ panel: { RID: '\u200b' } });
  assert.equal(onlyGlue.status, 201);
  assert.equal(await t.sql.value('SELECT panel_id FROM participants WHERE code = ?', onlyGlue.body.participant.code), null);
});

test('a panel parameter the panel left unfilled (`{{%PROLIFIC_PID%}}`, `[%RID%]`) is no value: everyone opening such a link is a participant of their own', async () => {
  // A study link tried before the panel fills it in (a pilot among colleagues), or a supplier that passes its
  // template through, carried the placeholder itself as the ID: every opener was one participant, the second told
  // to go on with the first's survey or that they had finished (attacker pass 40; pass 22's `workerId=TEST` alike).
  const t = await setup();
  for (const panel of [{ PROLIFIC_PID: '{{%PROLIFIC_PID%}}', STUDY_ID: '{{%STUDY_ID%}}' }, { RID: '[%RID%]' }, { workerId: '${workerId}' }, { RID: '%RID%' }, { RID: '{RID}' }]) {
    const first = await request(t.app).post(path(t.wave.id)).send({ panel });
    const second = await request(t.app).post(path(t.wave.id)).send({ panel });
    assert.deepEqual([first.status, second.status], [201, 201], JSON.stringify(panel));
    assert.notEqual(first.body.participant.code, second.body.participant.code);
  }
  assert.equal(await t.sql.value('SELECT COUNT(*) FROM participants WHERE panel_id IS NOT NULL'), 0);
  // An ID written in braces with its digits is an ID.
  const braced = await request(t.app).post(path(t.wave.id)).send({ panel: { RID: '{3F2504E04F8911D39A0C0305E82C3301}' } });
  assert.equal(await t.sql.value('SELECT panel_id FROM participants WHERE code = ?', braced.body.participant.code), '{3F2504E04F8911D39A0C0305E82C3301}');
});
