// The database this `vlab` call opened, as `vlab serve`'s start-up line shows it, for messages that depend on which
// one it is: a wave that is not there may well be in another (npm run demo's, a deployment's VLAB_DB). One command
// runs per process, so one value.

let opened: string | undefined;

/** Records the database a verb opened (its label: a masked URL, or the file as `./data/vlab.sqlite`). */
export function noteOpenedDatabase(label: string): void {
  opened = label;
}

/** The database this call opened, or undefined before any. */
export const openedDatabase = (): string | undefined => opened;
