import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * SQLite: plate rows in runs (docs/adr/0005-plate-runs.md; `stores/kysely-vehicle-event-store-plate-runs.ts`).
 * Each run is a table keyed `(plate_key, id)`, the layout the plate table already has: the rows already there become
 * run 1 by a rename, with no copy. The run table records each run's level, state, row count, time span (as event
 * ids) and, for a merge, its cursor. PostgreSQL keeps its day partitions: a day partition is already small and
 * written near its right edge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`create table vehicle_event_plate_runs (run integer primary key, level integer not null, state text not null,
    rows integer not null, min_id integer not null, max_id integer not null, merging_into integer, merged_key text, merged_id integer)`.execute(db);
  await sql`alter table vehicle_event_plates rename to vehicle_event_plate_run_1`.execute(db);
  // Its level: the one a run of this size reaches by merging runs of 65,536 rows four at a time.
  await sql`insert into vehicle_event_plate_runs (run, level, state, rows, min_id, max_id)
    select 1, max(0, cast(ln(count(*) / 65536.0) / ln(4) as integer)), 'sealed', count(*), min(id), max(id)
    from vehicle_event_plate_run_1 having count(*) > 0`.execute(db);
  // An empty plate table is no run: it is dropped, and the first plate read opens run 1 again.
  const listed = await sql<{ n: number }>`select count(*) as n from vehicle_event_plate_runs`.execute(db);
  if (Number(listed.rows[0]!.n) === 0) await sql`drop table vehicle_event_plate_run_1`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
