import { describe, expect, it } from 'vitest';
import type { VehicleEvent } from '@camnet/core';
import type { VehicleEventStore } from './vehicle-event.store.ts';
import { createVehicleEventsService } from './vehicle-events.service.ts';

const event = (over: Partial<VehicleEvent> = {}): VehicleEvent => ({
  localId: 'l1', cameraId: 'c1', startedAt: '2026-11-22T10:00:00.000Z', endedAt: '2026-11-22T10:00:02.000Z', type: 'car', colour: 'red',
  colourConfidence: 0.8, colourAlt: null, plate: null, direction: 90, box: [0, 0, 10, 10], source: 'edge', ...over,
});

/** A store that records ingest calls and fails on anything else. */
function recordingStore() {
  const calls: { edgeId: string; events: VehicleEvent[]; receivedMs: number }[] = [];
  const fail = () => { throw new Error('unexpected store call'); };
  const store: VehicleEventStore = {
    async ingest(edgeId, events, receivedMs) { calls.push({ edgeId, events, receivedMs }); return { accepted: events.length, duplicates: 0 }; },
    search: fail, count: fail, facets: fail, findById: fail, thumbnail: fail, deleteBefore: fail,
  };
  return { store, calls };
}

describe('vehicle events service', () => {
  it('stamps the batch with the hub receive time and passes it to the store', async () => {
    const { store, calls } = recordingStore();
    const service = createVehicleEventsService({ store, clock: () => new Date('2026-11-22T10:00:05.000Z') });
    expect(await service.ingestBatch('edge-1', [event()])).toEqual({ accepted: 1, duplicates: 0 });
    expect(calls[0]).toMatchObject({ edgeId: 'edge-1', receivedMs: Date.parse('2026-11-22T10:00:05.000Z') });
  });

  it('refuses the whole batch when one event is invalid, writing nothing', async () => {
    const { store, calls } = recordingStore();
    const service = createVehicleEventsService({ store, clock: () => new Date() });
    await expect(service.ingestBatch('edge-1', [event(), { ...event(), type: 'spaceship' }])).rejects.toMatchObject({ id: 'vehicle_event_invalid' });
    expect(calls).toHaveLength(0);
  });

});

describe('vehicle events retention', () => {
  it('asks the store to delete everything older than the network maximum', async () => {
    const cutoffs: number[] = [];
    const store = { deleteBefore: async (ms: number) => { cutoffs.push(ms); return 7; } } as unknown as Parameters<typeof createVehicleEventsService>[0]['store'];
    const service = createVehicleEventsService({ store, clock: () => new Date('2026-11-22T00:00:00.000Z') });
    expect(await service.enforceRetention(30)).toEqual({ deleted: 7, before: '2026-10-23T00:00:00.000Z' });
    expect(cutoffs).toEqual([Date.parse('2026-10-23T00:00:00.000Z')]);
  });
});
