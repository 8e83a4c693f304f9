import type { Edge, EdgeStore } from '../../../features/edges/edge.store.ts';
import type { HubDatabase } from '../database.ts';
import type { EdgeRow } from '../schema.ts';

const toEdge = (r: EdgeRow): Edge => ({
  id: r.id, siteId: r.site_id, embedded: !!r.embedded, name: r.name, enrolmentHash: r.enrolment_hash, credentialHash: r.credential_hash,
  status: r.status as Edge['status'], version: r.version, lastSeenAt: r.last_seen_at,
  diskUsedBytes: r.disk_used_bytes === null ? null : Number(r.disk_used_bytes),
  clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms), createdAt: r.created_at,
});

const COLUMNS: Record<string, keyof EdgeRow> = {
  name: 'name', enrolmentHash: 'enrolment_hash', credentialHash: 'credential_hash', status: 'status', version: 'version',
  lastSeenAt: 'last_seen_at', diskUsedBytes: 'disk_used_bytes', clockOffsetMs: 'clock_offset_ms',
};

/** Edges on SQLite or PostgreSQL. */
export function createKyselyEdgeStore({ db }: HubDatabase): EdgeStore {
  const one = async (col: 'id' | 'enrolment_hash' | 'credential_hash', v: string) => {
    const r = await db.selectFrom('edges').selectAll().where(col, '=', v).executeTakeFirst();
    return r ? toEdge(r) : null;
  };
  return {
    async insert(e) {
      await db.insertInto('edges').values({
        id: e.id, site_id: e.siteId, embedded: e.embedded ? 1 : 0, name: e.name, enrolment_hash: e.enrolmentHash, credential_hash: e.credentialHash, status: e.status,
        version: e.version, last_seen_at: e.lastSeenAt, disk_used_bytes: e.diskUsedBytes, clock_offset_ms: e.clockOffsetMs, created_at: e.createdAt,
      }).execute();
    },
    findById: (id) => one('id', id),
    findByEnrolmentHash: (h) => one('enrolment_hash', h),
    findByCredentialHash: (h) => one('credential_hash', h),
    async list(filter) {
      if (filter.siteIds && filter.siteIds.length === 0) return [];
      let q = db.selectFrom('edges').selectAll();
      if (filter.siteIds) q = q.where('site_id', 'in', filter.siteIds);
      return (await q.orderBy('id').execute()).map(toEdge);
    },
    async update(id, patch) {
      const row: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch)) if (v !== undefined && COLUMNS[k]) row[COLUMNS[k]] = v;
      if (Object.keys(row).length) await db.updateTable('edges').set(row as Partial<EdgeRow>).where('id', '=', id).execute();
    },
    async findEmbedded() {
      const r = await db.selectFrom('edges').selectAll().where('embedded', '=', 1).executeTakeFirst();
      return r ? toEdge(r) : null;
    },
    async listStale(before) {
      return (await db.selectFrom('edges').selectAll().where('status', '=', 'online').where('last_seen_at', '<', before).execute()).map(toEdge);
    },
  };
}
