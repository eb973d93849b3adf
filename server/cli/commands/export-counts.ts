import { DomainError } from '../../domain/errors.ts';
import type { ParticipantStatus } from '../../domain/participant.ts';
import { postgresRefusalWords } from '../../storage/postgres/refusal-words.ts';
import type { Store } from '../../storage/store.ts';

/** The wave's participants by status, or PostgreSQL's words where it refused to count them. */
export type ExportCounts = { counts: Record<ParticipantStatus, number> } | { refused: string };

/**
 * `vlab export`'s counts of the wave by status, which feed its progress bar and its closing summary only. The count
 * groups the whole wave, so a database with little work_mem and temp_file_limit = 0 refuses it (53400) while every
 * 500-row page of the export itself is read (attacker pass 35: the export stopped at this count, exit 1). A refusal
 * of PostgreSQL's is returned in its words, for the summary to say what it could not count; anything else is thrown.
 */
export async function exportCounts(store: Store, waveId: string): Promise<ExportCounts> {
  try {
    return { counts: await store.read((tx) => tx.participants.countByStatus(waveId)) };
  } catch (error) {
    const cause = error instanceof DomainError && error.code === 'busy' ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    if (!cause?.message || !postgresRefusalWords(cause)) throw error;
    return { refused: `${cause.message}, ${cause.code}` };
  }
}
