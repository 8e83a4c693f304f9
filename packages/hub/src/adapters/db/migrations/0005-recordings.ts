import type { Kysely } from 'kysely';

/** What the edges report about their recordings: gaps (with cause) and deletion receipts (retention). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = 'varchar(30)';
  await db.schema.createTable('recording_gaps')
    .addColumn('camera_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('start_at', ts, (c) => c.notNull())
    .addColumn('end_at', ts)
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('edge_id', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('recording_gaps_pk', ['camera_id', 'start_at'])
    .execute();
  await db.schema.createTable('deletion_receipts')
    .addColumn('camera_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('segment_start', ts, (c) => c.notNull())
    .addColumn('segment_end', ts, (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'varchar(20)', (c) => c.notNull())
    .addColumn('deleted_at', ts, (c) => c.notNull())
    .addColumn('edge_id', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('deletion_receipts_pk', ['camera_id', 'segment_start'])
    .execute();
  await db.schema.createIndex('deletion_receipts_deleted').on('deletion_receipts').column('deleted_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
