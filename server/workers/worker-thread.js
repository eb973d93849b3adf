// Entry of every worker thread. Worker threads do not inherit the tsx loader that bin/vlab.js registers on the
// main thread, so each registers it here and then runs the TypeScript module its parent named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
