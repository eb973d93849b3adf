import type pg from 'pg';

/**
 * Why vlab must not migrate on this connection, or null: its project (schema_migrations beside `waves` and
 * `participants`) is in another schema of the database than the one this connection creates tables in (the first
 * of its search_path). A DBA who set the database's or role's search_path to a schema of its own after vlab had
 * migrated into `public` made vlab migrate a second, empty project there (attacker pass 32): `wave list` said "no
 * waves yet", a live wave's link became a 404, and new answers went into the other schema. Another application's
 * `schema_migrations` (Rails keeps one) has no `waves` beside it and does not count. A search_path that leads to no
 * schema at all is refused in words too (attacker pass 33: PostgreSQL's "no schema has been selected to create in").
 * A search_path this connection asked for itself (VLAB_DB's `options=-c search_path=…`, or PGOPTIONS: pg_settings'
 * source `client`) is the deployment's own choice of schema, not a DBA's change, so a new project there is meant:
 * two deployments in one database, each in a schema of its own, were refused until PostgreSQL pass 43.
 */
export async function projectElsewhere(client: pg.ClientBase): Promise<string | null> {
  const { rows } = await client.query<{ here: string | null; path: string; present: boolean; there: string | null; asked: boolean }>(`
    SELECT current_schema() AS here, current_setting('search_path') AS path,
      EXISTS (SELECT 1 FROM pg_settings WHERE name = 'search_path' AND source = 'client') AS asked,
      COALESCE(current_schema() IS NOT NULL AND to_regclass(format('%I.schema_migrations', current_schema())) IS NOT NULL, false) AS present,
      (SELECT m.table_schema FROM information_schema.tables m
         WHERE m.table_name = 'schema_migrations' AND m.table_schema IS DISTINCT FROM current_schema()
           AND EXISTS (SELECT 1 FROM information_schema.tables w WHERE w.table_schema = m.table_schema AND w.table_name = 'waves')
           AND EXISTS (SELECT 1 FROM information_schema.tables p WHERE p.table_schema = m.table_schema AND p.table_name = 'participants')
         ORDER BY m.table_schema LIMIT 1) AS there`);
  const { here, path, present, there, asked } = rows[0]!;
  // No schema of the search_path exists (`search_path = ''`, a schema dropped): PostgreSQL's own words name none.
  if (here === null && there === null) {
    return (
      `this connection's search_path (${path || "''"}) names no schema that exists, so vlab has nowhere to make its tables ` +
      `(a search_path set for the database or role?); set it (ALTER ROLE … SET search_path = public), or create the schema it names`
    );
  }
  if (present || there === null || asked) return null;
  return (
    `vlab's tables are in schema "${there}", but this connection's search_path (${path}) creates tables in ` +
    `${here === null ? 'no schema' : `"${here}"`}, where vlab would start a new, empty project (a search_path set for the ` +
    `database or role?); set it back (ALTER ROLE … SET search_path = ${there}), or point VLAB_DB at the database meant`
  );
}
