// Child process for concurrent-output-writers.test.ts: writes `rows` lines naming itself to the file in argv, a
// line every few milliseconds, so that two of them started together overlap for the whole write.
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileWhole } from '../../server/storage/output-files.ts';

const [target, who, rows] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
async function* lines() {
  for (let i = 0; i < rows; i++) {
    yield `${who},${i}\n`;
    await sleep(2);
  }
}
await writeFileWhole(target, Readable.from(lines()));
