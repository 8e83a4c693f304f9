import { sql } from 'kysely';
import type { AddressPoint, GeocodingStore, StreetIntersection } from '../../../features/geocoding/geocoding.store.ts';
import type { HubDatabase } from '../database.ts';
import type { AddressPointRow, StreetIntersectionRow } from '../schema.ts';

const toPoint = (r: AddressPointRow): AddressPoint => ({
  id: r.id, number: Number(r.number), street: r.street, streetKey: r.street_key, streetBase: r.street_base, unit: r.unit, city: r.city,
  postcode: r.postcode, lat: Number(r.lat), lon: Number(r.lon),
});
const toIntersection = (r: StreetIntersectionRow): StreetIntersection => ({ id: r.id, name: r.name, baseA: r.base_a, baseB: r.base_b, lat: Number(r.lat), lon: Number(r.lon) });

/** Address points and intersections on SQLite or PostgreSQL; inserts in chunks inside one transaction. */
export function createKyselyGeocodingStore({ db }: HubDatabase): GeocodingStore {
  return {
    async insert(points, intersections) {
      await db.transaction().execute(async (trx) => {
        // 80 rows × 10 columns keeps each statement under SQLite's bound-parameter limit.
        for (let i = 0; i < points.length; i += 80) {
          await trx.insertInto('address_points').values(points.slice(i, i + 80).map((p) => ({
            id: p.id, number: p.number, street: p.street, street_key: p.streetKey, street_base: p.streetBase, unit: p.unit, city: p.city, postcode: p.postcode, lat: p.lat, lon: p.lon,
          }))).execute();
        }
        for (let i = 0; i < intersections.length; i += 100) {
          await trx.insertInto('street_intersections').values(intersections.slice(i, i + 100).map((x) => ({ id: x.id, name: x.name, base_a: x.baseA, base_b: x.baseB, lat: x.lat, lon: x.lon }))).execute();
        }
      });
    },
    async findNear(base, number, window) {
      const rows = await db.selectFrom('address_points').selectAll().where('street_base', '=', base)
        .where('number', '>=', number - window).where('number', '<=', number + window).orderBy('number').limit(2000).execute();
      return rows.map(toPoint);
    },
    async findIntersections(a, b) {
      return (await db.selectFrom('street_intersections').selectAll().where('base_a', '=', a).where('base_b', '=', b).orderBy('id').execute()).map(toIntersection);
    },
    async intersectionsOn(base, limit) {
      const rows = await db.selectFrom('street_intersections').selectAll().where((eb) => eb.or([eb('base_a', '=', base), eb('base_b', '=', base)])).orderBy('name').limit(limit).execute();
      return rows.map(toIntersection);
    },
    async streets() {
      const points = await db.selectFrom('address_points').select(['street_base as base', sql<string>`min(street)`.as('name')]).groupBy('street_base').execute();
      const crossings = await db.selectFrom('street_intersections').select(['base_a', 'base_b']).distinct().execute();
      const out = new Map(points.map((p) => [p.base, p.name]));
      for (const x of crossings) for (const b of [x.base_a, x.base_b]) if (!out.has(b)) out.set(b, b);
      return [...out].map(([base, name]) => ({ base, name })).sort((a, b) => a.base.localeCompare(b.base));
    },
    async counts() {
      const [p, x] = await Promise.all([
        db.selectFrom('address_points').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('street_intersections').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { addressPoints: Number(p.n), intersections: Number(x.n) };
    },
  };
}
