// Child process for output-files.test.ts: writes to the file named in argv a row every 50 ms, like a long export,
// until the test sends it a signal.
import { Readable } from 'node:stream';
import { writeFileWhole } from '../../server/storage/output-files.ts';

const body = new Readable({ read() {} });
setInterval(() => body.push('participant,wave_id\n'), 50);
await writeFileWhole(process.argv[2]!, body);
