/**
 * The `--db` option's help, one text for every verb that opens the database (the default is config.ts's dbPath:
 * VLAB_DB, then DATABASE_URL, then the project's data/vlab.sqlite whatever the current folder).
 */
export const DB_OPTION_HELP = "SQLite file or postgres:// URL (default: VLAB_DB, DATABASE_URL or the project's data/vlab.sqlite)";

/** The same for a verb that works on a SQLite file only (`db backup`). */
export const SQLITE_DB_OPTION_HELP = "SQLite file (default: VLAB_DB or the project's data/vlab.sqlite)";
