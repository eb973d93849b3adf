import type { Readable } from 'node:stream';
import type { ParticipantStatus } from '../domain/participant.ts';
import { createEstimatesCache } from '../services/estimates-cache.ts';
import { createEstimatesService } from '../services/estimates-service.ts';
import { createExportService, type ExportFormat } from '../services/export-service.ts';
import { createQualityFlagService } from '../services/quality-flag-service.ts';
import { createReplicationService } from '../services/replication-service.ts';
import { createStudyService } from '../services/study-service.ts';
import { createWaveService } from '../services/wave-service.ts';
import type { Store } from '../storage/store.ts';

/** Researcher work that answers with one value (structured-cloned back to the main thread). */
export type ValueJob = { kind: 'waveList' } | { kind: 'waveStatus'; waveId: string } | { kind: 'estimates'; waveId: string };

/** Researcher work that answers with a file, streamed back in chunks. */
export type StreamJob =
  | { kind: 'export'; waveId: string; format: ExportFormat; statuses?: ParticipantStatus[]; excel?: boolean }
  | { kind: 'replication'; waveId: string };

/** What a route needs to know of a file before its first byte. */
export interface FileMeta {
  fileName: string;
  contentType: string;
}

/**
 * The heavy researcher work, over a read-only store of its own: what a worker thread of the researcher pool runs
 * (server/workers/researcher-pool.ts), so that none of it runs on the respondents' event loop.
 */
export function createResearcherJobs(store: Store, { quotaLeaseSeconds }: { quotaLeaseSeconds: number }) {
  const exports = createExportService({ store, flags: createQualityFlagService().exportSource(store.repos) });
  const estimates = createEstimatesService({ store, exports });
  const cachedEstimates = createEstimatesCache(estimates, (waveId) => store.repos.waveProgress.completes(waveId));
  const replication = createReplicationService({ store, exports, estimates });
  const waves = createWaveService({ store, studies: createStudyService({ store }), quotaLeaseSeconds });

  return {
    async value(job: ValueJob): Promise<unknown> {
      switch (job.kind) {
        case 'waveList':
          return waves.list();
        case 'waveStatus':
          return waves.status(job.waveId);
        case 'estimates':
          return cachedEstimates.waveEstimates(job.waveId);
      }
    },

    /** The file's name and type now (a bad wave throws before any byte), and its bytes as a stream. */
    async stream(job: StreamJob): Promise<{ meta: FileMeta; body: Readable }> {
      switch (job.kind) {
        case 'export': {
          const file = await exports.file(job.waveId, job.format, { statuses: job.statuses, withoutBattery: 'refuse', excel: job.excel });
          return { meta: { fileName: file.fileName, contentType: file.contentType }, body: file.stream() };
        }
        case 'replication': {
          const name = await replication.packageName(job.waveId);
          return { meta: { fileName: `${name}.zip`, contentType: 'application/zip' }, body: await replication.zipStream(job.waveId) };
        }
      }
    },
  };
}
export type ResearcherJobs = ReturnType<typeof createResearcherJobs>;
