import { Router, type Response } from 'express';
import { z } from 'zod';
import { panelParamsSchema } from '../domain/panel.ts';
import type { ParticipantSession, RespondentService } from '../services/respondent-service.ts';
import { completionBody, partialSaveBody, quotaStepBody } from './answer-bodies.ts';
import { parseBody, waveIdParam } from './request-input.ts';
import { readCookie, sessionCookie, sessionCookieName } from './session-cookie.ts';

/**
 * Unknown fields are dropped: whatever the client says about its own condition is ignored. `locale` is the
 * link's `?lang=`, a wish: a locale the study does not have falls back to the wave's, and so does one that is no
 * locale at all (too long, not text) — an odd link must never keep a respondent from starting.
 */
const LOCALE_WISH_MAX = 35; // BCP 47's longest sensible tag
const localeWish = z.unknown().transform((v) => (typeof v === 'string' && v.length <= LOCALE_WISH_MAX ? v : undefined)).optional();
const startBody = z.object({ panel: panelParamsSchema.optional(), locale: localeWish });

/**
 * A refused panel parameter is named in `param` (`reason: "panel_param"`) beside the English message, so the page
 * can say why in the respondent's language: a Spanish page quoted `panel.PROLIFIC_PID: expected 1–128 printable
 * ASCII characters` in English.
 */
const refusedPanelParam = ([field, param]: readonly PropertyKey[]) => (field === 'panel' && typeof param === 'string' ? { reason: 'panel_param', param } : {});

/**
 * The start's JSON body (docs/api.md), with the survey's bytes spliced in as they are: only the short head and
 * tail are encoded per start, the ~7 KB survey is copied once into the body.
 */
function sessionBody(session: ParticipantSession): Buffer {
  const { participant } = session;
  const head = JSON.stringify({ code: participant.code, status: participant.status, currentPage: participant.currentPage, locale: participant.locale });
  return Buffer.concat([
    Buffer.from(`{"participant":${head},"survey":`),
    session.surveyJson,
    Buffer.from(`,"answers":${JSON.stringify(session.answers)},"outcome":${JSON.stringify(session.outcome)},"leaseSecondsLeft":${session.leaseSecondsLeft}}`),
  ]);
}

/**
 * A JSON body already in bytes, written as res.send() would (no ETag: the app disables them) without its
 * per-call checks; never cached.
 */
function sendJsonBytes(res: Response, status: number, body: Buffer): void {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/**
 * A small JSON answer written straight (never cached): res.json() goes through res.send(), whose content-type,
 * charset and freshness work cost more than the encoding on the respondent path.
 */
function sendJson(res: Response, body: unknown): void {
  sendJsonBytes(res, 200, Buffer.from(JSON.stringify(body)));
}

/** The respondent API the page (and later the simulator) uses; documented in docs/api.md. */
export function respondentApi(service: RespondentService): Router {
  const router = Router();

  router.post('/waves/:waveId/participants', async (req, res) => {
    const waveId = waveIdParam(req.params.waveId);
    const body = parseBody(startBody, req.body, refusedPanelParam);
    const session = await service.start({
      waveId,
      panelParams: body.panel ?? {},
      sessionCode: readCookie(req.headers, sessionCookieName(waveId, req.secure)),
      locale: body.locale,
    });
    res.locals.participantCode = session.participant.code;
    // The cookie proves the session from then on, so a client that proved only a panel ID does not get one.
    if (session.sessionProven) res.setHeader('Set-Cookie', sessionCookie(waveId, session.participant.code, req.secure));
    sendJsonBytes(res, session.created ? 201 : 200, sessionBody(session));
  });

  router.put('/participants/:code/answers', async (req, res) => {
    const body = partialSaveBody(req.body);
    res.locals.participantCode = req.params.code;
    const saved = await service.savePartial({ code: req.params.code, answers: body.answers, currentPage: body.currentPage, saveOrder: body.saveOrder });
    const { currentPage, outcome, leaseSecondsLeft } = saved;
    sendJson(res, outcome ? { saved: false, currentPage, outcome, leaseSecondsLeft } : { saved: true, currentPage, leaseSecondsLeft });
  });

  // The quota step: the page calls it with the pre-treatment answers before it shows the vignette.
  router.post('/participants/:code/quota-check', async (req, res) => {
    const body = quotaStepBody(req.body);
    res.locals.participantCode = req.params.code;
    const result = await service.checkQuota({ code: req.params.code, answers: body.answers, saveOrder: body.saveOrder });
    sendJson(res, result);
  });

  router.post('/participants/:code/complete', async (req, res) => {
    const body = completionBody(req.body);
    res.locals.participantCode = req.params.code;
    const outcome = await service.complete({ code: req.params.code, answers: body.answers, honeypot: body.honeypot });
    sendJson(res, outcome);
  });

  return router;
}
