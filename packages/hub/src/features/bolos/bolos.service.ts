import { invalid, newId, notFound } from '@camnet/core';
import type { EventBus } from '../../events/event-bus.ts';
import type { Principal } from '../../http/principal.ts';
import type { IncidentsService } from '../incidents/incidents.service.ts';
import type { Bolo, BoloAck, BoloInput, BoloStore } from './bolo.ts';

export type BolosService = ReturnType<typeof createBolosService>;

/** A BOLO as shown: with its acknowledgements and whether the viewer has acknowledged it. */
export type PresentedBolo = Bolo & { acks: BoloAck[]; acknowledgedByMe: boolean };

/** BOLOs: an operator sends one (from an incident or an event), patrol receives it live and acknowledges; the operator sees the ack. */
export function createBolosService({ store, incidents, bus, clock }: { store: BoloStore; incidents: IncidentsService; bus: EventBus; clock: () => Date }) {
  const present = (b: Bolo, acks: BoloAck[], viewer: Principal): PresentedBolo =>
    ({ ...b, acks: acks.filter((a) => a.boloId === b.id), acknowledgedByMe: acks.some((a) => a.boloId === b.id && a.userId === viewer.userId) });

  return {
    async send(sender: Principal, input: BoloInput): Promise<PresentedBolo> {
      if (input.incidentId) await incidents.get(input.incidentId);
      if (!input.plate && !input.description && !Object.values(input.vehicle).some(Boolean) && input.images.length === 0) {
        throw invalid('bolo_empty', 'Say what to look for: a plate, a vehicle, a description or an image.');
      }
      const now = clock().toISOString();
      const bolo: Bolo = {
        id: newId(clock().getTime()), incidentId: input.incidentId ?? null, eventId: input.eventId ?? null, title: input.title, plate: input.plate || null,
        vehicle: input.vehicle, description: input.description ?? null, images: input.images, lastSeenAt: input.lastSeenAt ?? null,
        lastSeenPlace: input.lastSeenPlace ?? null, lat: input.lat ?? null, lon: input.lon ?? null, sentBy: sender.email, createdAt: now,
      };
      await store.insert(bolo);
      if (bolo.incidentId) await incidents.record(bolo.incidentId, 'bolo', sender.email, `BOLO sent to patrol: ${bolo.title}${bolo.plate ? ` (plate ${bolo.plate})` : ''}.`, { boloId: bolo.id });
      await bus.publish('bolo.sent', { boloId: bolo.id, title: bolo.title, plate: bolo.plate, incidentId: bolo.incidentId });
      return present(bolo, [], sender);
    },

    async get(viewer: Principal, id: string): Promise<PresentedBolo> {
      const b = await store.findById(id);
      if (!b) throw notFound('bolo_not_found', `No BOLO with id ${id}.`);
      return present(b, await store.acksFor([id]), viewer);
    },

    async list(viewer: Principal, page: { cursor?: string; limit: number }) {
      const rows = await store.list({ before: page.cursor, limit: page.limit + 1 });
      const items = rows.slice(0, page.limit);
      const acks = await store.acksFor(items.map((b) => b.id));
      const last = items[items.length - 1];
      return { items: items.map((b) => present(b, acks, viewer)), nextCursor: rows.length > page.limit && last ? `${last.createdAt}|${last.id}` : null };
    },

    /** Records the viewer's acknowledgement once (a repeat answers the first) and tells the operators. */
    async acknowledge(viewer: Principal, id: string, note?: string): Promise<BoloAck> {
      const bolo = await this.get(viewer, id);
      const mine = bolo.acks.find((a) => a.userId === viewer.userId);
      if (mine) return mine;
      const ack: BoloAck = { boloId: id, userId: viewer.userId, userEmail: viewer.email, at: clock().toISOString(), note: note ?? null };
      if (!(await store.addAck(ack))) return (await store.acksFor([id])).find((a) => a.userId === viewer.userId)!;
      await bus.publish('bolo.acknowledged', { boloId: id, userId: ack.userId, userEmail: ack.userEmail, at: ack.at });
      if (bolo.incidentId) await incidents.record(bolo.incidentId, 'bolo', viewer.email, `BOLO “${bolo.title}” acknowledged by ${viewer.email}.`, { boloId: id });
      return ack;
    },
  };
}
