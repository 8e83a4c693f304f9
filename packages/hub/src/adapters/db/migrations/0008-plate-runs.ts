import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * SQLite: plate rows in runs (docs/adr/0005-plate-runs.md; `stores/kysely-vehicle-event-store-plate-runs.ts`).
 * The plate table is rebuilt keyed `(run, plate_key, id)`; the rows already there become one sealed run. The run
 * table records each run's level, state, row count and time span (as event ids). PostgreSQL keeps its day
 * partitions: a day partition is already small and written at its right edge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`create table vehicle_event_plate_runs (run integer primary key, level integer not null, state text not null,
    rows integer not null, min_id integer not null, max_id integer not null, merging_into integer)`.execute(db);
  await sql`create table vehicle_event_plates_runs (run integer not null, plate_key text not null, id integer not null,
    edge_key integer, local_id varchar(64), camera_key integer, ended_ms bigint, received_ms bigint, type_code smallint,
    colour_code smallint, colour_conf double precision, colour_alt_code smallint, plate text not null, plate_conf double precision,
    plate_read text, direction double precision, box text, source_code smallint,
    primary key (run, plate_key, id)) without rowid`.execute(db);
  const cols = sql.raw(`plate_key, id, edge_key, local_id, camera_key, ended_ms, received_ms, type_code, colour_code, colour_conf,
    colour_alt_code, plate, plate_conf, plate_read, direction, box, source_code`);
  // Read in key order, so the copy is written at the right edge of the new table.
  await sql`insert into vehicle_event_plates_runs (run, ${cols}) select 1, ${cols} from vehicle_event_plates order by plate_key, id`.execute(db);
  await sql`drop table vehicle_event_plates`.execute(db);
  await sql`alter table vehicle_event_plates_runs rename to vehicle_event_plates`.execute(db);
  // Its level: the one a run of this size reaches by merging runs of 65,536 rows four at a time.
  await sql`insert into vehicle_event_plate_runs (run, level, state, rows, min_id, max_id)
    select 1, max(0, cast(ln(count(*) / 65536.0) / ln(4) as integer)), 'sealed', count(*), min(id), max(id)
    from vehicle_event_plates having count(*) > 0`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
