import { existsSync } from 'node:fs';
import type { StudyDefinition } from '../../domain/study-definition.ts';
import { isPostgresUrl, maskedLocation } from '../../storage/store.ts';
import { UsageError } from '../cli-action.ts';
import { asUsageError } from './cli-storage.ts';

/**
 * The study of `wave` as the local database records it (`--db`, else VLAB_DB, DATABASE_URL or the project's
 * data/vlab.sqlite: the one `npm start` serves), read without creating or migrating anything. It settles a survey
 * two local studies both answer (a copied study that kept its title and texts), so `vlab simulate --wave` needs no
 * `--study` when the wave's own database is at hand, and its definition (the snapshot the wave fields) answers a
 * survey whose texts no local definition holds any more (edited since the wave opened). Without `--db`, a database that is missing, unreadable or
 * without the wave (the server serves another) gives undefined and the survey alone decides; a `--db` that cannot
 * say is a mistake worth naming.
 */
export async function waveStudyInLocalDatabase(wave: string, db: string | undefined): Promise<{ key: string; definition: StudyDefinition } | undefined> {
  const { openExistingDatabase } = await import('../../index.ts');
  if (db !== undefined && !isPostgresUrl(db) && !existsSync(db)) throw new UsageError(`--db ${db}: no such file (give the database the server at --base-url serves, or leave --db out)`);
  let store;
  try {
    store = await openExistingDatabase({ dbPath: db });
    const found = await store.repos.waves.get(wave);
    const study = found && (await store.repos.studies.get(found.studyId));
    if (study) return { key: study.key, definition: study.definition };
    if (db === undefined) return undefined;
    throw new UsageError(`--db ${maskedLocation(db)} has no wave "${wave}": give the database the server at --base-url serves, or leave --db out`);
  } catch (error) {
    if (db === undefined) return undefined;
    if (error instanceof UsageError) throw error;
    const converted = asUsageError(error);
    throw converted instanceof UsageError ? converted : new UsageError(`--db ${maskedLocation(db)} cannot be read: ${(error as Error).message}`);
  } finally {
    await store?.close();
  }
}
