// Child process for output-files.test.ts: writes a folder (argv[2]) whose first file is whole at once and whose
// second never ends, like a replication package interrupted at its second file, until the test sends a signal.
import { Readable } from 'node:stream';
import { writeFolderWhole } from '../../server/storage/output-folder.ts';

const endless = new Readable({ read() {} });
setInterval(() => endless.push('participant,wave_id\n'), 50);
await writeFolderWhole(process.argv[2]!, [
  { name: 'codebook.csv', stream: () => Readable.from(['name,label\n']) },
  { name: 'data.csv', stream: () => endless },
]);
