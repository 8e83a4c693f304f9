import { sql } from 'kysely';
import type { Camera, MapRow } from '../../../features/cameras/camera.ts';
import type { CameraStore } from '../../../features/cameras/camera.store.ts';
import type { HubDatabase } from '../database.ts';
import { cameraAreaWhere, postgisSchema } from './kysely-camera-store-area.ts';
import type { CameraRow } from '../schema.ts';

const toCamera = (r: CameraRow): Camera => ({
  id: r.id, siteId: r.site_id, memberId: r.member_id, edgeId: r.edge_id, name: r.name, lat: Number(r.lat), lon: Number(r.lon),
  headingDeg: Number(r.heading_deg), fovDeg: Number(r.fov_deg), rangeM: Number(r.range_m), mountType: r.mount_type,
  sharingMode: r.sharing_mode as Camera['sharingMode'], retentionDays: Number(r.retention_days), maskMode: r.mask_mode,
  privacyMasks: JSON.parse(r.privacy_masks), streamUrlSealed: r.stream_url_enc, publicViewAttested: !!r.public_view_attested,
  status: r.status as Camera['status'], lastFrameAt: r.last_frame_at, createdAt: r.created_at, updatedAt: r.updated_at,
  pictureCheck: r.picture_check ? JSON.parse(r.picture_check) : null,
});

const COLUMNS: Record<string, keyof CameraRow> = {
  siteId: 'site_id', memberId: 'member_id', edgeId: 'edge_id', name: 'name', lat: 'lat', lon: 'lon', headingDeg: 'heading_deg',
  fovDeg: 'fov_deg', rangeM: 'range_m', mountType: 'mount_type', sharingMode: 'sharing_mode', retentionDays: 'retention_days',
  maskMode: 'mask_mode', privacyMasks: 'privacy_masks', streamUrlSealed: 'stream_url_enc', publicViewAttested: 'public_view_attested',
  status: 'status', lastFrameAt: 'last_frame_at', createdAt: 'created_at', updatedAt: 'updated_at', id: 'id', pictureCheck: 'picture_check',
};

function toRow(c: Partial<Camera>): Partial<CameraRow> {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    const col = COLUMNS[k];
    if (!col || v === undefined) continue;
    row[col] = k === 'privacyMasks' || k === 'pictureCheck' ? (v === null ? null : JSON.stringify(v)) : k === 'publicViewAttested' ? (v ? 1 : 0) : v;
  }
  return row as Partial<CameraRow>;
}

/** Cameras on SQLite or PostgreSQL. */
export function createKyselyCameraStore({ db, dialect }: HubDatabase): CameraStore {
  // Asked once: whether migration 0006 gave cameras a PostGIS column (a failed probe is asked again next time).
  let postgis: Promise<string | null> | null = null;
  return {
    async insert(c) {
      await db.insertInto('cameras').values(toRow(c) as CameraRow).execute();
    },
    async insertMany(cameras) {
      await db.transaction().execute(async (trx) => {
        // Chunks keep each statement under SQLite's bound-parameter limit.
        for (let i = 0; i < cameras.length; i += 200) {
          await trx.insertInto('cameras').values(cameras.slice(i, i + 200).map((c) => toRow(c) as CameraRow)).execute();
        }
      });
    },
    async findById(id) {
      const r = await db.selectFrom('cameras').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toCamera(r) : null;
    },
    async list(filter, page) {
      let q = db.selectFrom('cameras').selectAll();
      if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
      if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.q) q = q.where('name', 'like', `%${filter.q}%`);
      if (page.afterId) q = q.where('id', '>', page.afterId);
      return (await q.orderBy('id').limit(page.limit).execute()).map(toCamera);
    },
    async mapRows(filter) {
      let q = db.selectFrom('cameras').select(['id', 'lat', 'lon', 'heading_deg', 'fov_deg', 'range_m', 'status', 'sharing_mode', 'name']);
      if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
      const rows = await q.execute();
      return rows.map((r): MapRow => [r.id, Number(r.lat), Number(r.lon), Number(r.heading_deg), Number(r.fov_deg), Number(r.range_m), r.status, r.sharing_mode, r.name]);
    },
    async camerasInArea(area) {
      if (dialect !== 'postgres') return null;
      postgis ??= postgisSchema(db).catch((e: unknown) => { postgis = null; throw e; });
      const schema = await postgis;
      if (!schema) return null;
      const rows = await db.transaction().execute(async (trx) => {
        // PostGIS's function costs make the planner JIT-compile and fan out to parallel workers for a few thousand
        // rows: 50-70 ms instead of ~21 ms for a district over 40,000 cameras (docs/adr/0004-postgis-areas.md).
        await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
        return trx.selectFrom('cameras').select('id').where(cameraAreaWhere(schema, area)).orderBy('id').execute();
      });
      return rows.map((r) => r.id);
    },
    async update(id, patch) {
      const row = toRow(patch);
      if (Object.keys(row).length) await db.updateTable('cameras').set(row).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('cameras').where('id', '=', id).execute();
    },
  };
}
