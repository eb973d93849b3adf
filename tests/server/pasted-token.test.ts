// Attacker pass 29: a researcher token pasted with what copying carries along — a zero-width space or a byte-order
// mark from a chat or a document, a soft hyphen where a line was wrapped, a no-break space — was `401 unauthorized`
// like a wrong token, and each try counted toward the address's failed-authentication limit (429 after 30). None of
// those characters can be part of a token, so they are dropped before the token is checked; the secret still must
// match whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { pastedToken } from '../../server/domain/pasted-token.ts';
import { researcherAppSetup } from './researcher-support.ts';

const setup = researcherAppSetup();
/** A header value as a terminal sends it: the text's UTF-8 bytes, one character each (how Node reads a header). */
const asSent = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

test('a token with invisible characters or spaces pasted around or inside it is accepted, and no failure is counted', async () => {
  const t = await setup({}, { rateLimitAuth: 3 });
  const cut = t.token.length - 10;
  const pasted = [
    `${t.token}\u200b`,
    `\ufeff${t.token}`,
    `${t.token}\u00a0`,
    `${t.token.slice(0, cut)}\u00ad${t.token.slice(cut)}`,
    `${t.token.slice(0, cut)}\u2060${t.token.slice(cut)}\u200e`,
  ];
  const statuses: number[] = [];
  for (const token of pasted) {
    statuses.push((await request(t.app).get('/api/researcher/waves').set('Authorization', asSent(`Bearer ${token}`))).status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
  // A wrong secret with the same decoration is still refused.
  const wrong = `${t.token.slice(0, -1)}${t.token.endsWith('A') ? 'B' : 'A'}\u200b`;
  const refused = await request(t.app).get('/api/researcher/waves').set('Authorization', asSent(`Bearer ${wrong}`));
  assert.equal(refused.status, 401);
});

test('pastedToken drops format characters and white space, nothing else', () => {
  assert.equal(pastedToken('\ufeff vlab_0123456789abcdef_ab-c\u00ad_d\u200b\r\n'), 'vlab_0123456789abcdef_ab-c_d');
  assert.equal(pastedToken('vlab_ü'), 'vlab_ü');
});
