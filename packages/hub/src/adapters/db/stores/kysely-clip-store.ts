import type { Clip, ClipStore } from '../../../features/clips/clip.store.ts';
import type { HubDatabase } from '../database.ts';
import type { ClipRow } from '../schema.ts';

const toClip = (r: ClipRow): Clip => ({
  id: r.id, cameraId: r.camera_id, edgeId: r.edge_id, start: r.start_at, end: r.end_at, purpose: r.purpose ? JSON.parse(r.purpose) : null,
  requestedBy: r.requested_by, incidentId: r.incident_id, status: r.status as Clip['status'], edgeSha256: r.edge_sha256, hubSha256: r.hub_sha256,
  bytes: r.bytes === null ? null : Number(r.bytes), blobKey: r.blob_key, gaps: r.gaps ? JSON.parse(r.gaps) : [], errorId: r.error_id,
  errorMessage: r.error_message, createdAt: r.created_at, readyAt: r.ready_at,
});

const COLUMNS: Record<string, keyof ClipRow> = {
  cameraId: 'camera_id', edgeId: 'edge_id', start: 'start_at', end: 'end_at', purpose: 'purpose', requestedBy: 'requested_by',
  incidentId: 'incident_id', status: 'status', edgeSha256: 'edge_sha256', hubSha256: 'hub_sha256', bytes: 'bytes', blobKey: 'blob_key',
  gaps: 'gaps', errorId: 'error_id', errorMessage: 'error_message', readyAt: 'ready_at', createdAt: 'created_at', id: 'id',
};

function toRow(c: Partial<Clip>): Partial<ClipRow> {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (v === undefined || !COLUMNS[k]) continue;
    row[COLUMNS[k]] = k === 'purpose' || k === 'gaps' ? (v === null ? null : JSON.stringify(v)) : v;
  }
  return row as Partial<ClipRow>;
}

/** Clips on SQLite or PostgreSQL. */
export function createKyselyClipStore({ db }: HubDatabase): ClipStore {
  return {
    async insert(c) {
      await db.insertInto('clips').values(toRow(c) as ClipRow).execute();
    },
    async findById(id) {
      const r = await db.selectFrom('clips').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toClip(r) : null;
    },
    async update(id, patch) {
      const row = toRow(patch);
      if (Object.keys(row).length) await db.updateTable('clips').set(row).where('id', '=', id).execute();
    },
    async list(filter, limit) {
      let q = db.selectFrom('clips').selectAll();
      if (filter.cameraId) q = q.where('camera_id', '=', filter.cameraId);
      if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
      return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toClip);
    },
  };
}
