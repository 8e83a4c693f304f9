import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Hour counts for facets (docs/adr/0006-hour-counts.md; `stores/kysely-vehicle-event-store-hour-counts.ts`): events per
 * camera, UTC hour number and (colour, type) code, counted from the events already stored; on SQLite also the table
 * of counted hours (SQLite counts an hour once it has closed; PostgreSQL at ingest).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`create table vehicle_event_hour_counts (camera_key integer not null, hour integer not null, code integer not null,
    n integer not null, primary key (camera_key, hour, code))${sql.raw(postgres ? '' : ' without rowid')}`.execute(db);
  // id / 3,600,000,000 is the hour number (ids are start ms × 1000); integer division on both databases.
  await sql`insert into vehicle_event_hour_counts (camera_key, hour, code, n)
    select camera_key, id / 3600000000, colour_code * 16 + type_code, count(*) from vehicle_events
    group by camera_key, id / 3600000000, colour_code * 16 + type_code`.execute(db);
  if (postgres) return;
  // SQLite counts an hour once it has closed and marks it here; every hour stored so far is counted above.
  await sql`create table vehicle_event_counted_hours (hour integer primary key)`.execute(db);
  await sql`insert into vehicle_event_counted_hours (hour) select distinct hour from vehicle_event_hour_counts`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
