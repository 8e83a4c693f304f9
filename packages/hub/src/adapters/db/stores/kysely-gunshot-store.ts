import type { AcousticSensor, Gunshot, GunshotStore } from '../../../features/gunshots/gunshot.ts';
import type { HubDatabase } from '../database.ts';
import type { AcousticSensorRow, GunshotRow } from '../schema.ts';

const toSensor = (r: AcousticSensorRow): AcousticSensor => ({
  id: r.id, name: r.name, lat: Number(r.lat), lon: Number(r.lon), clockSigmaMs: Number(r.clock_sigma_ms), createdAt: r.created_at, updatedAt: r.updated_at,
});
const toShot = (r: GunshotRow): Gunshot => ({
  id: r.id, incidentId: r.incident_id, source: r.source as Gunshot['source'], lat: Number(r.lat), lon: Number(r.lon),
  uncertaintyM: r.uncertainty_m === null ? null : Number(r.uncertainty_m), emittedAt: r.emitted_at, sensors: Number(r.sensors), details: JSON.parse(r.details), createdAt: r.created_at,
});

/** Acoustic sensors and located shots on SQLite or PostgreSQL. */
export function createKyselyGunshotStore({ db }: HubDatabase): GunshotStore {
  return {
    async insertSensor(s) {
      await db.insertInto('acoustic_sensors').values({ id: s.id, name: s.name, lat: s.lat, lon: s.lon, clock_sigma_ms: s.clockSigmaMs, created_at: s.createdAt, updated_at: s.updatedAt }).execute();
    },
    async listSensors() {
      return (await db.selectFrom('acoustic_sensors').selectAll().orderBy('name').execute()).map(toSensor);
    },
    async findSensors(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('acoustic_sensors').selectAll().where('id', 'in', ids).execute()).map(toSensor);
    },
    async deleteSensor(id) {
      const r = await db.deleteFrom('acoustic_sensors').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async insertShot(g) {
      await db.insertInto('gunshots').values({
        id: g.id, incident_id: g.incidentId, source: g.source, lat: g.lat, lon: g.lon, uncertainty_m: g.uncertaintyM, emitted_at: g.emittedAt,
        sensors: g.sensors, details: JSON.stringify(g.details), created_at: g.createdAt,
      }).execute();
    },
    async listShots(limit) {
      return (await db.selectFrom('gunshots').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toShot);
    },
  };
}
