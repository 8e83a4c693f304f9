import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/** The event columns a plate row now carries besides (plate_key, id, plate), with their types. */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['edge_key', 'integer'], ['local_id', 'varchar(64)'], ['camera_key', 'integer'], ['ended_ms', 'bigint'], ['received_ms', 'bigint'],
  ['type_code', 'smallint'], ['colour_code', 'smallint'], ['colour_conf', 'double precision'], ['colour_alt_code', 'smallint'],
  ['plate_conf', 'double precision'], ['plate_read', 'text'], ['direction', 'double precision'], ['box', 'text'], ['source_code', 'smallint'],
];

/**
 * Plate rows carry the whole event (docs/adr/0002-vehicle-event-storage.md, "Plate rows are the plated events"):
 * a plate search then reads one run of neighbouring rows in the plate table — a returning vehicle's 100 newest
 * sightings sit on a few pages — instead of one random row of `vehicle_events` per hit (~20 µs each when cold).
 * Existing rows are filled from `vehicle_events`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [name, type] of COLUMNS) await sql`alter table vehicle_event_plates add column ${sql.raw(name)} ${sql.raw(type)}`.execute(db);
  const names = COLUMNS.map(([n]) => n).join(', ');
  if (postgres) {
    await sql`update vehicle_event_plates p set ${sql.raw(COLUMNS.map(([n]) => `${n} = e.${n}`).join(', '))} from vehicle_events e where e.id = p.id`.execute(db);
  } else {
    await sql`update vehicle_event_plates set (${sql.raw(names)}) = (select ${sql.raw(names)} from vehicle_events e where e.id = vehicle_event_plates.id)`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
