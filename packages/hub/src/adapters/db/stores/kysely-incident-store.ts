import type { Incident, TimelineEntry } from '../../../features/incidents/incident.ts';
import type { IncidentFilter, IncidentStore } from '../../../features/incidents/incident.store.ts';
import type { HubDatabase } from '../database.ts';
import type { IncidentRow, IncidentTimelineRow } from '../schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

const toIncident = (r: IncidentRow): Incident => ({
  id: r.id, externalId: r.external_id, source: r.source as Incident['source'], type: r.type, priority: Number(r.priority),
  status: r.status as Incident['status'], disposition: r.disposition as Incident['disposition'], occurredAt: r.occurred_at,
  lat: Number(r.lat), lon: Number(r.lon), address: r.address, callerNotes: r.caller_notes, cameras: JSON.parse(r.cameras),
  createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});
const toRow = (i: Incident): IncidentRow => ({
  id: i.id, external_id: i.externalId, source: i.source, type: i.type, priority: i.priority, status: i.status, disposition: i.disposition,
  occurred_at: i.occurredAt, lat: i.lat, lon: i.lon, address: i.address, caller_notes: i.callerNotes, cameras: JSON.stringify(i.cameras),
  created_by: i.createdBy, created_at: i.createdAt, updated_at: i.updatedAt,
});
const toEntry = (r: IncidentTimelineRow): TimelineEntry => ({
  id: r.id, incidentId: r.incident_id, at: r.at, kind: r.kind as TimelineEntry['kind'], actor: r.actor, text: r.text, data: r.data ? JSON.parse(r.data) : null,
});
const entryRow = (e: TimelineEntry): IncidentTimelineRow => ({ id: e.id, incident_id: e.incidentId, at: e.at, kind: e.kind, actor: e.actor, text: e.text, data: e.data ? JSON.stringify(e.data) : null });

/** Incidents and their timelines on SQLite or PostgreSQL; the external id is unique, so a repeated CAD call inserts nothing. */
export function createKyselyIncidentStore({ db }: HubDatabase): IncidentStore {
  const filtered = (f: IncidentFilter) => {
    let q = db.selectFrom('incidents');
    if (f.status) q = q.where('status', '=', f.status);
    if (f.types?.length) q = q.where('type', 'in', f.types);
    if (f.from) q = q.where('occurred_at', '>=', f.from);
    if (f.to) q = q.where('occurred_at', '<', f.to);
    return q;
  };
  return {
    async insert(incident, first) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('incidents').values(toRow(incident)).execute();
          await trx.insertInto('incident_timeline').values(entryRow(first)).execute();
        });
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async findById(id) {
      const r = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toIncident(r) : null;
    },
    async findByExternalId(externalId) {
      const r = await db.selectFrom('incidents').selectAll().where('external_id', '=', externalId).executeTakeFirst();
      return r ? toIncident(r) : null;
    },
    async list(filter, page) {
      let q = filtered(filter).selectAll();
      if (page.before) {
        const [at, id] = page.before.split('|') as [string, string];
        q = q.where((eb) => eb.or([eb('occurred_at', '<', at), eb.and([eb('occurred_at', '=', at), eb('id', '<', id ?? '')])]));
      }
      return (await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute()).map(toIncident);
    },
    async points(filter, limit) {
      const rows = await filtered(filter).select(['lat', 'lon', 'type', 'occurred_at']).orderBy('occurred_at', 'desc').limit(limit).execute();
      return rows.map((r) => ({ lat: Number(r.lat), lon: Number(r.lon), type: r.type, occurredAt: r.occurred_at }));
    },
    async update(id, patch) {
      const row: Partial<IncidentRow> = {};
      if (patch.status !== undefined) row.status = patch.status;
      if (patch.disposition !== undefined) row.disposition = patch.disposition;
      if (patch.cameras !== undefined) row.cameras = JSON.stringify(patch.cameras);
      if (patch.updatedAt !== undefined) row.updated_at = patch.updatedAt;
      if (Object.keys(row).length) await db.updateTable('incidents').set(row).where('id', '=', id).execute();
    },
    async addTimeline(e) {
      await db.insertInto('incident_timeline').values(entryRow(e)).execute();
    },
    async timeline(incidentId) {
      return (await db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('id').execute()).map(toEntry);
    },
  };
}
