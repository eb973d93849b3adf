// Child process for quotas-multi-process.test.ts: starts `count` participants who all answer age 18–29 and takes
// each through the quota step (and the admitted through completion), racing the other workers for the write lock.
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from './test-app.ts';

const [dbPath, waveId, worker, count] = process.argv.slice(2);
// A SQLite file or a PostgreSQL URL: the same race on either engine.
const store = await openStore(dbPath!);
const service = createRespondentService({ store });
const level = { age_group: '18-29', gender: Number(worker) % 2 ? 'male' : 'female' };
const answers = { ...COMPLETE_ALLIANCE_ANSWERS, ...level };
for (let i = 0; i < Number(count); i++) {
  const { participant } = await service.start({ waveId: waveId!, panelParams: { RID: `w${worker}-${i}` } });
  const { admitted } = await service.checkQuota({ code: participant.code, answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...level } });
  if (admitted) await service.complete({ code: participant.code, answers });
}
await store.close();
