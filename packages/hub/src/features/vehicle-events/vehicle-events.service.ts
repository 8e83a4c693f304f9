import { invalid, vehicleEventSchema } from '@camnet/core';
import type { VehicleEvent } from '@camnet/core';
import type { IngestResult, VehicleEventStore } from './vehicle-event.store.ts';

export interface VehicleEventsServiceDeps {
  store: VehicleEventStore;
  clock: () => Date;
}

/** Most events one batch may carry (an edge sends one batch per camera per second or more). */
export const MAX_BATCH_EVENTS = 5000;

export type VehicleEventsService = ReturnType<typeof createVehicleEventsService>;

/** An edge outbox item as it arrives in an `events` batch (core's `OutboxEvent`). */
export interface OutboxItem {
  key: string;
  kind: string;
  payload: unknown;
}

/** Vehicle events arriving from edges: validated, stamped with the hub's receive time, stored once each. */
export function createVehicleEventsService({ store, clock }: VehicleEventsServiceDeps) {
  /** Stores one edge's batch; a repeated (edge, localId) is ignored, so retries are safe. All or nothing on bad input. */
  async function ingestBatch(edgeId: string, events: readonly unknown[]): Promise<IngestResult> {
    if (events.length > MAX_BATCH_EVENTS) throw invalid('batch_too_large', `A batch carries at most ${MAX_BATCH_EVENTS} events; this one has ${events.length}.`);
    const parsed: VehicleEvent[] = events.map((e, i) => {
      const r = vehicleEventSchema.safeParse(e);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw invalid('vehicle_event_invalid', `Event ${i}: ${issue.path.join('.')}: ${issue.message}`, { index: i, path: issue.path.join('.') });
      }
      return r.data;
    });
    return store.ingest(edgeId, parsed, clock().getTime());
  }

  return {
    ingestBatch,

    /**
     * The vehicle-event share of an edge's outbox batch (kind `vehicle_event`); items of other kinds come back in
     * `others` for their own features, so the edge-link sink can split one batch between several stores.
     */
    async ingestOutbox(edgeId: string, items: readonly OutboxItem[]): Promise<IngestResult & { others: OutboxItem[] }> {
      const mine = items.filter((i) => i.kind === 'vehicle_event');
      const result = mine.length ? await ingestBatch(edgeId, mine.map((i) => i.payload)) : { accepted: 0, duplicates: 0 };
      return { ...result, others: items.filter((i) => i.kind !== 'vehicle_event') };
    },
  };
}
