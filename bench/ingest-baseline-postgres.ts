// The PostgreSQL baseline for bench/ingest-postgres.ts: Express 5 + helmet + express.json() in front of one INSERT
// of the body into a one-column table, each request its own transaction (BEGIN, INSERT, COMMIT on a pooled
// connection), acknowledged after the COMMIT like ours. The pool has vlab's size (10 connections), so both sides
// wait on the same number of connections and lean on PostgreSQL's own group commit the same way.
//
//   node --import tsx bench/ingest-baseline-postgres.ts --db postgres://…   prints `listening on http://localhost:PORT`
import express from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const flag = process.argv.indexOf('--db');
if (flag < 0) throw new Error('usage: ingest-baseline-postgres.ts --db postgres://…');
const pool = new pg.Pool({ connectionString: process.argv[flag + 1], max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS bodies (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body TEXT NOT NULL)');

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(helmet());
app.use(express.json({ limit: 64 * 1024 }));
app.post('/ingest', async (req, res, next) => {
  const body = JSON.stringify(req.body);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>({ name: 'insert_body', text: 'INSERT INTO bodies (body) VALUES ($1) RETURNING id', values: [body] });
    await client.query('COMMIT');
    res.set('Cache-Control', 'no-store').status(201).json({ stored: Number(rows[0]!.id) });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    next(error);
  } finally {
    client.release();
  }
});

const server = app.listen(0, () => {
  process.stdout.write(`listening on http://localhost:${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
