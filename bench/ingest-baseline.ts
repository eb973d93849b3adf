// The best this stack can do on the ingest path, for bench/ingest.ts to compare with: Express 5 + helmet +
// express.json() in front of one INSERT of the body into a one-column table, on the same pragmas as
// server/storage/db.ts (WAL, synchronous = FULL, busy_timeout), acknowledged after the commit like ours.
// By default each request commits its own insert (the baseline the performance issue defines); with
// `--group-commit` the inserts go through the server's group commit (server/storage/group-commit.ts), so the
// same commit strategy can be compared on both sides.
//
//   node --import tsx bench/ingest-baseline.ts --db FILE [--group-commit]   prints `listening on http://localhost:PORT`
import Database from 'better-sqlite3';
import express from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { createGroupCommit } from '../server/storage/group-commit.ts';

const flag = process.argv.indexOf('--db');
if (flag < 0) throw new Error('usage: ingest-baseline.ts --db FILE');
const db = new Database(process.argv[flag + 1]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.exec('CREATE TABLE IF NOT EXISTS bodies (body TEXT NOT NULL)');
const insert = db.prepare<[string]>('INSERT INTO bodies (body) VALUES (?)');
const writes = process.argv.includes('--group-commit') ? createGroupCommit(db) : undefined;

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(helmet());
app.use(express.json({ limit: 64 * 1024 }));
app.post('/ingest', async (req, res) => {
  const body = JSON.stringify(req.body);
  const { lastInsertRowid } = writes ? await writes.run(() => insert.run(body)) : insert.run(body);
  res.set('Cache-Control', 'no-store').status(201).json({ stored: Number(lastInsertRowid) });
});

const server = app.listen(0, () => {
  process.stdout.write(`listening on http://localhost:${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeAllConnections();
});
