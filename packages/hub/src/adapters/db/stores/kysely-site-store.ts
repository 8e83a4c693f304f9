import type { Site, SiteStore } from '../../../features/sites/site.store.ts';
import type { HubDatabase } from '../database.ts';
import type { SiteRow } from '../schema.ts';

const toSite = (r: SiteRow): Site => ({ id: r.id, memberId: r.member_id, name: r.name, address: r.address, lat: Number(r.lat), lon: Number(r.lon), createdAt: r.created_at, updatedAt: r.updated_at });

/** Sites on SQLite or PostgreSQL. */
export function createKyselySiteStore({ db }: HubDatabase): SiteStore {
  return {
    async insert(s) {
      await db.insertInto('sites').values({ id: s.id, member_id: s.memberId, name: s.name, address: s.address, lat: s.lat, lon: s.lon, created_at: s.createdAt, updated_at: s.updatedAt }).execute();
    },
    async findById(id) {
      const r = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toSite(r) : null;
    },
    async list(filter, page) {
      let q = db.selectFrom('sites').selectAll();
      if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
      if (filter.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${filter.q}%`), eb('address', 'like', `%${filter.q}%`)]));
      if (page.afterId) q = q.where('id', '>', page.afterId);
      return (await q.orderBy('id').limit(page.limit).execute()).map(toSite);
    },
    async update(id, p) {
      const row: Partial<SiteRow> = {};
      if (p.name !== undefined) row.name = p.name;
      if (p.address !== undefined) row.address = p.address;
      if (p.lat !== undefined) row.lat = p.lat;
      if (p.lon !== undefined) row.lon = p.lon;
      if (p.updatedAt !== undefined) row.updated_at = p.updatedAt;
      if (Object.keys(row).length) await db.updateTable('sites').set(row).where('id', '=', id).execute();
    },
    async delete(id) {
      return db.transaction().execute(async (trx) => {
        const camera = await trx.selectFrom('cameras').select('id').where('site_id', '=', id).limit(1).executeTakeFirst();
        const edge = await trx.selectFrom('edges').select('id').where('site_id', '=', id).limit(1).executeTakeFirst();
        if (camera || edge) return false;
        await trx.deleteFrom('sites').where('id', '=', id).execute();
        return true;
      });
    },
  };
}
