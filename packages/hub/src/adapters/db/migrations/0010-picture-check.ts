import type { Kysely } from 'kysely';

/** What the edge's vision last said about a camera's picture (JSON, `Camera.pictureCheck`; null until it has said). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cameras').addColumn('picture_check', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('camnet migrations are forward-only');
}
