import { ConfigError } from '../../config.ts';
import { DefinitionError } from '../../domain/study-definition.ts';
import type { StudyDefinition } from '../../domain/study-definition.ts';
import { databaseLabel, loadConfiguredDefinitions, openDatabaseOnly, openStorage, type ServerOverrides, type Storage } from '../../index.ts';
import { UsageError } from '../cli-action.ts';
import { noteOpenedDatabase } from '../opened-database.ts';

/** openStorage for a CLI verb: a bad setting or definition is the user's to fix, so it becomes a UsageError. */
export async function openStorageForCli(overrides: ServerOverrides, sync: { takeOver?: boolean } = {}): Promise<Storage> {
  try {
    const storage = await openStorage(overrides, sync);
    noteOpenedDatabase(databaseLabel(storage.config.dbPath));
    return storage;
  } catch (error) {
    throw asUsageError(error);
  }
}

/** openDatabaseOnly for a CLI verb (`vlab db`): the database without the definitions; a bad setting is a UsageError. */
export async function openDatabaseForCli(overrides: ServerOverrides): Promise<Pick<Storage, 'config' | 'store'>> {
  try {
    const storage = await openDatabaseOnly(overrides);
    noteOpenedDatabase(databaseLabel(storage.config.dbPath));
    return storage;
  } catch (error) {
    throw asUsageError(error);
  }
}

/**
 * The configured study definitions that load, for a verb that needs no database; a bad setting is a
 * UsageError, and so is `study` (the one the verb asked for) when its definition is broken.
 */
export function loadDefinitionsForCli(study?: string): StudyDefinition[] {
  let folder;
  try {
    folder = loadConfiguredDefinitions();
  } catch (error) {
    throw asUsageError(error);
  }
  const broken = folder.broken.find((b) => b.id === study);
  if (broken) throw new UsageError(broken.message);
  return folder.studies;
}

export function asUsageError(error: unknown): unknown {
  return error instanceof ConfigError || error instanceof DefinitionError ? new UsageError(error.message) : error;
}
