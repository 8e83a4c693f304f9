import { COLOURS, VEHICLE_TYPES } from '@camnet/core';
import { describe, expect, it } from 'vitest';
import { cameraAiLocalId, CameraAiEventError, toVehicleEvent, type CameraAiEvent } from './camera-ai-event.ts';
import { COLOUR_WORDS, normaliseColour, normaliseDirection, normaliseVehicleType, VEHICLE_TYPE_WORDS } from './vocabulary.ts';

const make = (over: Partial<CameraAiEvent> = {}): CameraAiEvent => ({
  cameraId: 'cam', eventId: 'e1', startedAt: '2026-11-22T16:00:00.000Z', endedAt: '2026-11-22T16:00:01.000Z',
  type: null, colour: null, colourConfidence: null, plate: null, direction: null, box: null, ...over,
});

describe('camera-AI vocabularies', () => {
  it('folds camera words into camnet types and colours', () => {
    expect(['SUV', 'Sport utility', 'sport-utility vehicle', 'Crossover'].map(normaliseVehicleType)).toEqual(['suv', 'suv', 'suv', 'suv']);
    expect(['Sedan', 'Pick-up', 'Minivan', 'Lorry', 'Coach', 'Motorbike', 'Bike', 'Tank', null].map(normaliseVehicleType)).toEqual(['car', 'pickup', 'van', 'truck', 'bus', 'motorcycle', 'bicycle', 'unknown', 'unknown']);
    expect(['grey', 'Dark Gray', 'SILVER', 'navy', 'golden', 'pink', undefined].map(normaliseColour)).toEqual(['gray', 'gray', 'silver', 'blue', 'gold', null, null]);
  });

  it('maps only into the core vocabularies', () => {
    for (const t of Object.values(VEHICLE_TYPE_WORDS)) expect(VEHICLE_TYPES).toContain(t);
    for (const c of Object.values(COLOUR_WORDS)) expect(COLOURS).toContain(c);
  });

  it('reads directions as degrees from north; in/out stay unknown', () => {
    expect([0, 370, -90, 'N', 'ne', 'South-West', 'westbound', '135', 'in', 'out', null].map(normaliseDirection)).toEqual([0, 10, 270, 0, 45, 225, 270, 135, null, null, null]);
  });
});

describe('toVehicleEvent', () => {
  it('marks the source, normalises the plate and gives no per-character confidence it was not told', () => {
    const e = toVehicleEvent(make({ plate: { text: ' ab-12 3 ', confidence: 0.7 }, colour: 'Grey', colourConfidence: 0.9 }));
    expect(e).toMatchObject({ source: 'camera-ai', localId: 'ai:cam:e1', plate: { text: 'AB123', confidence: 0.7, chars: [], alternates: [] }, colour: 'gray', colourConfidence: 0.9, box: [0, 0, 0, 0] });
  });

  it('drops a plate with no letters or digits, and refuses one over 10', () => {
    expect(toVehicleEvent(make({ plate: { text: '--', confidence: 0.2 } })).plate).toBeNull();
    expect(() => toVehicleEvent(make({ plate: { text: 'ABCDEFGHIJK', confidence: 0.2 } }))).toThrow(CameraAiEventError);
  });

  it('keeps localIds within 64 characters and distinct per camera', () => {
    expect(cameraAiLocalId('a', 'x')).not.toBe(cameraAiLocalId('b', 'x'));
    const long = cameraAiLocalId('c'.repeat(100), 'x');
    expect(long).toMatch(/^ai:[0-9a-f]{40}$/);
    expect(long).toBe(cameraAiLocalId('c'.repeat(100), 'x'));
    expect(toVehicleEvent(make({ cameraId: 'c'.repeat(100), eventId: 'x' })).localId).toBe(long);
  });
});
