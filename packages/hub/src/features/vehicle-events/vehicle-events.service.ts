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

    /** Deletes events older than the network's retention; returns how many went and the cut-off. */
    async enforceRetention(maxDays: number): Promise<{ deleted: number; before: string }> {
      const beforeMs = clock().getTime() - maxDays * 86_400_000;
      return { deleted: await store.deleteBefore(beforeMs), before: new Date(beforeMs).toISOString() };
    },
  };
}
