import { describe, expect, it } from 'vitest';
import { vehicleEventSchema } from '@camnet/core';
import { RecordingEventSink } from './event-sink.ts';
import { buildVehicleEvent, type FinishedVehicle } from './vehicle-event-builder.ts';

const vehicle = (over: Partial<FinishedVehicle> = {}): FinishedVehicle => ({
  trackId: 7, startS: 1.5, endS: 4.25, type: 'car', colour: 'red', colourConfidence: 0.8, colourAlt: 'orange',
  plate: { text: 'ABC123', confidence: 0.9, chars: [...'ABC123'].map((c) => ({ c, confidence: 0.9 })), alternates: [{ text: 'A8C123', confidence: 0.1 }], best: { text: 'ABC123', confidence: 0.9, chars: [], alternates: [], box: [0, 0, 1, 1] } },
  direction: 90, box: [10.4, 20.6, 100, 50], ...over,
});

describe('buildVehicleEvent', () => {
  it('turns a finished pass into a valid edge VehicleEvent with wall-clock times', async () => {
    const e = buildVehicleEvent(vehicle({ thumbnailJpeg: Uint8Array.from([0xff, 0xd8]) }), { cameraId: 'cam-1', streamStart: new Date('2026-11-22T10:00:00.000Z') });
    expect(vehicleEventSchema.safeParse(e).success).toBe(true);
    expect(e).toMatchObject({ cameraId: 'cam-1', source: 'edge', startedAt: '2026-11-22T10:00:01.500Z', endedAt: '2026-11-22T10:00:04.250Z', box: [10, 21, 100, 50] });
    expect(e.plate).toEqual({ text: 'ABC123', confidence: 0.9, chars: expect.any(Array), alternates: [{ text: 'A8C123', confidence: 0.1 }] });
    expect(e.thumbnailJpegBase64).toBe('/9g=');
    const sink = new RecordingEventSink();
    await sink.emit(e);
    expect(sink.events).toEqual([e]);
  });
  it('gives distinct local ids to distinct tracks and refuses an invalid event', () => {
    const ctx = { cameraId: 'c', streamStart: new Date(0) };
    expect(buildVehicleEvent(vehicle(), ctx).localId).not.toBe(buildVehicleEvent(vehicle({ trackId: 8 }), ctx).localId);
    expect(() => buildVehicleEvent(vehicle({ endS: 0 }), ctx)).toThrow();
  });
});
