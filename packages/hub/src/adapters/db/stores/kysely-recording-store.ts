import type { RecordingDeleted } from '@camnet/core';
import type { RecordingStore } from '../../../features/recordings/recording.store.ts';
import type { HubDatabase } from '../database.ts';

/** Gaps and deletion receipts on SQLite or PostgreSQL; each report is idempotent. */
export function createKyselyRecordingStore({ db }: HubDatabase): RecordingStore {
  return {
    async upsertGaps(edgeId, gaps) {
      let accepted = 0;
      await db.transaction().execute(async (trx) => {
        for (const g of gaps) {
          const before = await trx.selectFrom('recording_gaps').select('end_at').where('camera_id', '=', g.cameraId).where('start_at', '=', g.start).executeTakeFirst();
          if (before && (before.end_at !== null || g.end === null)) continue;
          if (before) await trx.updateTable('recording_gaps').set({ end_at: g.end }).where('camera_id', '=', g.cameraId).where('start_at', '=', g.start).execute();
          else await trx.insertInto('recording_gaps').values({ camera_id: g.cameraId, start_at: g.start, end_at: g.end, cause: g.cause, edge_id: edgeId }).execute();
          accepted++;
        }
      });
      return { accepted, duplicates: gaps.length - accepted };
    },
    async insertReceipts(edgeId, receipts) {
      if (receipts.length === 0) return { accepted: 0, duplicates: 0 };
      const r = await db.insertInto('deletion_receipts')
        .values(receipts.map((d) => ({ camera_id: d.cameraId, segment_start: d.segmentStart, segment_end: d.segmentEnd, bytes: d.bytes, reason: d.reason, deleted_at: d.deletedAt, edge_id: edgeId })))
        .onConflict((oc) => oc.columns(['camera_id', 'segment_start']).doNothing())
        .executeTakeFirst();
      const accepted = Number(r.numInsertedOrUpdatedRows ?? 0);
      return { accepted, duplicates: receipts.length - accepted };
    },
    async gaps(cameraId, from, to) {
      const rows = await db.selectFrom('recording_gaps').selectAll().where('camera_id', '=', cameraId).where('start_at', '<', to)
        .where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', from)])).orderBy('start_at').execute();
      return rows.map((r) => ({ cameraId: r.camera_id, start: r.start_at, end: r.end_at, cause: r.cause }));
    },
    async receipts(filter, limit) {
      let q = db.selectFrom('deletion_receipts').selectAll();
      if (filter.cameraId) q = q.where('camera_id', '=', filter.cameraId);
      if (filter.from) q = q.where('deleted_at', '>=', filter.from);
      if (filter.to) q = q.where('deleted_at', '<', filter.to);
      const rows = await q.orderBy('deleted_at', 'desc').limit(limit).execute();
      return rows.map((r) => ({ cameraId: r.camera_id, segmentStart: r.segment_start, segmentEnd: r.segment_end, bytes: Number(r.bytes), reason: r.reason as RecordingDeleted['reason'], deletedAt: r.deleted_at }));
    },
  };
}
