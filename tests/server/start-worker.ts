// Child process for multi-process.test.ts: starts `count` participants in a wave through the respondent service,
// each in its own IMMEDIATE transaction, racing the other workers for the write lock.
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { openStore } from '../../server/storage/open-store.ts';

const [dbPath, waveId, worker, count] = process.argv.slice(2);
// A SQLite file or a PostgreSQL URL: the same race on either engine.
const store = await openStore(dbPath!);
const service = createRespondentService({ store });
for (let i = 0; i < Number(count); i++) {
  await service.start({ waveId: waveId!, panelParams: { RID: `w${worker}-${i}` } });
  await service.start({ waveId: waveId!, panelParams: { RID: 'shared-by-every-worker' } });
}
await store.close();
