// The respondent page's reading of its link (public/src/link-parameters.ts): a panel's parameters appended after a
// `#` in the study URL are read too (attacker pass 32; before, the page read only location.search and the
// respondent started without their panel ID). The page's own use is checked in Chromium by
// tests/e2e/respondent-browser.test.ts ("panel parameters after a #").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { panelParamsOf } from '../../server/domain/panel-params.ts';
import { linkParameters } from '../../public/src/link-parameters.ts';

const panelOf = (search: string, hash: string) => panelParamsOf(linkParameters(search, hash));

test('panel parameters a panel appended after a # are read as the query\'s', () => {
  assert.deepEqual(panelOf('', '#?PROLIFIC_PID=5f8d&STUDY_ID=s1&SESSION_ID=x9'), { PROLIFIC_PID: '5f8d', STUDY_ID: 's1', SESSION_ID: 'x9' });
  assert.deepEqual(panelOf('', '#start?workerId=A1B2&assignmentId=3C'), { workerId: 'A1B2', assignmentId: '3C' });
  assert.deepEqual(panelOf('?lang=es', '#start&workerId=A1B2'), { workerId: 'A1B2' });
  assert.equal(linkParameters('?lang=es', '#start&workerId=A1B2').get('lang'), 'es');
  assert.deepEqual(panelOf('', '#RID=r-1'), { RID: 'r-1' });
});

test('a fragment without parameters changes nothing, and the query wins over the fragment for lang', () => {
  assert.deepEqual(panelOf('?PROLIFIC_PID=5f8d', '#start'), { PROLIFIC_PID: '5f8d' });
  assert.deepEqual(panelOf('?PROLIFIC_PID=5f8d', ''), { PROLIFIC_PID: '5f8d' });
  assert.deepEqual(panelOf('?PROLIFIC_PID=5f8d', '#?PROLIFIC_PID=5f8d'), { PROLIFIC_PID: '5f8d' }, 'the same value twice is one');
  assert.equal(linkParameters('?lang=en', '#?lang=es').get('lang'), 'en');
  assert.deepEqual(panelOf('', '#'), {});
});

// Attacker pass 35: a study URL with a leftover test ID and a `#` (`…/s/<id>?workerId=TEST#start`, pasted as a
// panel's link) gets each respondent's own ID appended after the `#` (`…#start&workerId=A1B2`): the query's value
// won, so every respondent started as TEST — one participant, each resuming the last one's survey. Two values of
// one panel parameter are ambiguous wherever the second is (panel-params.ts): both are passed on, and the start
// refuses them naming the parameter, as for two in the query.
test('a panel parameter whose query and fragment disagree is ambiguous: both values go to the start, which refuses a list', () => {
  assert.deepEqual(panelOf('?workerId=TEST', '#start&workerId=A1B2'), { workerId: ['TEST', 'A1B2'] });
  assert.deepEqual(panelOf('?PROLIFIC_PID=TEST', '#?PROLIFIC_PID=5f8d&STUDY_ID=s1'), { PROLIFIC_PID: ['TEST', '5f8d'], STUDY_ID: 's1' });
});

// Attacker pass 41: a link whose parameters were joined with a second `?` (a panel appending `?PROLIFIC_PID=…` to a
// link that had `?lang=es`) or with `&amp;` (copied from an HTML page, an email's source or MTurk's XML) lost the
// panel ID and the language: URLSearchParams read `lang` as `es?PROLIFIC_PID=5f8d` and a parameter `amp;RID`.
test('a second ? and an HTML-escaped &amp; between parameters separate them, as the link meant', () => {
  assert.deepEqual(panelOf('?lang=es?PROLIFIC_PID=5f8d&STUDY_ID=s1', ''), { PROLIFIC_PID: '5f8d', STUDY_ID: 's1' });
  assert.equal(linkParameters('?lang=es?PROLIFIC_PID=5f8d', '').get('lang'), 'es');
  assert.deepEqual(panelOf('??RID=r-1', ''), { RID: 'r-1' });
  assert.deepEqual(panelOf('?lang=es&amp;RID=r-1&AMP;STUDY_ID=s1', ''), { RID: 'r-1', STUDY_ID: 's1' });
  assert.deepEqual(panelOf('?lang=es&amp;amp;workerId=A1B2&#38;hitId=3C&#x26;assignmentId=4D', ''), { workerId: 'A1B2', hitId: '3C', assignmentId: '4D' });
  assert.equal(linkParameters('?lang=es&amp;RID=r-1', '').get('lang'), 'es');
  assert.deepEqual(panelOf('', '#start?lang=es?RID=r-1'), { RID: 'r-1' });
  // A `?` inside a value that starts no parameter, and an encoded one, stay in the value.
  assert.deepEqual(panelOf('?RID=what?&STUDY_ID=a%3Fb=1', ''), { RID: 'what?', STUDY_ID: 'a?b=1' });
});

// Attacker pass 41: a supplier whose IDs hold a `+` (a base64 RID, `Xy+z/w==`) and append them unencoded: URLSearchParams
// reads form encoding's `+` as a space, which no panel ID holds, and the start refused the respondent (`expected 1–128
// printable ASCII characters, got "Xy z/w=="`): with 16-byte base64 IDs about 3 in 10 of them.
test('a + in the link is a plus, not a space: an unencoded ID with one starts as the supplier sent it', () => {
  assert.deepEqual(panelOf('?RID=Xy+z/w==&lang=es', ''), { RID: 'Xy+z/w==' });
  assert.deepEqual(panelOf('', '#start&RID=Xy+z/w=='), { RID: 'Xy+z/w==' });
  assert.deepEqual(panelOf('?RID=Xy%2Bz', ''), { RID: 'Xy+z' });
  assert.deepEqual(panelOf('?RID=Xy%20z', ''), { RID: 'Xy z' }, 'an encoded space is still a space, which the start refuses');
});
