import type { Kysely } from 'kysely';

/** The real-time crime centre: incidents and their timeline, offline geocoding, acoustic sensors and shots, BOLOs and acknowledgements. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = 'varchar(30)';
  const id = 'varchar(36)';
  await db.schema.createTable('incidents')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('external_id', 'varchar(200)', (c) => c.unique())
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('type', 'varchar(80)', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('disposition', 'varchar(40)')
    .addColumn('occurred_at', ts, (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('caller_notes', 'text')
    .addColumn('cameras', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_occurred').on('incidents').columns(['occurred_at', 'id']).execute();

  await db.schema.createTable('incident_timeline')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('incident_id', id, (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('incident_timeline_incident').on('incident_timeline').columns(['incident_id', 'id']).execute();

  await db.schema.createTable('address_points')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('street_key', 'varchar(120)', (c) => c.notNull())
    .addColumn('street_base', 'varchar(120)', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('city', 'text')
    .addColumn('postcode', 'varchar(20)')
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('address_points_street').on('address_points').columns(['street_base', 'number']).execute();

  await db.schema.createTable('street_intersections')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_a', 'varchar(120)', (c) => c.notNull())
    .addColumn('base_b', 'varchar(120)', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('street_intersections_pair').on('street_intersections').columns(['base_a', 'base_b']).execute();

  await db.schema.createTable('acoustic_sensors')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('clock_sigma_ms', 'double precision', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema.createTable('gunshots')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('incident_id', id, (c) => c.notNull().references('incidents.id'))
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('uncertainty_m', 'double precision')
    .addColumn('emitted_at', ts, (c) => c.notNull())
    .addColumn('sensors', 'integer', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema.createTable('bolos')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('incident_id', id, (c) => c.references('incidents.id'))
    .addColumn('event_id', 'varchar(64)')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('plate', 'varchar(20)')
    .addColumn('vehicle', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('images', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', ts)
    .addColumn('last_seen_place', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bolos_created').on('bolos').columns(['created_at', 'id']).execute();

  await db.schema.createTable('bolo_acks')
    .addColumn('bolo_id', id, (c) => c.notNull().references('bolos.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull())
    .addColumn('user_email', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('bolo_acks_pk', ['bolo_id', 'user_id'])
    .execute();
}
