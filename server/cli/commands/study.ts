import { standardOutput } from '../standard-output.ts';
import type { Command } from 'commander';
import { terminalText } from '../../../analysis/terminal-text.ts';
import { textTable } from '../../../analysis/text-table.ts';
import { cliAction } from '../cli-action.ts';
import { countForReading } from '../count-for-reading.ts';
import { DB_OPTION_HELP } from '../db-option.ts';

/**
 * `vlab study list [--db PATH] [--json]`: the studies in survey-definitions/ (synced into the database).
 * `vlab study sync [--db PATH]`: makes this definitions folder's content current, even where another folder's is.
 */
export function registerStudyCommands(program: Command): void {
  const study = program.command('study').description('study definitions');
  registerStudySync(study);
  study
    .command('list')
    .description('list studies: id, version, cells (a conjoint: allowed profiles of the full factorial), waves, title; then the broken ones with what to fix (exit 1 while any is broken)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(
      cliAction('study list', async (options: { db?: string; json?: boolean }) => {
        const { openStorageForCli } = await import('./cli-storage.ts');
        const { config, store, studies } = await openStorageForCli({ dbPath: options.db });
        try {
          const list = await studies.listStudies();
          const broken = studies.brokenStudies();
          // This folder's content another folder's current version stands before (vlab study sync takes it back).
          for (const n of studies.folderNotices()) process.stderr.write(`vlab study list: study "${n.id}": ${terminalText(n.message)}\n`);
          // A broken study without a stored snapshot has nothing but its id and message to show.
          const unstored = broken.filter((b) => !list.some((s) => s.id === b.id)).map((b) => ({ id: b.id, broken: b.message }));
          if (options.json) {
            standardOutput().write(`${JSON.stringify([...list, ...unstored], null, 2)}\n`);
            failWhenBroken(broken.length, list.length + unstored.length, '(each has "broken" in the JSON)');
            return;
          }
          if (list.length === 0 && broken.length === 0) {
            standardOutput().write(`no studies yet — add one as a folder of ${config.definitionsDir} (README: "The researcher's path")\n`);
            return;
          }
          const toRecord = (s: (typeof list)[number]) => ({
            study: s.id,
            version: `v${s.version}`,
            // A conjoint's restrictions leave fewer profiles than the full factorial: "176 of 192".
            // Grouped digits or, past 2^53, a power of ten (count-for-reading.ts): never 2.36e+37.
            cells: s.cells === s.fullCells ? countForReading(s.cells) : `${countForReading(s.cells)} of ${countForReading(s.fullCells)}`,
            waves: s.waves,
            title: s.broken ? `BROKEN (see below) ${s.title}` : s.title,
          });
          const columns = ['study', 'version', 'cells', 'waves', 'title'] as const;
          const records = list.filter((s) => !s.notInDefinitions).map(toRecord);
          if (records.length) standardOutput().write(textTable(records, [...columns]));
          // Known to the database from another definitions folder: listed apart, or a newcomer with a folder of
          // their own takes the shipped studies (0 waves) for theirs.
          const elsewhere = list.filter((s) => s.notInDefinitions).map(toRecord);
          if (elsewhere.length) {
            const n = elsewhere.length === 1 ? '1 study' : `${elsewhere.length} studies`;
            standardOutput().write(`${records.length ? '\n' : ''}${n} in the database ${elsewhere.length === 1 ? 'is' : 'are'} not in ${terminalText(config.definitionsDir)} (VLAB_DEFINITIONS), shown from their stored snapshots:\n`);
            standardOutput().write(textTable(elsewhere, [...columns]));
          }
          // Only a conjoint's count differs from its full factorial: "176 of 192" under "cells" stood unexplained, where
          // the dashboard says a conjoint has no cells (walk-through 28).
          const conjoints = list.filter((s) => s.cells !== s.fullCells).map((s) => s.id);
          if (conjoints.length) {
            standardOutput().write(`cells of a conjoint (${conjoints.join(', ')}): the profiles its restrictions allow, of every combination of its attributes; a task draws them, there are no cells to fill\n`);
          }
          // What a definition says that does nothing (a respondent loading under respondentSd 0): not broken, but not
          // what its author meant (walk-throughs 32 and 33).
          for (const s of list) for (const note of s.notes ?? []) standardOutput().write(`note: ${s.id}: ${terminalText(note)}\n`);
          if (broken.length) {
            standardOutput().write(`${records.length || elsewhere.length ? '\n' : ''}${broken.length} broken — no new waves of these until fixed:\n`);
            // Every mistake of a study, a line each: the first beside its id, the others under it.
            for (const b of broken) standardOutput().write(`  ${b.id}: ${terminalText(b.message, { lineBreaks: 'keep' }).split('\n').join('\n    ')}\n`);
          }
          failWhenBroken(broken.length, list.length + unstored.length, '(listed above)');
        } finally {
          await store.close();
        }
      }),
    );
}

/**
 * A broken study is something to fix, so the list exits 1 (as a check that found a problem does; usage mistakes
 * exit 2) and says why on stderr: a script or CI step that runs `vlab study list` after an edit stops there.
 */
function failWhenBroken(broken: number, total: number, where: string): void {
  if (broken === 0) return;
  process.stderr.write(`vlab study list: ${broken} of ${total} ${total === 1 ? 'study' : 'studies'} broken ${where}: no new waves of ${broken === 1 ? 'it' : 'them'} until fixed\n`);
  process.exitCode = 1;
}

/** `vlab study sync`: the explicit sync of this definitions folder (folder-behind.ts). */
function registerStudySync(study: Command): void {
  study
    .command('sync')
    .description("make this definitions folder's content of each study current, also where another folder (another host's vlab serve) made another version current; new waves use it")
    .option('--db <path>', DB_OPTION_HELP)
    .action(
      cliAction('study sync', async (options: { db?: string }) => {
        const { openStorageForCli } = await import('./cli-storage.ts');
        const { store, studies } = await openStorageForCli({ dbPath: options.db }, { takeOver: true });
        try {
          for (const s of (await studies.listStudies()).filter((s) => !s.notInDefinitions && !s.broken)) {
            standardOutput().write(`${s.id}: version ${s.version} (content ${s.contentHash.slice(0, 12)}) is current\n`);
          }
          for (const b of studies.brokenStudies()) standardOutput().write(`${b.id}: broken, not synced: ${terminalText(b.message)}\n`);
        } finally {
          await store.close();
        }
      }),
    );
}
