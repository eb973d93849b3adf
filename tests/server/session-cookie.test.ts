import assert from 'node:assert/strict';
import { test } from 'node:test';
import cookieParser from 'cookie-parser';
import express from 'express';
import request from 'supertest';
import { readCookie, sessionCookie } from '../../server/routes/session-cookie.ts';

const WAVE = 'w_abc123';
const NAME = `vlab_${WAVE}`;

test('readCookie gives what cookie-parser gives for the session cookie, on ordinary and awkward Cookie headers', () => {
  const headers = [
    undefined,
    '',
    `${NAME}=AbC-_123`,
    `other=1; ${NAME}=AbC-_123; more=2`,
    `  ${NAME} =  AbC  ;x=y`,
    `${NAME}="quoted"`,
    `${NAME}=per%20cent`,
    `${NAME}=bad%zzescape`,
    `${NAME}=first; ${NAME}=second`,
    `vlab_w_abc1234=longer-name; ${NAME}=mine`,
    `novalue; ${NAME}=`,
    `${NAME}`,
    'x=1;;; y',
  ];
  for (const cookie of headers) {
    const req = { headers: cookie === undefined ? {} : { cookie }, secret: undefined } as unknown as express.Request;
    cookieParser()(req, {} as express.Response, () => undefined);
    const expected = (req.cookies as Record<string, unknown>)[NAME];
    assert.equal(readCookie(req.headers, NAME), expected, JSON.stringify(cookie));
  }
});

test('sessionCookie is the Set-Cookie value res.cookie() sends with the start’s options, with and without Secure', async () => {
  for (const secure of [false, true]) {
    const now = Date.now();
    const app = express();
    app.get('/', (_req, res) => {
      res.cookie(secure ? `__Host-${NAME}` : NAME, 'Code-_9', { httpOnly: true, sameSite: 'lax', secure, maxAge: 30 * 24 * 3600 * 1000, path: '/' }).end();
    });
    const expressValue = String((await request(app).get('/')).headers['set-cookie']);
    // res.cookie() reads the clock itself: compare at the second it used, within the test's few milliseconds.
    const candidates = [0, 1000, 2000].map((ms) => sessionCookie(WAVE, 'Code-_9', secure, Math.floor(now / 1000) * 1000 + ms));
    assert.ok(candidates.includes(expressValue), `${expressValue}\nnot one of\n${candidates.join('\n')}`);
    assert.equal(sessionCookie(WAVE, 'Code-_9', secure, now).includes('; Secure'), secure);
  }
});

// Cookie tossing (second attacker trial, 2026-12-03): a page on a sibling subdomain (people.example.edu beside
// survey.example.edu) may set `vlab_<wave>=<its own participant's code>; Domain=example.edu; Path=/api`, and the
// browser sends it first (longer path). A respondent without a panel ID then resumed the attacker's participant:
// their answers went into a participant whose code the attacker holds, and which shows those answers to the
// attacker's own cookie. Over TLS the session cookie is `__Host-vlab_<wave>`, which only this host can set, and
// it is the only session cookie read there.
test('over TLS the session cookie is __Host-vlab_<wave>, and a tossed vlab_<wave> cookie names no participant', async () => {
  const { createApp } = await import('../../server/app.ts');
  const { loadConfig } = await import('../../server/config.ts');
  const { createTestApp, TEST_RATE_LIMITS, PRETREATMENT_ALLIANCE_ANSWERS } = await import('./test-app.ts');
  const t = await createTestApp();
  try {
    const app = createApp({ store: t.store, config: loadConfig({}, { dbPath: t.location, trustProxy: 'loopback', ...TEST_RATE_LIMITS }), researcherPool: t.researcherPool });
    const start = (cookie?: string) => {
      const req = request(app).post(`/api/waves/${t.wave.id}/participants`).set('X-Forwarded-Proto', 'https');
      return (cookie ? req.set('Cookie', cookie) : req).send({});
    };
    const attacker = await start();
    const code = attacker.body.participant.code as string;
    assert.match(String(attacker.headers['set-cookie']), new RegExp(`^__Host-vlab_${t.wave.id}=${code}; Max-Age=2592000; Path=/; Expires=.*; HttpOnly; Secure; SameSite=Lax$`));
    await request(app).put(`/api/participants/${code}/answers`).send({ answers: { consent: true, age_group: PRETREATMENT_ALLIANCE_ANSWERS.age_group }, currentPage: 1 });

    const victim = await start(`vlab_${t.wave.id}=${code}`);
    assert.equal(victim.status, 201, 'the tossed cookie resumed the attacker\'s participant');
    assert.notEqual(victim.body.participant.code, code);

    const own = await start(`vlab_${t.wave.id}=${code}; __Host-vlab_${t.wave.id}=${code}`);
    assert.equal(own.status, 200);
    assert.equal(own.body.participant.code, code);
    assert.equal(own.body.answers.age_group, PRETREATMENT_ALLIANCE_ANSWERS.age_group);

    // Plain HTTP (a local run): no __Host- cookie can be set there, so the cookie keeps its plain name.
    const plain = await request(app).post(`/api/waves/${t.wave.id}/participants`).set('Cookie', `vlab_${t.wave.id}=${code}`).send({});
    assert.equal(plain.body.participant.code, code);
  } finally {
    await t.close();
  }
});
