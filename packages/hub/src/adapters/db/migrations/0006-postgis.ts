import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * PostGIS for camera area queries (docs/adr/0004-postgis-areas.md): on PostgreSQL with the extension available,
 * `cameras.geog` is a stored geography point generated from lon/lat, with a GiST index. Without PostGIS (and on
 * SQLite, the default, silently) nothing changes and area queries stay in memory. Re-runnable: every step is
 * "if not exists".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`savepoint postgis`.execute(db);
  try {
    const schema = await postgisSchema(db);
    if (!schema) {
      await sql`release savepoint postgis`.execute(db);
      console.warn('[camnet] PostGIS is not installed on this PostgreSQL server; camera area queries filter in memory.');
      return;
    }
    // Qualified: the hub's search_path may name only its own schema, while the extension lives where it was created.
    const pg = (name: string) => sql.raw(`"${schema}".${name}`);
    await sql`alter table cameras add column if not exists geog ${pg('geography(Point, 4326)')}
      generated always as (${pg('st_setsrid')}(${pg('st_makepoint')}(lon, lat), 4326)::${pg('geography')}) stored`.execute(db);
    await sql`create index if not exists cameras_geog on cameras using gist (geog)`.execute(db);
    await sql`release savepoint postgis`.execute(db);
  } catch (e) {
    await sql`rollback to savepoint postgis`.execute(db);
    console.warn(`[camnet] PostGIS unavailable (${(e as Error).message}); camera area queries filter in memory.`);
  }
}

/** The schema holding PostGIS, creating the extension in `public` when the server offers it; null when it does not. */
async function postgisSchema(db: Kysely<unknown>): Promise<string | null> {
  // One migrating connection at a time per database (hubs starting together, parallel test schemas): a second
  // `create extension` racing the first would fail on pg_extension's unique name instead of finding it.
  await sql`select pg_advisory_xact_lock(hashtext('camnet.postgis'))`.execute(db);
  const found = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'postgis'`.execute(db);
  if (found.rows[0]) return found.rows[0].schema;
  const available = await sql`select 1 from pg_available_extensions where name = 'postgis'`.execute(db);
  if (!available.rows.length) return null;
  await sql`create extension if not exists postgis with schema public`.execute(db);
  return 'public';
}
