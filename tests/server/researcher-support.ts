import type { Express } from 'express';
import { after } from 'node:test';
import request from 'supertest';
import { createTokenService } from '../../server/services/token-service.ts';
import { createTestApp } from './test-app.ts';

/** A test app plus a researcher token and helpers that send it. */
export async function createResearcherTestApp(...args: Parameters<typeof createTestApp>) {
  const t = await createTestApp(...args);
  const tokens = createTokenService({ store: t.store });
  const { token, id } = await tokens.create('test researcher');
  const auth = { Authorization: `Bearer ${token}` };
  return {
    ...t,
    tokens,
    token,
    tokenId: id,
    get: (path: string) => request(t.app).get(`/api/researcher${path}`).set(auth),
    post: (path: string, body?: object) => {
      const r = request(t.app).post(`/api/researcher${path}`).set(auth);
      return body ? r.send(body) : r;
    },
  };
}

export const startParticipant = (app: Express, waveId: string, panel: Record<string, string> = {}) =>
  request(app).post(`/api/waves/${waveId}/participants`).send({ panel });

/** A setup function for a test file: each call builds a researcher test app, all closed after the file's tests. */
export function researcherAppSetup() {
  const apps: { close(): void }[] = [];
  after(() => apps.forEach((a) => a.close()));
  return async (...args: Parameters<typeof createTestApp>) => {
    const t = await createResearcherTestApp(...args);
    apps.push(t);
    return t;
  };
}

/**
 * Resolves with whether `check` came to hold within `ms`, polling every 20 ms: for what a request starts and does
 * not wait for (a token's last use, attacker pass 31).
 */
export async function eventually(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const until = performance.now() + ms; performance.now() < until; await new Promise((r) => setTimeout(r, 20))) {
    if (await check()) return true;
  }
  return check();
}
