import type { Bolo, BoloAck, BoloStore } from '../../../features/bolos/bolo.ts';
import type { HubDatabase } from '../database.ts';
import type { BoloAckRow, BoloRow } from '../schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

const toBolo = (r: BoloRow): Bolo => ({
  id: r.id, incidentId: r.incident_id, eventId: r.event_id, title: r.title, plate: r.plate, vehicle: JSON.parse(r.vehicle), description: r.description,
  images: JSON.parse(r.images), lastSeenAt: r.last_seen_at, lastSeenPlace: r.last_seen_place, lat: r.lat === null ? null : Number(r.lat),
  lon: r.lon === null ? null : Number(r.lon), sentBy: r.sent_by, createdAt: r.created_at,
});
const toAck = (r: BoloAckRow): BoloAck => ({ boloId: r.bolo_id, userId: r.user_id, userEmail: r.user_email, at: r.at, note: r.note });

/** BOLOs and acknowledgements on SQLite or PostgreSQL; (bolo, user) is unique so an ack is recorded once. */
export function createKyselyBoloStore({ db }: HubDatabase): BoloStore {
  return {
    async insert(b) {
      await db.insertInto('bolos').values({
        id: b.id, incident_id: b.incidentId, event_id: b.eventId, title: b.title, plate: b.plate, vehicle: JSON.stringify(b.vehicle), description: b.description,
        images: JSON.stringify(b.images), last_seen_at: b.lastSeenAt, last_seen_place: b.lastSeenPlace, lat: b.lat, lon: b.lon, sent_by: b.sentBy, created_at: b.createdAt,
      }).execute();
    },
    async findById(id) {
      const r = await db.selectFrom('bolos').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toBolo(r) : null;
    },
    async list(page) {
      let q = db.selectFrom('bolos').selectAll();
      if (page.before) {
        const [at, id] = page.before.split('|') as [string, string];
        q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id ?? '')])]));
      }
      return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute()).map(toBolo);
    },
    async addAck(a) {
      try {
        await db.insertInto('bolo_acks').values({ bolo_id: a.boloId, user_id: a.userId, user_email: a.userEmail, at: a.at, note: a.note }).execute();
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async acksFor(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('bolo_acks').selectAll().where('bolo_id', 'in', ids).orderBy('at').execute()).map(toAck);
    },
  };
}
