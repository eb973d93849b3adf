import type { ColumnSpec, WideRow } from '../domain/export/wave-columns.ts';
import { conjointProfileRows } from '../domain/export/conjoint-rows.ts';
import type { ParticipantStatus } from '../domain/participant.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { StoredProfileRow } from '../storage/conjoint-profile-repository.ts';
import { EXPORT_PAGE_ROWS, type ExportSourceRow } from '../storage/export-row-repository.ts';
import type { Repositories } from '../storage/repositories.ts';

/**
 * A conjoint wave's profile rows (domain/export/conjoint-rows.ts), read a page of participants at a time with the
 * profiles of exactly that page, each page a short read of its own (as iterateExportRows, and for the same reason:
 * no snapshot held open while a download streams). `wideOf` makes a participant's wide row (their covariates).
 */
export async function* iterateConjointProfileRows(
  repos: Pick<Repositories, 'exportRows' | 'conjointProfiles'>,
  waveId: string,
  def: StudyDefinition,
  columns: readonly ColumnSpec[],
  wideOf: (source: ExportSourceRow) => Promise<WideRow> | WideRow,
  statuses?: readonly ParticipantStatus[],
): AsyncGenerator<WideRow> {
  const last = await repos.exportRows.lastDrawIndex(waveId);
  for (let after = -1; after < last; ) {
    const page = await repos.exportRows.page(waveId, after, last, statuses);
    if (!page.length) return;
    const upTo = page.at(-1)!.participant.drawIndex;
    const profiles = new Map<number, StoredProfileRow[]>();
    for (const row of await repos.conjointProfiles.listByDrawRange(waveId, after, upTo)) {
      profiles.set(row.participantId, [...(profiles.get(row.participantId) ?? []), row]);
    }
    for (const source of page) {
      yield* conjointProfileRows(def, columns, { wide: await wideOf(source), answers: source.answers }, profiles.get(source.participant.id) ?? []);
    }
    if (page.length < EXPORT_PAGE_ROWS) return;
    after = upTo;
  }
}
