import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { serve, type ServedApp } from './serve-process.ts';

/** What a browser test file works with: the system's Chromium and a served app on a temporary database. */
export interface BrowserSession {
  browser: Browser;
  app: ServedApp;
  /** The temporary folder holding the database (`vlab.sqlite`). */
  dir: string;
}

/**
 * Registers the file's before/after hooks: Chromium launched, the server started by `start` on a fresh
 * database in a temporary folder (default: `serve` as `npm start` runs it); all stopped and removed after.
 */
export function useBrowserSession(name: string, start: (dbPath: string) => Promise<ServedApp> = (dbPath) => serve(dbPath)): BrowserSession {
  const session = {} as BrowserSession;
  before(async () => {
    session.browser = await launchChromium();
    session.dir = mkdtempSync(join(tmpdir(), `vlab-e2e-${name}-`));
    session.app = await start(join(session.dir, 'vlab.sqlite'));
  });
  after(async () => {
    await session.browser?.close();
    await session.app?.stop();
    if (session.dir) rmSync(session.dir, { recursive: true, force: true });
  });
  return session;
}
