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
      res.cookie(NAME, 'Code-_9', { httpOnly: true, sameSite: 'lax', secure, maxAge: 30 * 24 * 3600 * 1000, path: '/' }).end();
    });
    const expressValue = String((await request(app).get('/')).headers['set-cookie']);
    // res.cookie() reads the clock itself: compare at the second it used, within the test's few milliseconds.
    const candidates = [0, 1000, 2000].map((ms) => sessionCookie(WAVE, 'Code-_9', secure, Math.floor(now / 1000) * 1000 + ms));
    assert.ok(candidates.includes(expressValue), `${expressValue}\nnot one of\n${candidates.join('\n')}`);
    assert.equal(sessionCookie(WAVE, 'Code-_9', secure, now).includes('; Secure'), secure);
  }
});
