// Child process of bench/export-latency.ts: `vlab serve`'s app over a generated wave, plus two routes that do the
// same researcher work the old way, on the respondents' event loop — the alternative the benchmark measures
// against in the same process and run. Prints its URL and a researcher token, then serves until killed.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createHttpServer } from '../server/http-server.ts';
import { silentLogger } from '../server/logger.ts';
import { createEstimatesService } from '../server/services/estimates-service.ts';
import { createExportService } from '../server/services/export-service.ts';
import { createQualityFlagService } from '../server/services/quality-flag-service.ts';
import { createTokenService } from '../server/services/token-service.ts';
import { openDatabase } from '../server/storage/db.ts';
import { createSqliteStore } from '../server/storage/sqlite-store.ts';

const dbPath = process.argv[process.argv.indexOf('--db') + 1]!;
const config = loadConfig(process.env, { dbPath, port: 0, logLevel: 'silent' });
const db = openDatabase(dbPath);
const store = createSqliteStore(db);
const repos = store.repos;
const exports = createExportService({ store, flags: createQualityFlagService().exportSource(repos) });
const estimates = createEstimatesService({ store, exports });
const { token } = await createTokenService({ store }).create('export-latency bench');

const app = express();
app.get('/inline/export/:waveId', async (req, res) => {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  await pipeline((await exports.file(req.params.waveId, 'csv')).stream(), res);
});
app.get('/inline/estimates/:waveId', async (req, res) => {
  res.json(await estimates.waveEstimates(req.params.waveId));
});
app.use(createApp({ store, config, logger: silentLogger }));

const server = createHttpServer(app, config).listen(0);
server.once('listening', () => {
  process.stdout.write(`token ${token}\nlistening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
