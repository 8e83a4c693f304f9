import { invalid, newId, notFound } from '@camnet/core';
import type { EventBus } from '../../events/event-bus.ts';
import type { GeocodingService } from '../geocoding/geocoding.service.ts';
import type { NearestService } from '../nearest/nearest.service.ts';
import type { ClipRequester } from './clip-requester.ts';
import type { Incident, IncidentSource, TimelineEntry, TimelineKind } from './incident.ts';
import type { IncidentFilter, IncidentStore } from './incident.store.ts';
import type { IncidentInput } from './incident.schemas.ts';
import { attachCameras, requestPreRoll } from './incident-cameras.ts';

export interface IncidentsServiceDeps {
  store: IncidentStore;
  nearest: NearestService;
  geocoding: GeocodingService;
  clips: ClipRequester;
  bus: EventBus;
  clock: () => Date;
}

export type IncidentsService = ReturnType<typeof createIncidentsService>;

/** Incidents: create (idempotent on the external id) with the nearest cameras attached, pre-roll clips, status, notes, dispositions, timeline. */
export function createIncidentsService({ store, nearest, geocoding, clips, bus, clock }: IncidentsServiceDeps) {
  // Timeline ids sort in the order lines were written, even within one millisecond (the timeline is ordered by id).
  let lastMs = 0;
  const timelineId = () => newId((lastMs = Math.max(clock().getTime(), lastMs + 1)));
  const entry = (incidentId: string, kind: TimelineKind, actor: string, text: string, data: Record<string, unknown> | null = null): TimelineEntry =>
    ({ id: timelineId(), incidentId, at: clock().toISOString(), kind, actor, text, data });

  async function locate(input: IncidentInput): Promise<{ lat: number; lon: number; address: string | null }> {
    if (input.lat !== undefined && input.lon !== undefined) return { lat: input.lat, lon: input.lon, address: input.address ?? null };
    if (!input.address) throw invalid('position_missing', 'Give the incident a position (lat and lon) or an address.');
    const g = await geocoding.geocode(input.address);
    return { lat: g.lat, lon: g.lon, address: g.label };
  }

  /** Asks for pre-roll clips and records the outcome; never fails the incident. */
  async function followUp(incident: Incident): Promise<Incident> {
    const { cameras, lines } = await requestPreRoll(incident, clips, clock());
    if (lines.length === 0 && cameras.every((c, i) => c.footage === incident.cameras[i]!.footage)) return incident;
    const updatedAt = clock().toISOString();
    await store.update(incident.id, { cameras, updatedAt });
    for (const l of lines) await store.addTimeline(entry(incident.id, l.kind, 'camnet', l.text, l.data));
    await bus.publish('incident.changed', { incidentId: incident.id, change: 'footage' });
    return { ...incident, cameras, updatedAt };
  }

  return {
    /** Creates an incident, or returns the existing one for a repeated external id (`created` false). */
    async create(actor: string, source: IncidentSource, input: IncidentInput): Promise<{ incident: Incident; created: boolean }> {
      if (input.externalId) {
        const existing = await store.findByExternalId(input.externalId);
        if (existing) return { incident: existing, created: false };
      }
      const where = await locate(input);
      const now = clock().toISOString();
      const found = await nearest.nearest(where, { k: 8, radiusM: 46 });
      const incident: Incident = {
        id: newId(clock().getTime()), externalId: input.externalId ?? null, source, type: input.type, priority: input.priority,
        status: 'open', disposition: null, occurredAt: input.occurredAt ?? now, ...where, callerNotes: input.callerNotes ?? null,
        cameras: attachCameras(found), createdBy: actor, createdAt: now, updatedAt: now,
      };
      const text = `${source.toUpperCase()} ${incident.type} at ${incident.address ?? `${incident.lat.toFixed(5)}, ${incident.lon.toFixed(5)}`}; ${found.covering.length} camera(s) see it.`;
      if (!(await store.insert(incident, entry(incident.id, 'created', actor, text)))) {
        return { incident: (await store.findByExternalId(input.externalId!))!, created: false }; // lost a race on the same external id
      }
      await bus.publish('incident.created', { incidentId: incident.id, incidentType: incident.type, priority: incident.priority, lat: incident.lat, lon: incident.lon });
      return { incident: await followUp(incident), created: true };
    },

    async get(id: string): Promise<Incident> {
      const i = await store.findById(id);
      if (!i) throw notFound('incident_not_found', `No incident with id ${id}.`);
      return i;
    },

    async list(filter: IncidentFilter, page: { cursor?: string; limit: number }) {
      const rows = await store.list(filter, { before: page.cursor, limit: page.limit + 1 });
      const items = rows.slice(0, page.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > page.limit && last ? `${last.occurredAt}|${last.id}` : null };
    },

    timeline: (id: string) => store.timeline(id),

    /** Changes status and/or disposition; each change is a timeline line. Closing without a disposition is refused. */
    async update(actor: string, id: string, patch: { status?: Incident['status']; disposition?: Incident['disposition'] }): Promise<Incident> {
      const before = await this.get(id);
      const status = patch.status ?? before.status;
      const disposition = patch.disposition ?? before.disposition;
      if (status === 'closed' && !disposition) throw invalid('disposition_required', 'Give a disposition (the outcome) when closing an incident.');
      const updatedAt = clock().toISOString();
      await store.update(id, { status, disposition, updatedAt });
      if (status !== before.status) await store.addTimeline(entry(id, 'status', actor, `Status: ${before.status} → ${status}.`, { from: before.status, to: status }));
      if (disposition !== before.disposition) await store.addTimeline(entry(id, 'disposition', actor, `Disposition: ${disposition}.`, { disposition }));
      await bus.publish('incident.changed', { incidentId: id, change: 'status' });
      return { ...before, status, disposition, updatedAt };
    },

    async addNote(actor: string, id: string, text: string): Promise<TimelineEntry> {
      await this.get(id);
      const e = entry(id, 'note', actor, text);
      await store.addTimeline(e);
      await bus.publish('incident.changed', { incidentId: id, change: 'note' });
      return e;
    },

    /** A line written by another feature (a BOLO sent, a gunshot fix). */
    async record(id: string, kind: TimelineKind, actor: string, text: string, data: Record<string, unknown> | null = null): Promise<void> {
      await store.addTimeline(entry(id, kind, actor, text, data));
      await bus.publish('incident.changed', { incidentId: id, change: kind });
    },

    points: (filter: IncidentFilter, limit: number) => store.points(filter, limit),
  };
}
