// Child process for concurrent-folder-writers.test.ts: writes a replication-like folder (argv[2]) of three files,
// each `rows` lines naming the writer (argv[3]), a line every few milliseconds, so that two writers started together
// overlap. With argv[5] = 'fail', its last file fails at the end (a full disk) after the other writer has finished.
// It first refuses a folder that is not empty, as `vlab replication` does (exit 3), then says `checked` on stdout
// and waits for a line on stdin, so that the test can let two writers past the check before either writes.
import { readdirSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFolderWhole } from '../../server/storage/output-folder.ts';

const [folder, who, rows, mode] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4]), process.argv[5]];
async function* lines(fail: boolean) {
  for (let i = 0; i < rows; i++) {
    yield `${who},${i}\n`;
    await sleep(2);
  }
  if (fail) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}
let entries: string[] = [];
try {
  entries = readdirSync(folder);
} catch {
  // Not made yet: writeFolderWhole makes it.
}
if (entries.length > 0) process.exit(3);
process.stdout.write('checked\n');
await once(process.stdin, 'data');
process.stdin.destroy();
const names = ['data.csv', 'codebook.csv', 'estimates.csv'];
try {
  await writeFolderWhole(folder, names.map((name, i) => ({ name, stream: () => Readable.from(lines(mode === 'fail' && i === names.length - 1)) })));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(`${who}: ${code ?? ''} ${(error as Error).message}\n`);
  process.exit(code === 'ENOTEMPTY' ? 3 : 1);
}
