import { vehicleEventSchema } from '@camnet/core';
import type { OutboxEvent } from '@camnet/core';
import type { VehicleEventsService } from './vehicle-events.service.ts';

/**
 * Takes an edge's outbox batch: vehicle events are stored once each; an item that is not valid is reported and
 * dropped rather than retried forever (a poison item must not block the edge's outbox behind it).
 */
export function createEdgeEventSink(vehicleEvents: VehicleEventsService, report: (problem: { edgeId: string; key: string; kind: string; message: string }) => void) {
  return async (edgeId: string, items: OutboxEvent[]): Promise<{ accepted: number; duplicates: number }> => {
    const events: unknown[] = [];
    for (const item of items) {
      if (item.kind !== 'vehicle_event') {
        report({ edgeId, key: item.key, kind: item.kind, message: `unknown outbox kind "${item.kind}"` });
        continue;
      }
      const parsed = vehicleEventSchema.safeParse(item.payload);
      if (parsed.success) events.push(parsed.data);
      else report({ edgeId, key: item.key, kind: item.kind, message: parsed.error.issues[0]?.message ?? 'invalid' });
    }
    const r = events.length ? await vehicleEvents.ingestBatch(edgeId, events) : { accepted: 0, duplicates: 0 };
    return { accepted: r.accepted, duplicates: r.duplicates };
  };
}
