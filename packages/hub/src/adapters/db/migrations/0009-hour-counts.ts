import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Hour counts for facets (docs/adr/0006-hour-counts.md; `stores/kysely-vehicle-event-store-hour-counts*.ts`): events per
 * UTC hour number, colour/type code and camera, counted from the events already stored. SQLite also lists the hours
 * counted (it counts an hour once it has closed; PostgreSQL at ingest): every hour stored so far is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`create table vehicle_event_hour_counts (hour integer not null, code integer not null, camera_key integer not null,
    n integer not null, primary key (hour, code, camera_key))${sql.raw(postgres ? '' : ' without rowid')}`.execute(db);
  // id / 3,600,000,000 is the hour number (ids are start ms × 1000); integer division on both databases.
  await sql`insert into vehicle_event_hour_counts (hour, code, camera_key, n)
    select id / 3600000000, colour_code * 16 + type_code, camera_key, count(*) from vehicle_events group by 1, 2, 3`.execute(db);
  if (postgres) return;
  await sql`create table vehicle_event_counted_hours (hour integer primary key)`.execute(db);
  await sql`insert into vehicle_event_counted_hours (hour) select distinct hour from vehicle_event_hour_counts`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
