import type { Kysely } from 'kysely';

/** Clips cut by edges on request and held at the hub, with both hashes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = 'varchar(30)';
  await db.schema.createTable('clips')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('camera_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('edge_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('start_at', ts, (c) => c.notNull())
    .addColumn('end_at', ts, (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'varchar(36)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('edge_sha256', 'varchar(64)')
    .addColumn('hub_sha256', 'varchar(64)')
    .addColumn('bytes', 'bigint')
    .addColumn('blob_key', 'text')
    .addColumn('gaps', 'text')
    .addColumn('error_id', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('ready_at', ts)
    .execute();
  await db.schema.createIndex('clips_camera').on('clips').columns(['camera_id', 'start_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
