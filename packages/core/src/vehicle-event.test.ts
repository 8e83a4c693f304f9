import { describe, expect, it } from 'vitest';
import { vehicleEventSchema, type VehicleEvent } from './vehicle-event.ts';

const event = (over: Partial<VehicleEvent> = {}): VehicleEvent => ({
  localId: 'cam1-000001',
  cameraId: 'cam1',
  startedAt: '2026-11-22T10:00:00.000Z',
  endedAt: '2026-11-22T10:00:03.200Z',
  type: 'suv',
  colour: 'silver',
  colourConfidence: 0.7,
  colourAlt: 'gray',
  plate: { text: 'ABC1234', confidence: 0.9, chars: [{ c: 'A', confidence: 0.99 }], alternates: [{ text: 'ABC1Z34', confidence: 0.05 }] },
  direction: 90,
  box: [10, 20, 200, 120],
  source: 'edge',
  ...over,
});

describe('vehicleEventSchema', () => {
  it('accepts a complete edge event and one without a plate or direction', () => {
    expect(vehicleEventSchema.parse(event())).toMatchObject({ type: 'suv', plate: { text: 'ABC1234' } });
    expect(vehicleEventSchema.parse(event({ plate: null, direction: null })).plate).toBeNull();
  });
  it('rejects unknown colours, lower-case plates, out-of-range confidence and reversed times', () => {
    expect(vehicleEventSchema.safeParse({ ...event(), colour: 'teal' }).success).toBe(false);
    expect(vehicleEventSchema.safeParse(event({ plate: { text: 'abc123', confidence: 0.5, chars: [], alternates: [] } })).success).toBe(false);
    expect(vehicleEventSchema.safeParse(event({ colourConfidence: 1.5 })).success).toBe(false);
    expect(vehicleEventSchema.safeParse(event({ endedAt: '2026-11-22T09:59:00.000Z' })).success).toBe(false);
  });
});
