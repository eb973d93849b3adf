import assert from 'node:assert/strict';
import { test } from 'node:test';
import { panelParamsSchema } from '../../server/domain/panel.ts';
import { panelParamsOf } from '../../server/domain/panel-params.ts';

// The page reads the panel parameters from its link with panelParamsOf, and the start route reads its body's
// `panel` with it: one rule for a parameter's name in other capitals (attacker pass 16).

test('panelParamsOf: names in any capitals are the panel\'s own; the exact spelling wins over another', () => {
  const query = new URLSearchParams('prolific_pid=a1&study_id=s&Session_ID=x&utm_source=mail&workerid=W1&WORKERID=W2');
  assert.deepEqual(panelParamsOf(query), { PROLIFIC_PID: 'a1', STUDY_ID: 's', SESSION_ID: 'x', workerId: 'W1' });
  assert.deepEqual(panelParamsOf(new URLSearchParams('prolific_pid=a&PROLIFIC_PID=b&PROLIFIC_PID=b')), { PROLIFIC_PID: 'b' });
  // RID and rid are both names of the list; another spelling is the first of them.
  assert.deepEqual(panelParamsOf(new URLSearchParams('rid=r1&RID=R2')), { rid: 'r1', RID: 'R2' });
  assert.deepEqual(panelParamsOf(new URLSearchParams('Rid=r3')), { RID: 'r3' });
});

test('panelParamsOf: an empty value is no value (a link whose panel left the placeholder empty); prototype names are dropped', () => {
  assert.deepEqual(panelParamsOf(new URLSearchParams('PROLIFIC_PID=&prolific_pid=abc&__proto__=x&constructor=y')), { PROLIFIC_PID: 'abc' });
  assert.deepEqual(panelParamsOf(Object.entries(JSON.parse('{"__proto__":{"PROLIFIC_PID":"p"},"hitid":7}'))), { hitId: 7 });
  assert.equal(Object.getPrototypeOf(panelParamsOf([])), Object.prototype);
});

test('panelParamsOf: a link that gives one parameter two different values is passed on as both, which the start refuses', () => {
  // MTurk appends `workerId=…` to the link it was given: a link left with `?workerId=TEST` from a trial made every
  // worker participant TEST when the first value won (attacker pass 22), each later one told they had finished.
  const given = panelParamsOf(new URLSearchParams('workerId=TEST&assignmentId=A1&workerId=A2WORKER&workerId=TEST'));
  assert.deepEqual(given, { workerId: ['TEST', 'A2WORKER'], assignmentId: 'A1' });
  const refused = panelParamsSchema.safeParse(given);
  assert.equal(refused.success, false);
  assert.deepEqual(refused.error?.issues[0]?.path, ['workerId']);
  // A name in other capitals still gives way to the exact one, as a hand-typed name beside the panel's.
  assert.deepEqual(panelParamsOf(new URLSearchParams('workerid=TEST&workerId=A2WORKER')), { workerId: 'A2WORKER' });
});

test('panelParamsOf: white space and invisible characters glued to a value\'s ends are taken off, as the page reads its link', () => {
  // `+` in a query is a space to URLSearchParams; %E2%80%8B a zero-width space, %EF%BB%BF a byte-order mark.
  const query = new URLSearchParams('RID=r-5512%E2%80%8B&STUDY_ID=+s1+&SESSION_ID=%EF%BB%BFsess%C2%A0&hitId=%E2%80%8B');
  assert.deepEqual(panelParamsOf(query), { RID: 'r-5512', STUDY_ID: 's1', SESSION_ID: 'sess' });
  // The same ID with and without the glue is one value, not two the start would refuse as a list.
  assert.deepEqual(panelParamsOf(new URLSearchParams('workerId=A2W&workerId=A2W%E2%80%8B')), { workerId: 'A2W' });
  assert.deepEqual(panelParamsOf(new URLSearchParams('workerId=A2%20W')), { workerId: 'A2 W' });
  // A placeholder the panel left unfilled, as the page reads it from its link, is no value (sticky.test.ts).
  assert.deepEqual(panelParamsOf(new URLSearchParams('PROLIFIC_PID=%7B%7B%25PROLIFIC_PID%25%7D%7D&RID=[%25RID%25]&hitId=H1')), { hitId: 'H1' });
});
