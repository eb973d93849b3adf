// Child process for multi-process.test.ts: starts `count` participants in a wave through the respondent service,
// each in its own IMMEDIATE transaction, racing the other workers for the write lock.
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { createRepositories } from '../../server/storage/repositories.ts';

const [dbPath, waveId, worker, count] = process.argv.slice(2);
const db = openDatabase(dbPath!);
const service = createRespondentService({ db, repos: createRepositories(db) });
for (let i = 0; i < Number(count); i++) {
  await service.start({ waveId: waveId!, panelParams: { RID: `w${worker}-${i}` } });
  await service.start({ waveId: waveId!, panelParams: { RID: 'shared-by-every-worker' } });
}
db.close();
